import { describe, expect, it } from 'vitest';
import type { PdbObject } from '../../engine/controllers/disruptionController';
import { getCondition, isPodReady, type PodObject } from '../../model/pod';
import { objects, outputOf, runScenarioText, tableRows } from '../../testing/scenarioHarness';
import drainPdb from './drain-pdb.yaml?raw';

const BUDGET_429 = `(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;

describe('drain-pdb: draining two nodes under minAvailable 2 takes one pod down at a time (R13.1–R13.5)', () => {
  const result = runScenarioText(drainPdb);
  const step = (command: string) => {
    const found = result.steps.find((s) => s.command === command);
    if (!found) throw new Error(`no step ${command}`);
    return found;
  };
  const pdbRow = (nth: number) => tableRows(outputOf(result, 'kubectl get pdb', nth))[1]?.slice(0, 4);
  const podChanges = result.state.changes.filter((c) => c.kind === 'Pod');

  it('shows ALLOWED DISRUPTIONS 1 at rest and 0 while web-0 is being replaced', () => {
    expect(tableRows(outputOf(result, 'kubectl get pdb', 0))[0]).toEqual(['NAME', 'MIN', 'AVAILABLE', 'MAX', 'UNAVAILABLE', 'ALLOWED', 'DISRUPTIONS', 'AGE']);
    expect(pdbRow(0)).toEqual(['web-pdb', '2', 'N/A', '1']);
    const during = tableRows(outputOf(result, 'kubectl get pods -o wide', 1));
    expect(during.find((r) => r[0] === 'web-0')?.slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
    expect(during.find((r) => r[0] === 'web-0')?.[6]).toBe('node-4');
    expect(pdbRow(1)).toEqual(['web-pdb', '2', 'N/A', '0']);
    expect(pdbRow(2)).toEqual(['web-pdb', '2', 'N/A', '1']);
  });

  it('drains node-1 at once with the usual lines', () => {
    expect(outputOf(result, 'kubectl drain node-1 --ignore-daemonsets')).toBe(
      ['node/node-1 cordoned', 'evicting pod default/web-0', 'pod/web-0 evicted', 'node/node-1 drained'].join('\n'),
    );
  });

  it('blocks the node-2 drain with a 429 until web-0 is Ready again, retrying 5 s later', () => {
    expect(outputOf(result, 'kubectl drain node-2 --ignore-daemonsets')).toBe(
      [
        'node/node-2 cordoned',
        'evicting pod default/web-1',
        `error when evicting pods/"web-1" -n "default" ${BUDGET_429}`,
        'evicting pod default/web-1',
        'pod/web-1 evicted',
        'node/node-2 drained',
      ].join('\n'),
    );
    const start = step('kubectl drain node-2 --ignore-daemonsets').at;
    const oldWeb1 = podChanges.find((c) => c.object.metadata.name === 'web-1')?.object.metadata.uid;
    const evictedAt = podChanges.find((c) => c.object.metadata.uid === oldWeb1 && c.object.metadata.deletionTimestamp)?.at;
    expect(evictedAt).toBe(start + 5000);
    const newWeb0ReadyAt = podChanges.find((c) => c.at > step('kubectl drain node-1 --ignore-daemonsets').at && c.object.metadata.name === 'web-0' && isPodReady(c.object as PodObject))?.at;
    expect(newWeb0ReadyAt).toBeGreaterThan(start);
    expect(newWeb0ReadyAt).toBeLessThan(start + 5000);
  });

  it('never has fewer than two healthy web pods once the drains begin', () => {
    const from = step('kubectl drain node-1 --ignore-daemonsets').at;
    const pods = new Map<string, PodObject>();
    let fewest = Infinity;
    for (const change of podChanges) {
      if (change.type === 'DELETED') pods.delete(change.key);
      else pods.set(change.key, change.object as PodObject);
      if (change.at < from) continue;
      const healthy = [...pods.values()].filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
      fewest = Math.min(fewest, healthy);
    }
    expect(fewest).toBe(2);
  });

  it('marks both evicted pods with DisruptionTarget EvictionByEvictionAPI', () => {
    const deleted = podChanges.filter((c) => c.type === 'DELETED').map((c) => c.object as PodObject);
    expect(deleted.map((p) => p.metadata.name)).toEqual(['web-0', 'web-1']);
    for (const pod of deleted) {
      expect(getCondition(pod, 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    }
  });

  it('records each approved eviction in disruptedPods at once, consuming the one allowed disruption', () => {
    const statuses = result.state.changes.filter((c) => c.kind === 'PodDisruptionBudget').map((c) => (c.object as PdbObject).status);
    const withWeb0 = statuses.find((s) => s?.disruptedPods?.['web-0']);
    const withWeb1 = statuses.find((s) => s?.disruptedPods?.['web-1']);
    expect(withWeb0).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 3 });
    expect(withWeb1).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 3 });
    expect(withWeb0?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' });
  });

  it('ends with three Ready pods, a settled budget and the describe view', () => {
    const pods = tableRows(outputOf(result, 'kubectl get pods -o wide', 3)).slice(1);
    expect(pods.map((r) => [r[0], r[1], r[2], r[6]])).toEqual([
      ['web-0', '1/1', 'Running', 'node-4'],
      ['web-1', '1/1', 'Running', 'node-3'],
      ['web-2', '1/1', 'Running', 'node-3'],
    ]);
    const [pdb] = objects<PdbObject>(result, 'PodDisruptionBudget');
    expect(pdb?.status).toMatchObject({ observedGeneration: 1, expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 });
    expect(pdb?.status?.disruptedPods).toBeUndefined();
    expect(pdb?.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([['DisruptionAllowed', 'True', 'SufficientPods']]);
    expect(outputOf(result, 'kubectl describe pdb web-pdb')).toBe(
      [
        'Name:           web-pdb',
        'Namespace:      default',
        'Min available:  2',
        'Selector:       app=nginx',
        'Status:',
        '    Allowed disruptions:  1',
        '    Current:              3',
        '    Desired:              2',
        '    Total:                3',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });
});

/** A 3-replica `web` StatefulSet (one pod per node) plus the given budgets, stable, then `script`. */
function withBudgets(budgets: string, script: string[]): string {
  const indent = (text: string) => text.replace(/^/gm, '      ');
  const web = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
`;
  const lines = ['kubectl apply -f web.yaml', 'kubectl apply -f pdb.yaml', 'sim wait --stable', ...script];
  return `apiVersion: ordinal.dev/v1alpha1
kind: Scenario
metadata: {name: drain-budgets}
spec:
  files:
    web.yaml: |
${indent(web)}
    pdb.yaml: |
${indent(budgets)}
  script:
${lines.map((l) => `    - ${JSON.stringify(l)}`).join('\n')}
`;
}

const MIN_AVAILABLE_3 = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec:
  minAvailable: 3
  selector: {matchLabels: {app: nginx}}
`;

describe('kubectl drain against PodDisruptionBudgets', () => {
  it('fails a pod two budgets select with the 500 message and names the pending pod', () => {
    const result = runScenarioText(
      withBudgets(
        `${MIN_AVAILABLE_3.replace('minAvailable: 3', 'minAvailable: 1')}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-max}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: nginx}}
`,
        ['kubectl drain node-2 --ignore-daemonsets', 'kubectl get pods'],
      ),
    );
    const error = 'error when evicting pods/"web-1" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
    expect(outputOf(result, 'kubectl drain node-2 --ignore-daemonsets')).toBe(
      [
        'node/node-2 cordoned',
        'evicting pod default/web-1',
        `There are pending pods in node "node-2" when an error occurred: ${error}`,
        'pod/web-1',
        `error: unable to drain node "node-2" due to error: ${error}, continuing command...`,
        'There are pending nodes to be drained:',
        ' node-2',
        error,
      ].join('\n'),
    );
    expect(result.steps.find((s) => s.command.startsWith('kubectl drain'))?.exitCode).toBe(1);
    expect(tableRows(outputOf(result, 'kubectl get pods')).find((r) => r[0] === 'web-1')?.slice(1, 3)).toEqual(['1/1', 'Running']);
  });

  it('retries a CrashLooping pod every 5 s until --timeout under IfHealthyBudget, and lets it go under AlwaysAllow (R13.4)', () => {
    const result = runScenarioText(
      withBudgets(MIN_AVAILABLE_3, [
        'sim crash web-2 --loop',
        'sim advance 30s',
        'kubectl drain node-3 --ignore-daemonsets --timeout=12s',
        `kubectl patch pdb web-pdb -p '{"spec":{"unhealthyPodEvictionPolicy":"AlwaysAllow"}}'`,
        'kubectl drain node-3 --ignore-daemonsets',
      ]),
    );
    const refused = [`evicting pod default/web-2`, `error when evicting pods/"web-2" -n "default" ${BUDGET_429}`];
    const timeout = 'error when evicting pods/"web-2" -n "default": global timeout reached: 12s';
    const blocked = result.steps.find((s) => s.command === 'kubectl drain node-3 --ignore-daemonsets --timeout=12s');
    expect(blocked?.output).toBe(
      [
        'node/node-3 cordoned',
        ...refused,
        ...refused,
        ...refused,
        'evicting pod default/web-2',
        `There are pending pods in node "node-3" when an error occurred: ${timeout}`,
        'pod/web-2',
        `error: unable to drain node "node-3" due to error: ${timeout}, continuing command...`,
        'There are pending nodes to be drained:',
        ' node-3',
        timeout,
      ].join('\n'),
    );
    expect(blocked?.exitCode).toBe(1);
    // Attempts at 0, 5 and 10 s; the one at 15 s finds the 12 s deadline passed.
    const next = result.steps[result.steps.indexOf(blocked as (typeof result.steps)[number]) + 1];
    expect((next?.at ?? 0) - (blocked?.at ?? 0)).toBe(15_000);
    expect(outputOf(result, 'kubectl drain node-3 --ignore-daemonsets')).toBe(
      ['node/node-3 already cordoned', 'evicting pod default/web-2', 'pod/web-2 evicted', 'node/node-3 drained'].join('\n'),
    );
  });

  it('evicts an unready pod without a budget decision while the healthy pods suffice (IfHealthyBudget)', () => {
    const result = runScenarioText(
      withBudgets(MIN_AVAILABLE_3.replace('minAvailable: 3', 'minAvailable: 2'), ['sim break-readiness web-2', 'sim advance 40s', 'kubectl get pdb', 'kubectl drain node-3 --ignore-daemonsets']),
    );
    expect(tableRows(outputOf(result, 'kubectl get pdb'))[1]?.slice(0, 4)).toEqual(['web-pdb', '2', 'N/A', '0']);
    expect(outputOf(result, 'kubectl drain node-3 --ignore-daemonsets')).toBe(
      ['node/node-3 cordoned', 'evicting pod default/web-2', 'pod/web-2 evicted', 'node/node-3 drained'].join('\n'),
    );
  });
});
