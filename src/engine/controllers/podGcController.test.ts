import { describe, expect, it } from 'vitest';
import { Session } from '../../kubectl/session';
import type { PodObject } from '../../model/pod';
import { createScenarioState } from '../../scenarios/runScenario';
import type { ClusterState } from '../clusterState';
import { advanceTo } from '../simulation';
import { getObject } from '../store';

const PODS = ['node-1', 'node-2']
  .map((node, i) => `apiVersion: v1
kind: Pod
metadata: {name: app-${i + 1}}
spec:
  nodeName: ${node}
  terminationGracePeriodSeconds: 10
  containers: [{name: nginx, image: nginx:1.27}]
`)
  .join('---\n');

function cluster(): { state: ClusterState; run: (line: string) => string } {
  const state = createScenarioState({ name: 'podgc', seed: 5, files: { 'pods.yaml': PODS }, script: [] });
  const session = new Session(state, { 'pods.yaml': PODS });
  const run = (line: string) => session.run(line).output;
  run('kubectl apply -f pods.yaml');
  run('sim wait --stable');
  advanceTo(state, 20_000);
  return { state, run };
}

function pod(state: ClusterState, name: string): PodObject | undefined {
  return getObject<PodObject>(state, 'Pod', 'default', name);
}

/** The pod's last two writes: what PodGC set before the removal. */
function lastWrites(state: ClusterState, name: string): string[] {
  return state.changes
    .filter((c) => c.kind === 'Pod' && c.object.metadata.name === name)
    .slice(-2)
    .map((c) => {
      const p = c.object as PodObject;
      const target = p.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
      return `${c.at / 1000}s ${c.type} ${p.status?.phase}${target ? ` ${target.reason} ${target.message}` : ''}`;
    });
}

describe('podGcController', () => {
  it('force-deletes the pods of a vanished node after the 40 s quarantine, marking them Failed first', () => {
    const { state, run } = cluster();
    run('sim remove-node node-2');
    advanceTo(state, 59_999);
    expect(pod(state, 'app-2')).toBeDefined();
    advanceTo(state, 60_000);
    expect(pod(state, 'app-2')).toBeUndefined();
    expect(lastWrites(state, 'app-2')).toEqual([
      '60s MODIFIED Failed DeletionByPodGC PodGC: node no longer exists',
      '60s DELETED Failed DeletionByPodGC PodGC: node no longer exists',
    ]);
    expect(pod(state, 'app-1')?.status?.phase).toBe('Running');
  });

  it('spares the pods when a node of that name is back before the quarantine ends', () => {
    const { state, run } = cluster();
    const uid = pod(state, 'app-2')?.metadata.uid;
    run('sim remove-node node-2');
    advanceTo(state, 40_000);
    run('sim add-node node-2');
    advanceTo(state, 120_000);
    expect(pod(state, 'app-2')?.metadata.uid).toBe(uid);
  });

  it('force-deletes a terminating pod on a NotReady node tainted out-of-service at once (R12.10)', () => {
    const { state, run } = cluster();
    run('sim node-down node-2');
    advanceTo(state, 80_000);
    expect(run('kubectl get nodes')).toMatch(/node-2\s+NotReady/);
    run('kubectl delete pod app-2 --wait=false');
    advanceTo(state, 200_000);
    expect(pod(state, 'app-2')?.metadata.deletionTimestamp).toBeDefined();
    run('kubectl taint nodes node-2 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute');
    expect(pod(state, 'app-2')).toBeUndefined();
    expect(lastWrites(state, 'app-2')).toEqual(['200s MODIFIED Failed', '200s DELETED Failed']);
  });

  it('leaves terminating pods of a Ready out-of-service node to their kubelet', () => {
    const { state, run } = cluster();
    run('kubectl taint nodes node-1 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute');
    // Evicted by the taint manager, but still there: the live kubelet stops it gracefully.
    expect(pod(state, 'app-1')?.metadata.deletionTimestamp).toBeDefined();
    expect(pod(state, 'app-1')?.status?.phase).toBe('Running');
    advanceTo(state, 30_000);
    expect(pod(state, 'app-1')).toBeUndefined();
    expect(lastWrites(state, 'app-1')[1]).toBe('21s DELETED Succeeded DeletionByTaintManager Taint manager: deleting due to NoExecute taint');
  });
});
