import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { Session } from '../../kubectl/session';
import type { PodObject } from '../../model/pod';
import { podReadyText, podStatusText } from '../../model/pod';
import { createScenarioState } from '../../scenarios/runScenario';
import type { ClusterState } from '../clusterState';
import { advanceTo } from '../simulation';
import { getObject } from '../store';
import { lastHeartbeatAt, nextMonitorTick } from './nodeHealth';
import { NODE_MONITOR_TIMER } from './nodeLifecycleController';

/** One bare nginx pod pinned to each node. */
const PODS = ['node-1', 'node-2', 'node-3']
  .map((node, i) => `apiVersion: v1
kind: Pod
metadata: {name: app-${i + 1}, labels: {app: demo}}
spec:
  nodeName: ${node}
  terminationGracePeriodSeconds: 10
  containers: [{name: nginx, image: nginx:1.27}]
`)
  .join('---\n');

function cluster(): { state: ClusterState; run: (line: string) => string } {
  const state = createScenarioState({ name: 'nodes', seed: 7, files: { 'pods.yaml': PODS }, script: [] });
  const session = new Session(state, { 'pods.yaml': PODS });
  const run = (line: string) => session.run(line).output;
  run('kubectl apply -f pods.yaml');
  run('sim wait --stable');
  return { state, run };
}

function node(state: ClusterState, name: string): Node {
  return getObject<Node>(state, 'Node', undefined, name) as Node;
}

function pod(state: ClusterState, name: string): PodObject {
  return getObject<PodObject>(state, 'Pod', 'default', name) as PodObject;
}

function conditions(state: ClusterState, name: string): string[] {
  return (node(state, name).status?.conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason ?? ''} ${c.message ?? ''}`);
}

function taints(state: ClusterState, name: string): string[] {
  return (node(state, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
}

function events(state: ClusterState, reason: string): string[] {
  return state.events.filter((e) => e.reason === reason).map((e) => `${e.involved.kind}/${e.involved.name} ${e.type} ${e.source} ${e.message}`);
}

describe('lastHeartbeatAt / nextMonitorTick', () => {
  it('takes the last heartbeat at or before the moment the kubelet stopped, counted from its start', () => {
    const state = createScenarioState({ name: 'hb', seed: 1, files: {}, script: [] });
    expect(lastHeartbeatAt(state, { kubeletUp: false, images: [], nextIp: 2, cidrIndex: 1, lastHeartbeat: 0, downSince: 47_000 })).toBe(40_000);
    expect(lastHeartbeatAt(state, { kubeletUp: false, images: [], nextIp: 2, cidrIndex: 1, lastHeartbeat: 3_000, downSince: 47_000 })).toBe(43_000);
    expect(lastHeartbeatAt(state, { kubeletUp: false, images: [], nextIp: 2, cidrIndex: 1, lastHeartbeat: 0, downSince: 50_000 })).toBe(50_000);
    state.now = 45_000;
    expect(lastHeartbeatAt(state, { kubeletUp: true, images: [], nextIp: 2, cidrIndex: 1, lastHeartbeat: 12_000 })).toBe(42_000);
    expect(nextMonitorTick(state, 93_000)).toBe(95_000);
    expect(nextMonitorTick(state, 95_000)).toBe(95_000);
  });
});

describe('nodeLifecycleController', () => {
  it.each([
    [40_000, 90_000],
    [47_000, 90_000],
    [43_500, 90_000],
    [50_000, 100_000],
  ])('notices a kubelet that stopped at %ims on the first monitor tick after last heartbeat + 50 s (%ims)', (downAt, noticedAt) => {
    const { state, run } = cluster();
    advanceTo(state, downAt);
    run('sim node-down node-2');
    advanceTo(state, noticedAt - 1);
    expect(run('kubectl get nodes')).toMatch(/node-2\s+Ready/);
    expect(events(state, 'NodeNotReady')).toEqual([]);
    advanceTo(state, noticedAt);
    expect(run('kubectl get nodes')).toMatch(/node-2\s+NotReady/);
    expect(state.events.find((e) => e.reason === 'NodeNotReady')?.firstAt).toBe(noticedAt);
  });

  it('sets the four kubelet conditions Unknown, taints the node unreachable and records NodeNotReady', () => {
    const { state, run } = cluster();
    advanceTo(state, 40_000);
    run('sim node-down node-2');
    advanceTo(state, 90_000);
    expect(conditions(state, 'node-2')).toEqual([
      'MemoryPressure Unknown NodeStatusUnknown Kubelet stopped posting node status.',
      'DiskPressure Unknown NodeStatusUnknown Kubelet stopped posting node status.',
      'PIDPressure Unknown NodeStatusUnknown Kubelet stopped posting node status.',
      'Ready Unknown NodeStatusUnknown Kubelet stopped posting node status.',
    ]);
    expect(node(state, 'node-2').status?.conditions?.every((c) => c.lastTransitionTime === '2025-01-01T00:01:30Z')).toBe(true);
    expect(taints(state, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(node(state, 'node-2').spec?.taints?.map((t) => t.timeAdded)).toEqual(['2025-01-01T00:01:30Z', '2025-01-01T00:01:30Z']);
    expect(events(state, 'NodeNotReady')[0]).toBe('Node/node-2 Normal node-controller Node node-2 status is now: NodeNotReady');
    expect(taints(state, 'node-1')).toEqual([]);
  });

  it('marks only the pods on that node not ready, with a NodeNotReady warning each; the phase stays Running', () => {
    const { state, run } = cluster();
    advanceTo(state, 40_000);
    run('sim node-down node-2');
    advanceTo(state, 90_000);
    const app2 = pod(state, 'app-2');
    expect(app2.status?.phase).toBe('Running');
    expect(app2.status?.conditions?.filter((c) => c.type === 'Ready' || c.type === 'ContainersReady').map((c) => c.status)).toEqual(['False', 'False']);
    expect(`${podReadyText(app2)} ${podStatusText(app2)}`).toBe('0/1 Running');
    expect(podReadyText(pod(state, 'app-1'))).toBe('1/1');
    expect(events(state, 'NodeNotReady')).toEqual([
      'Node/node-2 Normal node-controller Node node-2 status is now: NodeNotReady',
      'Pod/app-2 Warning node-controller Node is not ready',
    ]);
  });

  it('lets the kubelet post Ready at once on node-up, and removes the taints on the next monitor tick', () => {
    const { state, run } = cluster();
    advanceTo(state, 40_000);
    run('sim node-down node-2');
    advanceTo(state, 122_000);
    run('sim node-up node-2');
    expect(run('kubectl get nodes')).toMatch(/node-2\s+Ready/);
    expect(conditions(state, 'node-2')).toEqual([
      'MemoryPressure False KubeletHasSufficientMemory kubelet has sufficient memory available',
      'DiskPressure False KubeletHasNoDiskPressure kubelet has no disk pressure',
      'PIDPressure False KubeletHasSufficientPID kubelet has sufficient PID available',
      'Ready True KubeletReady kubelet is posting ready status',
    ]);
    expect(events(state, 'NodeReady')).toEqual(['Node/node-2 Normal kubelet Node node-2 status is now: NodeReady']);
    expect(state.events.filter((e) => e.involved.name === 'node-2').map((e) => e.reason)).toEqual([
      'NodeNotReady',
      'NodeHasSufficientMemory',
      'NodeHasNoDiskPressure',
      'NodeHasSufficientPID',
      'NodeReady',
    ]);
    // The pod is reported Ready again by its kubelet, same uid, no restart.
    expect(`${podReadyText(pod(state, 'app-2'))} ${podStatusText(pod(state, 'app-2'))}`).toBe('1/1 Running');
    expect(taints(state, 'node-2')).toHaveLength(2);
    advanceTo(state, 124_999);
    expect(taints(state, 'node-2')).toHaveLength(2);
    advanceTo(state, 125_000);
    expect(taints(state, 'node-2')).toEqual([]);
    expect(node(state, 'node-2').spec?.taints).toBeUndefined();
  });

  it('leaves no trace when the kubelet returns within the grace period', () => {
    const { state, run } = cluster();
    advanceTo(state, 40_000);
    run('sim node-down node-2');
    expect(state.timers.filter((t) => t.type === NODE_MONITOR_TIMER).map((t) => t.at)).toEqual([90_000]);
    advanceTo(state, 70_000);
    run('sim node-up node-2');
    expect(state.timers.filter((t) => t.type === NODE_MONITOR_TIMER)).toEqual([]);
    advanceTo(state, 200_000);
    expect(events(state, 'NodeNotReady')).toEqual([]);
    expect(events(state, 'NodeReady')).toEqual([]);
    expect(run('sim wait --stable --timeout=1m')).toBe('');
  });

  it('withholds the NoExecute taints while every node is unhealthy, and adds them once one node is back (R12.12)', () => {
    const { state, run } = cluster();
    advanceTo(state, 40_000);
    for (const n of ['node-1', 'node-2', 'node-3']) run(`sim node-down ${n}`);
    advanceTo(state, 90_000);
    expect(run('kubectl get nodes')).toMatch(/node-1\s+NotReady[\s\S]*node-2\s+NotReady[\s\S]*node-3\s+NotReady/);
    for (const n of ['node-1', 'node-2', 'node-3']) expect(taints(state, n)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    advanceTo(state, 20 * 60_000);
    expect(events(state, 'TaintManagerEviction')).toEqual([]);
    expect(podStatusText(pod(state, 'app-2'))).toBe('Running');
    run('sim node-up node-1');
    expect(taints(state, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(node(state, 'node-2').spec?.taints?.[1]?.timeAdded).toBe('2025-01-01T00:20:00Z');
    // The 300 s toleration counts from the new taint.
    advanceTo(state, 20 * 60_000 + 299_999);
    expect(events(state, 'TaintManagerEviction')).toEqual([]);
    advanceTo(state, 20 * 60_000 + 300_000);
    expect(events(state, 'TaintManagerEviction')).toEqual([
      'Pod/app-2 Normal taint-eviction-controller Marking for deletion Pod default/app-2',
      'Pod/app-3 Normal taint-eviction-controller Marking for deletion Pod default/app-3',
    ]);
  });
});

const PROBED = `apiVersion: v1
kind: Pod
metadata: {name: probed}
spec:
  nodeName: node-2
  terminationGracePeriodSeconds: 10
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}
`;

describe('sim node-up (the kubelet resumes)', () => {
  it('finishes a termination that was under way when the kubelet stopped, without blocking sim wait --stable meanwhile', () => {
    const { state, run } = cluster();
    advanceTo(state, 40_000);
    run('kubectl delete pod app-2 --wait=false');
    run('sim node-down node-2');
    expect(run('sim wait --stable --timeout=20m')).toBe('');
    expect(podStatusText(pod(state, 'app-2'))).toBe('Terminating');
    run('sim node-up node-2');
    run('sim advance 1s');
    expect(getObject(state, 'Pod', 'default', 'app-2')).toBeUndefined();
  });

  it('keeps probing after node-up, so readiness follows the container again', () => {
    const state = createScenarioState({ name: 'probe', seed: 7, files: { 'pod.yaml': PROBED }, script: [] });
    const session = new Session(state, { 'pod.yaml': PROBED });
    const run = (line: string) => session.run(line).output;
    run('kubectl apply -f pod.yaml');
    run('sim advance 30s');
    expect(podReadyText(pod(state, 'probed'))).toBe('1/1');
    run('sim node-down node-2');
    run('sim advance 2m');
    expect(podReadyText(pod(state, 'probed'))).toBe('0/1');
    run('sim node-up node-2');
    expect(podReadyText(pod(state, 'probed'))).toBe('1/1');
    // The probe that fell due while the kubelet was down runs again.
    const uid = pod(state, 'probed').metadata.uid;
    run('sim advance 1s');
    expect(state.timers.some((t) => t.type === 'kubelet.probe' && t.target === uid)).toBe(true);
    run('sim break-readiness probed');
    run('sim advance 40s');
    expect(podReadyText(pod(state, 'probed'))).toBe('0/1');
    run('sim fix-readiness probed');
    run('sim advance 20s');
    expect(podReadyText(pod(state, 'probed'))).toBe('1/1');
  });

  it('does not report a pod being deleted as ready again before stopping it', () => {
    const { state, run } = cluster();
    advanceTo(state, 40_000);
    run('sim node-down node-2');
    advanceTo(state, 100_000);
    run('kubectl delete pod app-2 --wait=false');
    run('sim node-up node-2');
    run('sim advance 5s');
    const rows = state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.name === 'app-2' && c.at >= 100_000).map((c) => `${podReadyText(c.object as PodObject)} ${podStatusText(c.object as PodObject)}`);
    expect(rows).not.toContain('1/1 Terminating');
    expect(getObject(state, 'Pod', 'default', 'app-2')).toBeUndefined();
  });
});
