import type { Container, PersistentVolumeClaim, PodSpec, Taint } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../model/objects';
import { getCondition, type PodObject } from '../../model/pod';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import type { PvcObject, PvObject } from '../storage';
import { createObject, getObject, removeObject, updateObject } from '../store';
import { scheduler } from './scheduler';

const STS_UID = 'sts-web-uid';

function makePod(name: string, spec: Partial<PodSpec> = {}, meta: Partial<ObjectMeta> = {}): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status: { phase: 'Pending' },
  };
}

function container(requests: Record<string, string>, extra: Partial<Container> = {}): Container {
  return { name: 'app', image: 'nginx', resources: { requests }, ...extra };
}

/** A StatefulSet-like replica: owner reference, app label, optional claim. */
function replica(name: string, claim?: string, spec: Partial<PodSpec> = {}): PodObject {
  return makePod(
    name,
    { ...(claim ? { volumes: [{ name: 'www', persistentVolumeClaim: { claimName: claim } }] } : {}), ...spec },
    {
      labels: { app: 'nginx' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: STS_UID, controller: true }],
    },
  );
}

function addPod(state: ClusterState, pod: PodObject): PodObject {
  return createObject(state, pod);
}

function claim(name: string, storageClassName: string, extra: Partial<PersistentVolumeClaim['spec']> = {}): PvcObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName, ...extra },
    status: { phase: 'Pending' },
  };
}

function volume(name: string, opts: { node?: string; storageClassName?: string; size?: string } = {}): PvObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: opts.size ?? '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: opts.storageClassName ?? '',
      ...(opts.node
        ? {
            local: { path: `/mnt/${name}` },
            nodeAffinity: {
              required: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [opts.node] }] }],
              },
            },
          }
        : { hostPath: { path: `/tmp/${name}` } }),
    },
    status: { phase: 'Available' },
  };
}

/** What the PV controller does once a claim has a node: a PV (pinned to `node` if given), both sides Bound. */
function fakeProvision(state: ClusterState, claimName: string, node?: string): void {
  const pvc = getObject<PvcObject>(state, 'PersistentVolumeClaim', 'default', claimName) as PvcObject;
  const pvName = `pvc-${pvc.metadata.uid}`;
  createObject(state, {
    ...volume(pvName, { node, storageClassName: pvc.spec?.storageClassName }),
    status: { phase: 'Bound' },
  });
  updateObject<PvcObject>(state, 'PersistentVolumeClaim', 'default', claimName, (draft) => {
    if (draft.spec) draft.spec.volumeName = pvName;
    (draft as { status?: PersistentVolumeClaim['status'] }).status = { phase: 'Bound' };
  });
}

function patchNode(state: ClusterState, name: string, change: (node: KObject & { spec?: { unschedulable?: boolean; taints?: Taint[] } }) => void): void {
  updateObject(state, 'Node', undefined, name, change);
}

function cordon(state: ClusterState, name: string): void {
  patchNode(state, name, (node) => {
    node.spec = { ...node.spec, unschedulable: true, taints: [...(node.spec?.taints ?? []), { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] };
  });
}

function taint(state: ClusterState, name: string, t: Taint): void {
  patchNode(state, name, (node) => {
    node.spec = { ...node.spec, taints: [...(node.spec?.taints ?? []), t] };
  });
}

function pod(state: ClusterState, name: string): PodObject {
  return getObject<PodObject>(state, 'Pod', 'default', name) as PodObject;
}

function nodeOf(state: ClusterState, name: string): string | undefined {
  return pod(state, name).spec?.nodeName;
}

function scheduledMessage(state: ClusterState, name: string): string | undefined {
  return getCondition(pod(state, name), 'PodScheduled')?.message;
}

function eventsOf(state: ClusterState, name: string, reason: string) {
  return state.events.filter((e) => e.involved.name === name && e.reason === reason);
}

/** Three pods requesting 1500m, one per node: the cluster is full on cpu (S28). */
function fillCpu(state: ClusterState): void {
  for (const [i, node] of ['node-1', 'node-2', 'node-3'].entries()) {
    addPod(state, makePod(`big-${i}`, { nodeName: node, containers: [container({ cpu: '1500m' })] }));
  }
}

describe('scheduler', () => {
  it('reports S28: every node short of cpu, no preemption victims', () => {
    const state = createClusterState();
    fillCpu(state);
    addPod(state, makePod('web-3', { containers: [container({ cpu: '1500m' })] }));
    scheduler.reconcile(state);
    const message =
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(nodeOf(state, 'web-3')).toBeUndefined();
    expect(getCondition(pod(state, 'web-3'), 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    const failed = eventsOf(state, 'web-3', 'FailedScheduling');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ type: 'Warning', source: 'default-scheduler', message, count: 1 });
  });

  it('writes nothing and bumps no event count when an unchanged failure is re-checked', () => {
    const state = createClusterState();
    fillCpu(state);
    addPod(state, makePod('web-3', { containers: [container({ cpu: '1500m' })] }));
    scheduler.reconcile(state);
    const rv = state.counters.rv;
    scheduler.reconcile(state);
    scheduler.reconcile(state);
    expect(state.counters.rv).toBe(rv);
    expect(eventsOf(state, 'web-3', 'FailedScheduling')[0]?.count).toBe(1);
  });

  it('retries an unschedulable pod once the cluster changes (a blocking pod goes away)', () => {
    const state = createClusterState();
    fillCpu(state);
    addPod(state, makePod('web-3', { containers: [container({ cpu: '1500m' })] }));
    scheduler.reconcile(state);
    // A terminal pod no longer holds resources.
    updateObject<PodObject>(state, 'Pod', 'default', 'big-1', (p) => {
      (p as { status?: PodObject['status'] }).status = { phase: 'Succeeded' };
    });
    scheduler.reconcile(state);
    expect(nodeOf(state, 'web-3')).toBe('node-2');
    expect(getCondition(pod(state, 'web-3'), 'PodScheduled')?.status).toBe('True');
  });

  it('counts terminating pods against the node but not terminal ones', () => {
    const state = createClusterState({ nodes: [{ name: 'node-1' }] });
    addPod(state, makePod('old', { nodeName: 'node-1', containers: [container({ cpu: '1500m' })] }, { deletionTimestamp: '2025-01-01T00:00:00Z' }));
    addPod(state, makePod('new', { containers: [container({ cpu: '1' })] }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'new')).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('lists every shortage of a node, and calls a request bigger than the node unresolvable', () => {
    const state = createClusterState();
    addPod(state, makePod('huge', { containers: [container({ cpu: '3', memory: '5Gi' })] }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'huge')).toBe(
      '0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('uses the larger of the containers sum and the biggest init container', () => {
    const state = createClusterState({ nodes: [{ name: 'node-1' }] });
    addPod(state, makePod('init', { initContainers: [container({ cpu: '2500m' }, { name: 'setup' })], containers: [container({ cpu: '100m' })] }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'init')).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('refuses a node whose pod count is at its allocatable pods', () => {
    const state = createClusterState({ nodes: [{ name: 'node-1', pods: 1 }] });
    addPod(state, makePod('first'));
    addPod(state, makePod('second'));
    scheduler.reconcile(state);
    expect(nodeOf(state, 'first')).toBe('node-1');
    expect(scheduledMessage(state, 'second')).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('binds with one write: nodeName, PodScheduled=True and a Scheduled event', () => {
    const state = createClusterState();
    addPod(state, makePod('solo'));
    const rv = state.counters.rv;
    scheduler.reconcile(state);
    expect(state.counters.rv).toBe(rv + 1);
    expect(nodeOf(state, 'solo')).toBe('node-1');
    expect(getCondition(pod(state, 'solo'), 'PodScheduled')).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' });
    expect(eventsOf(state, 'solo', 'Scheduled')[0]).toMatchObject({
      type: 'Normal',
      source: 'default-scheduler',
      message: 'Successfully assigned default/solo to node-1',
    });
  });

  it('re-evaluates an unschedulable pod when the pod itself changes (a toleration is added)', () => {
    const state = createClusterState({ nodes: [{ name: 'node-1', taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }] });
    addPod(state, makePod('app'));
    scheduler.reconcile(state);
    expect(nodeOf(state, 'app')).toBeUndefined();
    updateObject<PodObject>(state, 'Pod', 'default', 'app', (p) => {
      if (p.spec) p.spec.tolerations = [{ key: 'dedicated', operator: 'Exists' }];
    });
    scheduler.reconcile(state);
    expect(nodeOf(state, 'app')).toBe('node-1');
  });

  it('leaves pods that name their node or another scheduler alone', () => {
    const state = createClusterState();
    addPod(state, makePod('pinned', { nodeName: 'node-3' }));
    addPod(state, makePod('custom', { schedulerName: 'my-scheduler' }));
    addPod(state, makePod('gated', { schedulingGates: [{ name: 'example.com/wait' }] }));
    const rv = state.counters.rv;
    scheduler.reconcile(state);
    expect(state.counters.rv).toBe(rv);
    expect(state.events).toHaveLength(0);
  });

  it('spreads three replicas of one StatefulSet over the three nodes (web-0/1/2 on node-1/2/3)', () => {
    const state = createClusterState();
    for (const i of [0, 1, 2]) {
      addPod(state, replica(`web-${i}`));
      scheduler.reconcile(state);
    }
    expect(['web-0', 'web-1', 'web-2'].map((n) => nodeOf(state, n))).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('prefers the node with fewer replicas of the same owner when free resources tie', () => {
    const state = createClusterState();
    // node-1 and node-2 carry the same load; only node-1's pod belongs to the StatefulSet.
    addPod(state, { ...replica('web-0'), spec: { nodeName: 'node-1', containers: [container({ cpu: '1', memory: '1Gi' })] } });
    addPod(state, makePod('other', { nodeName: 'node-2', containers: [container({ cpu: '1', memory: '1Gi' })] }));
    addPod(state, makePod('filler', { nodeName: 'node-3', containers: [container({ cpu: '1500m', memory: '2Gi' })] }));
    addPod(state, replica('web-1'));
    scheduler.reconcile(state);
    expect(nodeOf(state, 'web-1')).toBe('node-2');
  });
});

describe('scheduler filters', () => {
  it('reports untolerated taints with their value (empty value as `{key: }`) and cordoned nodes', () => {
    const state = createClusterState();
    taint(state, 'node-1', { key: 'dedicated', value: 'db', effect: 'NoSchedule' });
    taint(state, 'node-2', { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });
    cordon(state, 'node-3');
    addPod(state, makePod('app'));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'app')).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('lets a tolerating pod through, and ignores PreferNoSchedule', () => {
    const state = createClusterState();
    taint(state, 'node-1', { key: 'dedicated', value: 'db', effect: 'NoSchedule' });
    taint(state, 'node-2', { key: 'dedicated', value: 'db', effect: 'NoSchedule' });
    taint(state, 'node-3', { key: 'soft', value: 'x', effect: 'PreferNoSchedule' });
    addPod(state, makePod('plain'));
    addPod(state, makePod('db', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] }));
    scheduler.reconcile(state);
    expect(nodeOf(state, 'plain')).toBe('node-3');
    expect(nodeOf(state, 'db')).toBe('node-1');
  });

  it('honours nodeSelector and reports a mismatch as node affinity/selector', () => {
    const state = createClusterState();
    addPod(state, makePod('zone-b', { nodeSelector: { 'topology.kubernetes.io/zone': 'b' } }));
    addPod(state, makePod('zone-x', { nodeSelector: { 'topology.kubernetes.io/zone': 'x' } }));
    scheduler.reconcile(state);
    expect(nodeOf(state, 'zone-b')).toBe('node-2');
    expect(scheduledMessage(state, 'zone-x')).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('stops at the first failing plugin of each node (cordon before resources)', () => {
    const state = createClusterState();
    fillCpu(state);
    cordon(state, 'node-1');
    addPod(state, makePod('web-3', { containers: [container({ cpu: '1500m' })] }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'web-3')).toBe(
      '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('rejects nodes whose host port is taken', () => {
    const state = createClusterState();
    const withPort = (port: number) => [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, hostPort: port }] }];
    for (const node of ['node-1', 'node-2', 'node-3']) addPod(state, makePod(`holder-${node}`, { nodeName: node, containers: withPort(8080) }));
    addPod(state, makePod('clash', { containers: withPort(8080) }));
    addPod(state, makePod('other-port', { containers: withPort(9090) }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'clash')).toBe(
      "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
    expect(nodeOf(state, 'other-port')).toBe('node-1');
  });

  it('reports the R10.3 anti-affinity example', () => {
    const state = createClusterState();
    cordon(state, 'node-1');
    for (const node of ['node-2', 'node-3']) addPod(state, makePod(`zk-${node}`, { nodeName: node }, { labels: { app: 'zk' } }));
    const antiAffinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'zk' } }, topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    addPod(state, makePod('zk-2', { affinity: antiAffinity }, { labels: { app: 'zk' } }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'zk-2')).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
  });

  it('keeps a pod away from nodes whose pods have anti-affinity against it', () => {
    const state = createClusterState();
    const antiWeb = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    addPod(state, makePod('loner', { nodeName: 'node-1', affinity: antiWeb }));
    cordon(state, 'node-2');
    addPod(state, makePod('web-a', {}, { labels: { app: 'web' } }));
    scheduler.reconcile(state);
    expect(nodeOf(state, 'web-a')).toBe('node-3');
    addPod(state, makePod('web-b', { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }, { labels: { app: 'web' } }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'web-b')).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't satisfy existing pods anti-affinity rules, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('places a pod next to the pods its required affinity names, and lets the first of a self-affine group go anywhere', () => {
    const state = createClusterState();
    const nearCache = {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    addPod(state, makePod('orphan', { affinity: nearCache }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'orphan')).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    cordon(state, 'node-1');
    addPod(state, makePod('cache-0', { affinity: nearCache }, { labels: { app: 'cache' } }));
    scheduler.reconcile(state);
    // cache-0 matches its own term, so it may start the group; the orphan is retried and follows it.
    expect(nodeOf(state, 'cache-0')).toBe('node-2');
    expect(nodeOf(state, 'orphan')).toBe('node-2');
  });

  it('enforces DoNotSchedule topology spread with maxSkew', () => {
    const state = createClusterState();
    const spread = [
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } },
    ];
    addPod(state, makePod('web-a', { nodeName: 'node-1' }, { labels: { app: 'web' } }));
    cordon(state, 'node-2');
    cordon(state, 'node-3');
    addPod(state, makePod('web-b', { topologySpreadConstraints: spread }, { labels: { app: 'web' } }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'web-b')).toBe(
      "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('says so when the cluster has no nodes', () => {
    const state = createClusterState({ nodes: [] });
    addPod(state, makePod('lonely'));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'lonely')).toBe('no nodes available to schedule pods');
  });

  it('does not offer preemption to a pod with preemptionPolicy Never', () => {
    const state = createClusterState();
    fillCpu(state);
    addPod(state, makePod('meek', { preemptionPolicy: 'Never', containers: [container({ cpu: '1500m' })] }));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'meek')).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });
});

describe('scheduler volumes', () => {
  it('reports S26: an unbound claim of an Immediate (class "") binding is a PreFilter rejection', () => {
    const state = createClusterState();
    createObject(state, claim('www-st-2', ''));
    addPod(state, replica('st-2', 'www-st-2'));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'st-2')).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('reports a missing claim and a claim being deleted', () => {
    const state = createClusterState();
    addPod(state, replica('web-0', 'www-web-0'));
    createObject(state, { ...claim('www-web-1', 'standard'), metadata: { name: 'www-web-1', namespace: 'default', deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: ['kubernetes.io/pvc-protection'] } });
    addPod(state, replica('web-1', 'www-web-1'));
    scheduler.reconcile(state);
    const tail = '. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(scheduledMessage(state, 'web-0')).toBe(`0/3 nodes are available: persistentvolumeclaim "www-web-0" not found${tail}`);
    expect(scheduledMessage(state, 'web-1')).toBe(`0/3 nodes are available: persistentvolumeclaim "www-web-1" is being deleted${tail}`);
  });

  it('reports S30: local volume pinned to a cordoned node', () => {
    const state = createClusterState({ defaultStorageClass: 'local-path' });
    createObject(state, claim('www-web-1', 'local-path'));
    fakeProvision(state, 'www-web-1', 'node-2');
    cordon(state, 'node-2');
    addPod(state, replica('web-1', 'www-web-1'));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'web-1')).toBe(
      '0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('WaitForFirstConsumer: annotates the claim, assumes the node, and binds only once the claim is Bound', () => {
    const state = createClusterState();
    createObject(state, claim('www-web-0', 'standard'));
    addPod(state, replica('web-0', 'www-web-0'));
    scheduler.reconcile(state);
    const pvc = getObject<PvcObject>(state, 'PersistentVolumeClaim', 'default', 'www-web-0');
    expect(pvc?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('node-1');
    expect(state.runtime.assumed).toEqual({ 'default/web-0': 'node-1' });
    expect(nodeOf(state, 'web-0')).toBeUndefined();
    expect(eventsOf(state, 'web-0', 'Scheduled')).toHaveLength(0);
    // Still provisioning: nothing more happens.
    const rv = state.counters.rv;
    scheduler.reconcile(state);
    expect(state.counters.rv).toBe(rv);
    fakeProvision(state, 'www-web-0');
    scheduler.reconcile(state);
    expect(nodeOf(state, 'web-0')).toBe('node-1');
    expect(eventsOf(state, 'web-0', 'Scheduled')[0]?.message).toBe('Successfully assigned default/web-0 to node-1');
    expect(state.runtime.assumed).toEqual({});
  });

  it('counts assumed pods on their node, so a Parallel burst spreads web-0/1/2 over node-1/2/3', () => {
    const state = createClusterState();
    for (const i of [0, 1, 2]) {
      createObject(state, claim(`www-web-${i}`, 'standard'));
      addPod(state, replica(`web-${i}`, `www-web-${i}`));
    }
    scheduler.reconcile(state);
    expect(state.runtime.assumed).toEqual({ 'default/web-0': 'node-1', 'default/web-1': 'node-2', 'default/web-2': 'node-3' });
    for (const i of [0, 1, 2]) fakeProvision(state, `www-web-${i}`);
    scheduler.reconcile(state);
    expect(['web-0', 'web-1', 'web-2'].map((n) => nodeOf(state, n))).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('drops an assumption whose node was cordoned, takes the annotation back and picks another node', () => {
    const state = createClusterState();
    createObject(state, claim('www-web-0', 'standard'));
    addPod(state, replica('web-0', 'www-web-0'));
    scheduler.reconcile(state);
    cordon(state, 'node-1');
    scheduler.reconcile(state);
    expect(state.runtime.assumed).toEqual({ 'default/web-0': 'node-2' });
    const pvc = getObject<PvcObject>(state, 'PersistentVolumeClaim', 'default', 'www-web-0');
    expect(pvc?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('node-2');
  });

  it('drops an assumption whose node was deleted', () => {
    const state = createClusterState();
    createObject(state, claim('www-web-0', 'standard'));
    addPod(state, replica('web-0', 'www-web-0'));
    scheduler.reconcile(state);
    removeObject(state, 'Node', undefined, 'node-1');
    scheduler.reconcile(state);
    expect(state.runtime.assumed).toEqual({ 'default/web-0': 'node-2' });
  });

  it('keeps a WFFC claim that already names a node pinned to it (the binder fast path)', () => {
    const state = createClusterState();
    createObject(state, {
      ...claim('www-web-0', 'standard'),
      metadata: { name: 'www-web-0', namespace: 'default', annotations: { 'volume.kubernetes.io/selected-node': 'node-3' } },
    });
    cordon(state, 'node-3');
    addPod(state, replica('web-0', 'www-web-0'));
    scheduler.reconcile(state);
    expect(scheduledMessage(state, 'web-0')).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('lets other pods of a shared claim wait for its volume instead of following the first pod', () => {
    const state = createClusterState();
    createObject(state, claim('shared-data', 'standard'));
    for (const name of ['deploy-a', 'deploy-b']) addPod(state, makePod(name, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'shared-data' } }] }));
    scheduler.reconcile(state);
    expect(state.runtime.assumed).toEqual({ 'default/deploy-a': 'node-1' });
    expect(getCondition(pod(state, 'deploy-b'), 'PodScheduled')).toBeUndefined();
    fakeProvision(state, 'shared-data');
    scheduler.reconcile(state);
    expect([nodeOf(state, 'deploy-a'), nodeOf(state, 'deploy-b')]).toEqual(['node-1', 'node-2']);
  });

  it('needs a static PV on the node for a WFFC claim of a class without provisioner', () => {
    const state = createClusterState();
    createObject(state, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-storage' },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    createObject(state, volume('local-pv-3', { node: 'node-3', storageClassName: 'local-storage' }));
    createObject(state, claim('data-a', 'local-storage'));
    createObject(state, claim('data-b', 'local-storage'));
    addPod(state, makePod('a', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data-a' } }] }));
    addPod(state, makePod('b', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data-b' } }] }));
    scheduler.reconcile(state);
    // a takes the only PV (node-3); b finds none left anywhere.
    expect(state.runtime.assumed).toEqual({ 'default/a': 'node-3' });
    expect(scheduledMessage(state, 'b')).toBe(
      "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('refuses a second user of a ReadWriteOncePod claim', () => {
    const state = createClusterState();
    createObject(state, claim('solo', 'standard', { accessModes: ['ReadWriteOncePod'] }));
    fakeProvision(state, 'solo');
    const volumes = [{ name: 'd', persistentVolumeClaim: { claimName: 'solo' } }];
    addPod(state, makePod('first', { volumes }));
    addPod(state, makePod('second', { volumes }));
    scheduler.reconcile(state);
    expect(nodeOf(state, 'first')).toBe('node-1');
    expect(scheduledMessage(state, 'second')).toBe(
      '0/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });
});
