import { describe, expect, it } from 'vitest';
import { eventsOf, outputOf, pod, runScenarioText } from '../../testing/scenarioHarness';
import scenario from './r11-liveness.yaml?raw';

describe('R11.4 a failing liveness probe restarts the container in the same pod', () => {
  const result = runScenarioText(scenario);

  it('kills the container after failureThreshold failures and restarts it', () => {
    const events = eventsOf(result, 'pod/web-0');
    const unhealthy = events.find((e) => e.reason === 'Unhealthy');
    expect(unhealthy?.type).toBe('Warning');
    expect(unhealthy?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    const killing = events.find((e) => e.reason === 'Killing');
    expect(killing?.message).toBe('Container nginx failed liveness probe, will be restarted');
    // three failures 5 s apart (failureThreshold 3, periodSeconds 5), then the kill
    expect((killing?.firstAt ?? 0) - (unhealthy?.firstAt ?? 0)).toBe(10_000);
    expect(unhealthy?.count).toBeGreaterThanOrEqual(3);
  });

  it('keeps the pod (same UID) and counts one restart; fixed, it stays up', () => {
    const uids = new Set(result.state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.name === 'web-0').map((c) => c.object.metadata.uid));
    expect(uids.size).toBe(1);
    expect(pod(result, 'web-0')?.status?.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(outputOf(result, 'kubectl get pods')).toMatch(/web-0\s+1\/1\s+Running\s+1 \(\d+s ago\)/);
  });

  it('refuses to break the liveness of a container that has no liveness probe', () => {
    result.session.run('kubectl run solo --image=nginx:1.27');
    result.session.run('sim wait --stable');
    const other = result.session.run('sim break-liveness solo');
    expect(other.output).toMatch(/^error: pod solo has no liveness probe/);
    expect(other.exitCode).toBe(1);
  });
});
