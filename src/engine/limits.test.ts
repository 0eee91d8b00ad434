import { describe, expect, it } from 'vitest';
import { runScenarioText, outputOf } from '../testing/scenarioHarness';

const scenario = (replicas: number) => `apiVersion: ordinal.dev/v1alpha1
kind: Scenario
metadata: {name: huge}
spec:
  files:
    big.yaml: |
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: big}
      spec:
        serviceName: big
        replicas: ${replicas}
        selector: {matchLabels: {app: big}}
        template:
          metadata: {labels: {app: big}}
          spec:
            containers: [{name: c, image: nginx}]
  script:
    - kubectl apply -f big.yaml
    - kubectl scale sts big --replicas=100000
    - kubectl get sts big
`;

describe('limits', () => {
  it('refuses 100000 replicas on apply with a message naming the limit, and creates nothing', () => {
    const result = runScenarioText(scenario(100000));
    expect(outputOf(result, 'kubectl apply -f big.yaml')).toBe(
      'The StatefulSet "big" is invalid: spec.replicas: Invalid value: 100000: Ordinal simulates at most 5000 replicas per workload',
    );
    expect(outputOf(result, 'kubectl get sts big')).toBe('Error from server (NotFound): statefulsets.apps "big" not found');
  });

  it('refuses scaling beyond the limit and keeps the current size', () => {
    const result = runScenarioText(scenario(1));
    expect(outputOf(result, 'kubectl scale sts big --replicas=100000')).toMatch(/at most 5000 replicas per workload$/);
    expect(outputOf(result, 'kubectl get sts big')).toMatch(/big\s+\d\/1/);
  });
});
