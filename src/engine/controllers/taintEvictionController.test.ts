import { describe, expect, it } from 'vitest';
import { Session } from '../../kubectl/session';
import type { PodObject } from '../../model/pod';
import { createScenarioState } from '../../scenarios/runScenario';
import type { ClusterState } from '../clusterState';
import { advanceTo } from '../simulation';
import { getObject } from '../store';
import type { NodeObject } from './nodeHealth';
import { evictionDueAt, TAINT_EVICTION_TIMER } from './taintEvictionController';

/** Bare pods on node-1: one with no toleration of `dedicated`, one tolerating it 30 s, one forever. */
const PODS = `apiVersion: v1
kind: Pod
metadata: {name: plain}
spec:
  nodeName: node-1
  terminationGracePeriodSeconds: 10
  containers: [{name: nginx, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: brief}
spec:
  nodeName: node-1
  terminationGracePeriodSeconds: 10
  tolerations: [{key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 30}]
  containers: [{name: nginx, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: forever}
spec:
  nodeName: node-1
  terminationGracePeriodSeconds: 10
  tolerations: [{key: dedicated, operator: Exists, effect: NoExecute}]
  containers: [{name: nginx, image: nginx:1.27}]
`;

function cluster(files: Record<string, string> = { 'pods.yaml': PODS }): { state: ClusterState; run: (line: string) => string } {
  const state = createScenarioState({ name: 'taints', seed: 3, files, script: [] });
  const session = new Session(state, files);
  const run = (line: string) => session.run(line).output;
  run('kubectl apply -f pods.yaml');
  run('sim wait --stable');
  advanceTo(state, 20_000);
  return { state, run };
}

function pod(state: ClusterState, name: string): PodObject | undefined {
  return getObject<PodObject>(state, 'Pod', 'default', name);
}

function evictionEvents(state: ClusterState): string[] {
  return state.events
    .filter((e) => e.reason === 'TaintManagerEviction')
    .map((e) => `${e.firstAt / 1000}s ${e.involved.name}${e.involved.uid ? '' : ' (no uid)'} ${e.type} ${e.source} ${e.message}`);
}

describe('taintEvictionController', () => {
  it('evicts at once a pod that does not tolerate a NoExecute taint: event, DisruptionTarget, graceful delete', () => {
    const { state, run } = cluster();
    run('kubectl taint nodes node-1 dedicated=db:NoExecute');
    expect(evictionEvents(state)).toEqual(['20s plain Normal taint-eviction-controller Marking for deletion Pod default/plain']);
    const plain = pod(state, 'plain');
    expect(plain?.metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    expect(plain?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: '2025-01-01T00:00:20Z',
    });
    // The node's kubelet is alive, so the graceful deletion completes.
    advanceTo(state, 25_000);
    expect(pod(state, 'plain')).toBeUndefined();
  });

  it('evicts a pod when its tolerationSeconds run out, counted from the taint, and never one tolerating without seconds', () => {
    const { state, run } = cluster();
    run('kubectl taint nodes node-1 dedicated=db:NoExecute');
    expect(state.timers.filter((t) => t.type === TAINT_EVICTION_TIMER).map((t) => `${t.target}@${t.at}`)).toEqual(['default/brief@50000']);
    advanceTo(state, 49_999);
    expect(pod(state, 'brief')?.metadata.deletionTimestamp).toBeUndefined();
    advanceTo(state, 50_000);
    expect(pod(state, 'brief')?.metadata.deletionTimestamp).toBeDefined();
    advanceTo(state, 60 * 60_000);
    expect(pod(state, 'forever')?.metadata.deletionTimestamp).toBeUndefined();
    expect(evictionEvents(state)).toEqual([
      '20s plain Normal taint-eviction-controller Marking for deletion Pod default/plain',
      '50s brief Normal taint-eviction-controller Marking for deletion Pod default/brief',
    ]);
  });

  it('cancels a pending eviction with an event when the taint goes away first', () => {
    const { state, run } = cluster();
    run('kubectl taint nodes node-1 dedicated=db:NoExecute');
    advanceTo(state, 40_000);
    run('kubectl taint nodes node-1 dedicated:NoExecute-');
    expect(state.timers.filter((t) => t.type === TAINT_EVICTION_TIMER)).toEqual([]);
    advanceTo(state, 120_000);
    expect(pod(state, 'brief')?.metadata.deletionTimestamp).toBeUndefined();
    expect(evictionEvents(state)).toEqual([
      '20s plain Normal taint-eviction-controller Marking for deletion Pod default/plain',
      '40s brief Normal taint-eviction-controller Cancelling deletion of Pod default/brief',
    ]);
  });

  it('cancels a pending eviction, naming the pod without uid, when the pod is deleted first', () => {
    const { state, run } = cluster();
    run('kubectl taint nodes node-1 dedicated=db:NoExecute');
    advanceTo(state, 30_000);
    run('kubectl delete pod brief --grace-period=0 --force');
    expect(evictionEvents(state)).toContain('30s brief (no uid) Normal taint-eviction-controller Cancelling deletion of Pod default/brief');
    expect(state.timers.filter((t) => t.type === TAINT_EVICTION_TIMER)).toEqual([]);
  });

  it('replaces a pending eviction with an immediate one when an untolerated taint is added (Cancelling, then Marking)', () => {
    const { state, run } = cluster();
    run('kubectl taint nodes node-1 dedicated=db:NoExecute');
    advanceTo(state, 30_000);
    run('kubectl taint nodes node-1 maintenance=now:NoExecute');
    expect(evictionEvents(state).slice(1)).toEqual([
      '30s brief Normal taint-eviction-controller Cancelling deletion of Pod default/brief',
      '30s brief Normal taint-eviction-controller Marking for deletion Pod default/brief',
      '30s forever Normal taint-eviction-controller Marking for deletion Pod default/forever',
    ]);
  });

  it('counts a pod bound after the taint from its binding', () => {
    const { state } = cluster();
    const brief = pod(state, 'brief') as PodObject;
    const node = getObject<NodeObject>(state, 'Node', undefined, 'node-1') as NodeObject;
    const tainted: NodeObject = { ...node, spec: { taints: [{ key: 'dedicated', effect: 'NoExecute', timeAdded: '2024-12-31T23:00:00Z' }] } };
    // brief was created (bound) at t=0: the countdown starts then, not an hour earlier.
    expect(evictionDueAt(state, brief, tainted)).toBe(30_000);
    const later: NodeObject = { ...node, spec: { taints: [{ key: 'dedicated', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:05Z' }] } };
    expect(evictionDueAt(state, brief, later)).toBe(35_000);
    expect(evictionDueAt(state, pod(state, 'forever') as PodObject, later)).toBeUndefined();
    expect(evictionDueAt(state, pod(state, 'plain') as PodObject, later)).toBe(state.now);
    expect(evictionDueAt(state, brief, node)).toBeUndefined();
  });
});
