import { setStatus } from '../../model/objects';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Node } from 'kubernetes-types/core/v1';
import { createClusterState } from '../bootstrap';
import type { ClusterState, Timer } from '../clusterState';
import { peekTimer, popTimer } from '../eventQueue';
import type { PvcObject, PvObject } from '../storage';
import { createObject, getObject, listObjects, removeObject, updateObject } from '../store';
import { toTimestamp } from '../../model/duration';
import type { KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { attachDetachController } from './attachDetachController';

const MIN = 60_000;

/** A claim already Bound to a volume, as the PV controller leaves them. */
function addBoundClaim(
  state: ClusterState,
  claimName: string,
  pvName: string,
  options: { namespace?: string; accessModes?: string[]; source?: Partial<NonNullable<PvObject['spec']>> } = {},
): void {
  const namespace = options.namespace ?? 'default';
  const accessModes = options.accessModes ?? ['ReadWriteOnce'];
  const pvc = createObject<PvcObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: claimName, namespace },
    spec: { accessModes, resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: pvName },
    status: { phase: 'Bound', accessModes, capacity: { storage: '1Gi' } },
  });
  createObject<PvObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName },
    spec: {
      accessModes,
      capacity: { storage: '1Gi' },
      claimRef: { kind: 'PersistentVolumeClaim', namespace, name: claimName, uid: pvc.metadata.uid },
      ...(options.source ?? { csi: { driver: 'sim.csi/net-block', volumeHandle: pvName } }),
    },
    status: { phase: 'Bound' },
  });
}

function addPod(state: ClusterState, name: string, claim: string, nodeName?: string, namespace = 'default'): PodObject {
  return createObject<PodObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: {
      containers: [{ name: 'app', image: 'nginx' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
      ...(nodeName ? { nodeName } : {}),
    },
    status: { phase: 'Pending' },
  });
}

/** A graceful delete as the API server records it: deletionTimestamp = now + grace period. */
function deletePod(state: ClusterState, name: string, namespace = 'default', graceSeconds = 30): void {
  updateObject<KObject>(state, 'Pod', namespace, name, (draft) => {
    const meta = draft.metadata as { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
    meta.deletionTimestamp = toTimestamp(state.epochMs + state.now + graceSeconds * 1000);
    meta.deletionGracePeriodSeconds = graceSeconds;
  });
}

function setReady(state: ClusterState, node: string, status: 'True' | 'False' | 'Unknown'): void {
  updateObject<Node & KObject>(state, 'Node', undefined, node, (draft) => {
    for (const c of draft.status?.conditions ?? []) if (c.type === 'Ready') c.status = status;
  });
}

function attached(state: ClusterState, pv: string): string[] | undefined {
  return state.runtime.volumes[pv]?.attachedTo;
}

/** `<type> <reason>: <message>` of a pod's events. */
function events(state: ClusterState, pod: string): string[] {
  return state.events.filter((e) => e.involved.kind === 'Pod' && e.involved.name === pod).map((e) => `${e.type} ${e.reason}: ${e.message}`);
}

/** Fires the controller's timers up to `now + ms`, reconciling after each instant. */
function advance(state: ClusterState, ms: number): void {
  const end = state.now + ms;
  attachDetachController.reconcile(state);
  for (let next = peekTimer(state); next && next.at <= end; next = peekTimer(state)) {
    state.now = next.at;
    while (peekTimer(state)?.at === state.now) {
      const timer = popTimer(state) as Timer;
      attachDetachController.timers?.[timer.type]?.(state, timer);
    }
    attachDetachController.reconcile(state);
  }
  state.now = end;
}

describe('attachDetachController attach', () => {
  it('attaches a net-block volume to the node of a scheduled pod and says so on the pod', () => {
    const state = createClusterState();
    addBoundClaim(state, 'www-web-0', 'pvc-1');
    addPod(state, 'web-0', 'www-web-0');
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1') ?? []).toEqual([]);
    updateObject<PodObject>(state, 'Pod', 'default', 'web-0', (pod) => {
      if (pod.spec) pod.spec.nodeName = 'node-2';
    });
    attachDetachController.reconcile(state);
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
    expect(events(state, 'web-0')).toEqual(['Normal SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "pvc-1"']);
    expect(state.events[0]).toMatchObject({ source: 'attachdetach-controller', count: 1 });
  });

  it('does not attach net-file or local volumes, volumes of claims that are not Bound, or to a node that does not exist', () => {
    const state = createClusterState();
    addBoundClaim(state, 'files', 'pvc-nfs', { accessModes: ['ReadWriteMany'], source: { nfs: { server: 'nfs.storage.svc', path: '/exports/pvc-nfs' } } });
    addBoundClaim(state, 'local', 'pvc-local', { source: { hostPath: { path: '/var/local-path-provisioner/x' } } });
    createObject<PvcObject>(state, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pending', namespace: 'default' }, spec: {}, status: { phase: 'Pending' } });
    addPod(state, 'a', 'files', 'node-1');
    addPod(state, 'b', 'local', 'node-1');
    addPod(state, 'c', 'pending', 'node-1');
    addBoundClaim(state, 'lost-node', 'pvc-block');
    addPod(state, 'd', 'lost-node', 'node-9');
    attachDetachController.reconcile(state);
    expect(state.runtime.volumes).toEqual({});
    expect(state.events).toEqual([]);
  });

  it('attaches a ReadWriteMany net-block volume to several nodes', () => {
    const state = createClusterState();
    addBoundClaim(state, 'shared', 'pvc-rwx', { accessModes: ['ReadWriteMany'] });
    addPod(state, 'a', 'shared', 'node-1');
    addPod(state, 'b', 'shared', 'node-3');
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-rwx')).toEqual(['node-1', 'node-3']);
  });

  it('lets pods on the same node share an RWO volume', () => {
    const state = createClusterState();
    addBoundClaim(state, 'shared', 'pvc-1');
    addPod(state, 'a', 'shared', 'node-1');
    addPod(state, 'b', 'shared', 'node-1');
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-1']);
    expect(events(state, 'b')).toEqual(['Normal SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "pvc-1"']);
  });
});

describe('attachDetachController multi-attach (R9.11)', () => {
  it('serves the first pod and tells the others who holds the volume, once', () => {
    const state = createClusterState();
    addBoundClaim(state, 'shared-data', 'pvc-1');
    addPod(state, 'web-deploy-7c5ddbdf54-x8k2m', 'shared-data', 'node-2');
    state.now = 1000;
    addPod(state, 'web-deploy-7c5ddbdf54-b2d4f', 'shared-data', 'node-1');
    addPod(state, 'web-deploy-7c5ddbdf54-q9zzt', 'shared-data', 'node-3');
    attachDetachController.reconcile(state);
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
    const message = 'Warning FailedAttachVolume: Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) web-deploy-7c5ddbdf54-x8k2m';
    expect(events(state, 'web-deploy-7c5ddbdf54-b2d4f')).toEqual([message]);
    expect(events(state, 'web-deploy-7c5ddbdf54-q9zzt')).toEqual([message]);
    expect(state.events.every((e) => e.count === 1)).toBe(true);
  });

  it('counts holders in other namespaces without naming them', () => {
    const state = createClusterState();
    createObject(state, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    addBoundClaim(state, 'data', 'pvc-1');
    addPod(state, 'holder', 'data', 'node-1');
    attachDetachController.reconcile(state);
    // A second pod in another namespace using the same volume (through a claim of its own name there).
    createObject<PvcObject>(state, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'team' },
      spec: { volumeName: 'pvc-1' },
      status: { phase: 'Bound' },
    });
    addPod(state, 'foreign', 'data', 'node-1', 'team');
    addPod(state, 'local-waiter', 'data', 'node-2');
    addPod(state, 'foreign-waiter', 'data', 'node-3', 'team');
    attachDetachController.reconcile(state);
    expect(events(state, 'local-waiter')).toEqual([
      'Warning FailedAttachVolume: Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) holder and 1 pod(s) in different namespaces',
    ]);
    expect(events(state, 'foreign-waiter')).toEqual([
      'Warning FailedAttachVolume: Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) foreign and 1 pod(s) in different namespaces',
    ]);
  });

  it('reports an attachment no pod uses any more as exclusive', () => {
    const state = createClusterState();
    addBoundClaim(state, 'www-web-1', 'pvc-1');
    addPod(state, 'web-1', 'www-web-1', 'node-2');
    attachDetachController.reconcile(state);
    setReady(state, 'node-2', 'Unknown');
    // Force delete of the pod on the dead node (R12.11): the object is gone at once.
    removeObject(state, 'Pod', 'default', 'web-1');
    addPod(state, 'web-1', 'www-web-1', 'node-1');
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
    expect(events(state, 'web-1').at(-1)).toBe(
      "Warning FailedAttachVolume: Multi-Attach error for volume \"pvc-1\" Volume is already exclusively attached to one node and can't be attached to another",
    );
  });
});

describe('attachDetachController detach (R9.12)', () => {
  it('detaches from the old node and attaches on the new one in the same pass once the old pod is gone', () => {
    const state = createClusterState();
    addBoundClaim(state, 'www-web-0', 'pvc-1');
    addPod(state, 'web-0', 'www-web-0', 'node-1');
    attachDetachController.reconcile(state);
    removeObject(state, 'Pod', 'default', 'web-0');
    addPod(state, 'web-0', 'www-web-0', 'node-3');
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-3']);
    expect(events(state, 'web-0')).toEqual([
      'Normal SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "pvc-1"',
      'Normal SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "pvc-1"',
    ]);
    expect(state.events.map((e) => e.involved.uid)).toHaveLength(2);
  });

  it('keeps the volume for a Terminating pod on a healthy node, releases it once the pod is terminal', () => {
    const state = createClusterState();
    addBoundClaim(state, 'data', 'pvc-1');
    addPod(state, 'old', 'data', 'node-1');
    attachDetachController.reconcile(state);
    deletePod(state, 'old');
    addPod(state, 'new', 'data', 'node-2');
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-1']);
    expect(events(state, 'new')).toEqual(['Warning FailedAttachVolume: Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) old']);
    updateObject<PodObject>(state, 'Pod', 'default', 'old', (pod) => {
      setStatus(pod, { phase: 'Succeeded' });
    });
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
  });

  it('force-detaches from a NotReady node 6 minutes after the pod was deleted, then attaches elsewhere', () => {
    const state = createClusterState();
    addBoundClaim(state, 'data', 'pvc-1');
    addPod(state, 'old', 'data', 'node-1');
    attachDetachController.reconcile(state);
    state.now = 10_000;
    setReady(state, 'node-1', 'Unknown');
    deletePod(state, 'old');
    addPod(state, 'new', 'data', 'node-2');
    advance(state, 6 * MIN - 1000);
    expect(attached(state, 'pvc-1')).toEqual(['node-1']);
    expect(getObject(state, 'Pod', 'default', 'old')).toBeDefined();
    advance(state, 1000);
    expect(state.now).toBe(10_000 + 6 * MIN);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
    expect(events(state, 'new')).toEqual([
      'Warning FailedAttachVolume: Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) old',
      'Normal SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "pvc-1"',
    ]);
  });

  it('never force-detaches while the pod on the NotReady node is not being deleted', () => {
    const state = createClusterState();
    addBoundClaim(state, 'data', 'pvc-1');
    addPod(state, 'web-1', 'data', 'node-2');
    attachDetachController.reconcile(state);
    setReady(state, 'node-2', 'Unknown');
    advance(state, 20 * MIN);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
    expect(state.timers).toEqual([]);
  });

  it('starts the 6-minute clock when a pod on a NotReady node is force-deleted', () => {
    const state = createClusterState();
    addBoundClaim(state, 'data', 'pvc-1');
    addPod(state, 'web-1', 'data', 'node-2');
    attachDetachController.reconcile(state);
    setReady(state, 'node-2', 'False');
    state.now = 5000;
    removeObject(state, 'Pod', 'default', 'web-1');
    advance(state, 6 * MIN - 1000);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
    advance(state, 1000);
    expect(attached(state, 'pvc-1')).toEqual([]);
  });

  it('detaches at once from an out-of-service node', () => {
    const state = createClusterState();
    addBoundClaim(state, 'data', 'pvc-1');
    addPod(state, 'web-1', 'data', 'node-2');
    attachDetachController.reconcile(state);
    setReady(state, 'node-2', 'Unknown');
    updateObject<Node & KObject>(state, 'Node', undefined, 'node-2', (node) => {
      node.spec = { ...node.spec, taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] };
    });
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual(['node-2']);
    deletePod(state, 'web-1');
    attachDetachController.reconcile(state);
    expect(attached(state, 'pvc-1')).toEqual([]);
  });
});

describe('attachDetachController safety', () => {
  type Op =
    | { kind: 'create'; pod: number; node: number }
    | { kind: 'delete'; pod: number }
    | { kind: 'remove'; pod: number }
    | { kind: 'health'; node: number; ready: boolean }
    | { kind: 'wait'; minutes: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), pod: fc.nat(3), node: fc.nat(2) }),
    fc.record({ kind: fc.constant('delete' as const), pod: fc.nat(3) }),
    fc.record({ kind: fc.constant('remove' as const), pod: fc.nat(3) }),
    fc.record({ kind: fc.constant('health' as const), node: fc.nat(2), ready: fc.boolean() }),
    fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 8 }) }),
  );

  it('never attaches an RWO volume to two nodes at once', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const state = createClusterState();
        addBoundClaim(state, 'data', 'pvc-1');
        for (const o of ops) {
          const name = `p${'pod' in o ? o.pod : 0}`;
          const exists = getObject(state, 'Pod', 'default', name) !== undefined;
          if (o.kind === 'create' && !exists) addPod(state, name, 'data', `node-${o.node + 1}`);
          if (o.kind === 'delete' && exists) deletePod(state, name);
          if (o.kind === 'remove' && exists) removeObject(state, 'Pod', 'default', name);
          if (o.kind === 'health') setReady(state, `node-${o.node + 1}`, o.ready ? 'True' : 'Unknown');
          if (o.kind === 'wait') advance(state, o.minutes * MIN);
          else attachDetachController.reconcile(state);
          expect((attached(state, 'pvc-1') ?? []).length).toBeLessThanOrEqual(1);
          // Every live, non-terminating user that is not attached has been told why.
          for (const pod of listObjects<PodObject>(state, 'Pod')) {
            const node = pod.spec?.nodeName ?? '';
            if (pod.metadata.deletionTimestamp || attached(state, 'pvc-1')?.includes(node)) continue;
            expect(state.events.some((e) => e.involved.uid === pod.metadata.uid && e.reason === 'FailedAttachVolume')).toBe(true);
          }
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
