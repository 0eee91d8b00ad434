import { describe, expect, it } from 'vitest';
import { eventLines, outputOf, pod, runScenarioText } from '../../testing/scenarioHarness';
import scenario from './pod-image-change.yaml?raw';

describe('kubectl set image on a running pod', () => {
  const result = runScenarioText(scenario);

  it('kills the container, pulls the new image and restarts it in the same pod', () => {
    const events = eventLines(result, 'pod/solo');
    expect(events).toContain('Killing Container main definition changed, will be restarted');
    expect(events).toContain('Pulling Pulling image "nginx:1.26"');
    const status = pod(result, 'solo')?.status?.containerStatuses?.[0];
    expect(status?.image).toBe('docker.io/library/nginx:1.26');
    expect(status?.restartCount).toBe(1);
    expect(outputOf(result, 'sim wait --stable', 1)).toMatch(/solo\s+1\/1\s+Running\s+1 \(3s ago\)/);
  });
});
