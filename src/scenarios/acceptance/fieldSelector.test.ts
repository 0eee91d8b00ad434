import { describe, expect, it } from 'vitest';
import { outputOf, runScenarioText } from '../../testing/scenarioHarness';
import scenario from './field-selector.yaml?raw';

describe('kubectl get --field-selector', () => {
  const result = runScenarioText(scenario);

  it('filters events by involved object and reason', () => {
    const rows = outputOf(result, 'kubectl get events').split('\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/Normal\s+Pulled\s+pod\/solo\s+Successfully pulled image "nginx:1.25"/);
  });

  it('filters objects by status and spec fields', () => {
    expect(outputOf(result, 'kubectl get pods --field-selector status.phase=Running')).toMatch(/^NAME.*\nsolo\s+1\/1\s+Running/);
    expect(outputOf(result, 'kubectl get pods --field-selector spec.nodeName=node-2')).toBe('No resources found in default namespace.');
  });
});
