import { describe, expect, it } from 'vitest';
import { addedOrder, eventLines, outputOf, runScenarioText } from '../../testing/scenarioHarness';
import orphan from './r5-orphan-readopt.yaml?raw';
import ordinals from './r2-ordinals-start.yaml?raw';

const names = (table: string) => table.split('\n').slice(1).map((l) => l.split(/\s+/)[0]);

describe('R5.6 non-cascading delete and re-adoption', () => {
  const result = runScenarioText(orphan);

  it('leaves the pods running without an owner, and does not replace a deleted orphan', () => {
    expect(names(outputOf(result, 'kubectl get pods', 0))).toEqual(['web-0', 'web-1', 'web-2']);
    expect(names(outputOf(result, 'kubectl get pods', 1))).toEqual(['web-1', 'web-2']);
    expect(outputOf(result, 'kubectl get pod web-1 -o yaml', 0)).not.toContain('ownerReferences');
  });

  it('re-adopts matching pods, recreates web-0 first, then removes web-2 beyond the new size', () => {
    expect(names(outputOf(result, 'kubectl get pods', 2))).toEqual(['web-0', 'web-1']);
    expect(outputOf(result, 'kubectl get pod web-1 -o yaml', 1)).toMatch(/ownerReferences:\n\s+- apiVersion: apps\/v1\n\s+blockOwnerDeletion: true\n\s+controller: true\n\s+kind: StatefulSet\n\s+name: web/);
    const events = eventLines(result, 'statefulset/web');
    const created = events.indexOf('SuccessfulCreate create Pod web-0 in StatefulSet web successful', 3);
    const deleted = events.indexOf('SuccessfulDelete delete Pod web-2 in StatefulSet web successful');
    expect(created).toBeGreaterThan(-1);
    expect(deleted).toBeGreaterThan(created);
    expect(outputOf(result, 'kubectl apply -f web2.yaml').split('\n')).toEqual(['service/nginx unchanged', 'statefulset.apps/web created']);
  });
});

describe('R2.1 ordinals.start', () => {
  const result = runScenarioText(ordinals);

  it('numbers pods and claims from the start ordinal and scales down from the top', () => {
    expect(addedOrder(result).slice(0, 3)).toEqual(['web-5', 'web-6', 'web-7']);
    expect(names(outputOf(result, 'kubectl get pvc'))).toEqual(['www-web-5', 'www-web-6', 'www-web-7']);
    expect(names(outputOf(result, 'kubectl get pods', 1))).toEqual(['web-5']);
  });
});
