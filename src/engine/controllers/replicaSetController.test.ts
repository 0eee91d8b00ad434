import { describe, expect, it } from 'vitest';
import { toTimestamp } from '../../model/duration';
import { setStatus } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import { deleteObject } from '../deletion';
import { advanceBy, reconcile } from '../simulation';
import { createObject, getObject, listObjects, updateObject } from '../store';
import { NAME_ALPHABET } from '../random';
import { replicaSetController, type RsObject } from './replicaSetController';

function addReplicaSet(state: ClusterState, replicas: number, extra: Partial<NonNullable<RsObject['spec']>> = {}): RsObject {
  return createObject<RsObject>(state, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'front', namespace: 'default', labels: { app: 'front' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'front' } },
      template: {
        metadata: { labels: { app: 'front', tier: 'web' }, annotations: { note: 'kept' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
      },
      ...extra,
    },
  });
}

function pods(state: ClusterState): PodObject[] {
  return listObjects<PodObject>(state, 'Pod');
}

function rs(state: ClusterState): RsObject {
  return getObject<RsObject>(state, 'ReplicaSet', 'default', 'front') as RsObject;
}

function rsEvents(state: ClusterState): string[] {
  return state.events.filter((e) => e.involved.kind === 'ReplicaSet').map((e) => `${e.reason} ${e.message} (${e.source})`);
}

/** Marks a pod Running and Ready since `agoMs` before now, on `node`. */
function makeReady(state: ClusterState, name: string, node = 'node-1', agoMs = 0): void {
  updateObject<PodObject>(state, 'Pod', 'default', name, (p) => {
    if (p.spec) p.spec.nodeName = node;
    setStatus(p, {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: toTimestamp(state.epochMs + state.now - agoMs) }],
    });
  });
}

function addPod(state: ClusterState, name: string, labels: Record<string, string>): PodObject {
  return createObject<PodObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    status: { phase: 'Pending' },
  });
}

describe('replicaSetController', () => {
  it('creates every missing pod at once, named <rs>-<5 random chars> from the template', () => {
    const state = createClusterState({ seed: 3 });
    const set = addReplicaSet(state, 3);
    replicaSetController.reconcile(state);
    const created = pods(state);
    expect(created).toHaveLength(3);
    const suffix = new RegExp(`^front-[${NAME_ALPHABET}]{5}$`);
    for (const pod of created) {
      expect(pod.metadata.name).toMatch(suffix);
      expect(pod.metadata.generateName).toBe('front-');
      expect(pod.metadata.labels).toEqual({ app: 'front', tier: 'web' });
      expect(pod.metadata.annotations).toEqual({ note: 'kept' });
      expect(pod.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'front', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
      expect(pod.spec?.hostname).toBeUndefined();
      expect(pod.spec?.subdomain).toBeUndefined();
    }
    const names = state.changes.filter((c) => c.kind === 'Pod' && c.type === 'ADDED').map((c) => c.object.metadata.name);
    expect(rsEvents(state)).toEqual(names.map((n) => `SuccessfulCreate Created pod: ${n} (replicaset-controller)`));
    expect(new Set(state.changes.filter((c) => c.kind === 'Pod').map((c) => c.at))).toEqual(new Set([0]));
  });

  it('reports replicas, fully labelled, ready and available pods in its status', () => {
    const state = createClusterState();
    addReplicaSet(state, 2);
    replicaSetController.reconcile(state);
    // Like upstream, the status of the sync that created the pods counts what existed before.
    expect(rs(state).status).toEqual({ observedGeneration: 1, replicas: 0 });
    const [a, b] = pods(state).map((p) => p.metadata.name) as [string, string];
    makeReady(state, a);
    updateObject<PodObject>(state, 'Pod', 'default', b, (p) => {
      p.metadata.labels = { app: 'front' };
    });
    replicaSetController.reconcile(state);
    expect(rs(state).status).toEqual({ availableReplicas: 1, fullyLabeledReplicas: 1, observedGeneration: 1, readyReplicas: 1, replicas: 2 });
  });

  it('replaces a terminating pod at once and does not count terminal pods', () => {
    const state = createClusterState();
    addReplicaSet(state, 2);
    replicaSetController.reconcile(state);
    const [a, b] = pods(state).map((p) => p.metadata.name) as [string, string];
    makeReady(state, a);
    deleteObject(state, 'Pod', 'default', a);
    updateObject<PodObject>(state, 'Pod', 'default', b, (p) => setStatus(p, { phase: 'Failed' }));
    replicaSetController.reconcile(state);
    const now = pods(state);
    expect(now).toHaveLength(4);
    expect(now.filter((p) => p.metadata.name !== a && p.metadata.name !== b)).toHaveLength(2);
    expect(getObject<PodObject>(state, 'Pod', 'default', a)?.metadata.deletionTimestamp).toBeDefined();
  });

  it('scales down by rank: the pod that is not Ready goes, with a SuccessfulDelete event', () => {
    const state = createClusterState();
    addReplicaSet(state, 3);
    replicaSetController.reconcile(state);
    const [a, b, c] = pods(state).map((p) => p.metadata.name) as [string, string, string];
    makeReady(state, a, 'node-1');
    makeReady(state, c, 'node-3');
    updateObject<PodObject>(state, 'Pod', 'default', b, (p) => {
      if (p.spec) p.spec.nodeName = 'node-2';
    });
    updateObject<RsObject>(state, 'ReplicaSet', 'default', 'front', (r) => {
      if (r.spec) r.spec.replicas = 2;
    });
    replicaSetController.reconcile(state);
    // Bound to a node, it terminates gracefully.
    const deleting = pods(state).filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name);
    expect(deleting).toEqual([b]);
    expect(rsEvents(state).at(-1)).toBe(`SuccessfulDelete Deleted pod: ${b} (replicaset-controller)`);
    expect(pods(state).map((p) => p.metadata.name).sort()).toEqual([a, b, c].sort());
  });

  it('adopts a matching orphan instead of creating a pod, and releases a pod whose labels stop matching', () => {
    const state = createClusterState();
    addPod(state, 'stray', { app: 'front' });
    const set = addReplicaSet(state, 1);
    replicaSetController.reconcile(state);
    expect(pods(state).map((p) => p.metadata.name)).toEqual(['stray']);
    expect(getObject<PodObject>(state, 'Pod', 'default', 'stray')?.metadata.ownerReferences?.[0]?.uid).toBe(set.metadata.uid);

    updateObject<PodObject>(state, 'Pod', 'default', 'stray', (p) => {
      p.metadata.labels = { app: 'debug' };
    });
    replicaSetController.reconcile(state);
    expect(getObject<PodObject>(state, 'Pod', 'default', 'stray')?.metadata.ownerReferences).toBeUndefined();
    expect(pods(state)).toHaveLength(2);
  });

  it('leaves pods controlled by another owner alone', () => {
    const state = createClusterState();
    const other = addPod(state, 'taken', { app: 'front' });
    updateObject<PodObject>(state, 'Pod', 'default', other.metadata.name, (p) => {
      p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'x', uid: 'uid-x', controller: true }];
    });
    addReplicaSet(state, 1);
    replicaSetController.reconcile(state);
    expect(pods(state)).toHaveLength(2);
  });

  it('counts a pod available only minReadySeconds after it became Ready', () => {
    const state = createClusterState();
    addReplicaSet(state, 1, { minReadySeconds: 10 });
    reconcile(state);
    advanceBy(state, 5000);
    const ready = rs(state).status;
    expect(ready?.readyReplicas).toBe(1);
    expect(ready?.availableReplicas).toBeUndefined();
    advanceBy(state, 10_000);
    expect(rs(state).status?.availableReplicas).toBe(1);
  });
});
