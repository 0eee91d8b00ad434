/**
 * The node lifecycle controller (spec R12.1–R12.3, R12.9, R12.12), after
 * `pkg/controller/nodelifecycle/node_lifecycle_controller.go` (monitorNodeHealth,
 * tryUpdateNodeHealth, doNoScheduleTaintingPass, doNoExecuteTaintingPass,
 * handleDisruption) and `pkg/controller/util/node/controller_utils.go`
 * (MarkPodsNotReady, RecordNodeStatusChange).
 *
 * Node health is judged on monitor ticks (multiples of `nodeMonitorPeriodMs`).
 * A node whose kubelet stopped (`sim node-down`) is noticed on the first tick
 * at or after its last heartbeat + `nodeMonitorGraceMs` (a timer wakes the
 * controller then; see `nodeHealth.ts` for the lazy heartbeat). It then:
 * - sets Ready, MemoryPressure, DiskPressure and PIDPressure to `Unknown`
 *   (`NodeStatusUnknown`, `Kubelet stopped posting node status.`);
 * - records `NodeNotReady` on the node;
 * - marks every pod on the node not ready, with a `NodeNotReady` warning on each;
 * - taints the node `node.kubernetes.io/unreachable` NoSchedule and NoExecute
 *   (`not-ready` for Ready=False), which the scheduler and the taint-eviction
 *   controller act on. While every node is unhealthy (full disruption) the
 *   NoExecute taints are withheld, so nothing is evicted (R12.12).
 *
 * When the kubelet comes back (`sim node-up`) it posts its node status at
 * once: conditions back to `False`/`True` with the kubelet's reasons and its
 * `NodeHasSufficientMemory` … `NodeReady` events (source `kubelet`, as in a real
 * cluster; the status write is modelled here so that node status lives in one
 * place). The controller removes the unreachable taints on its next tick.
 *
 * Deviations: upstream MarkPodsNotReady flips only the pod's Ready condition,
 * so `kubectl get pods` keeps showing `1/1`; scenario S31 expects `0/1 Running`,
 * so ContainersReady and the container statuses' `ready` flags go false too.
 * Left out: eviction rate limits and zone states other than "all nodes
 * unhealthy", Lease objects, the `NodeStatusNeverUpdated` path, node
 * conditions reported False by a live kubelet.
 */
import type { NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1';
import type { PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import type { Controller } from '../controller';
import { cancelTimers } from '../eventQueue';
import { recordEvent } from '../recorder';
import { listObjects, nowTimestamp, updateObject } from '../store';
import {
  ensureTimerAt,
  isHealthTaint,
  isNodeReady,
  lastHeartbeatAt,
  nextMonitorTick,
  NOT_READY_TAINT,
  readyStatus,
  simulatedMs,
  timersByTarget,
  UNREACHABLE_TAINT,
  type NodeObject,
} from './nodeHealth';

const SOURCE = 'node-controller';
/** Timer that wakes the controller on the monitor tick a node's health is due to change; target: node name. */
export const NODE_MONITOR_TIMER = 'nodeLifecycle.monitor';
/** Reason the controller gives conditions it set to Unknown. */
export const NODE_STATUS_UNKNOWN = 'NodeStatusUnknown';
const UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.';

/** The conditions a healthy kubelet posts: [type, status, reason, message, event on transition]. */
const KUBELET_CONDITIONS: [string, string, string, string, string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', 'NodeReady'],
];
const MONITORED = new Set(KUBELET_CONDITIONS.map(([type]) => type));

/** Watches kubelet heartbeats, marks silent nodes Unknown and taints them. */
export const nodeLifecycleController: Controller = {
  name: SOURCE,
  reconcile(state) {
    const ticks = new Map<string, number>();
    for (const node of listObjects<NodeObject>(state, 'Node')) {
      const due = syncNodeHealth(state, node);
      if (due !== undefined) ticks.set(node.metadata.name, due);
    }
    const nodes = listObjects<NodeObject>(state, 'Node');
    // handleDisruption: with every node unhealthy the controller assumes its own
    // connectivity is at fault and evicts nothing.
    const fullDisruption = nodes.length > 0 && nodes.every((node) => !isNodeReady(node));
    for (const node of nodes) {
      const due = syncHealthTaints(state, node, fullDisruption);
      if (due !== undefined) ticks.set(node.metadata.name, Math.min(due, ticks.get(node.metadata.name) ?? Infinity));
    }
    const pending = timersByTarget(state, NODE_MONITOR_TIMER);
    for (const [name, due] of ticks) ensureTimerAt(state, NODE_MONITOR_TIMER, name, due, pending.get(name) ?? []);
    const stale = [...pending.keys()].filter((name) => !ticks.has(name));
    if (stale.length) cancelTimers(state, (t) => t.type === NODE_MONITOR_TIMER && stale.includes(t.target));
  },
  timers: {
    // The tick itself does nothing: the reconcile pass that follows it compares
    // the time with the node's deadlines.
    [NODE_MONITOR_TIMER]: () => undefined,
  },
};

/**
 * Updates the node's conditions from its kubelet's state. Returns the monitor
 * tick at which the node still needs a look, if any.
 */
function syncNodeHealth(state: ClusterState, node: NodeObject): number | undefined {
  const runtime = state.runtime.nodes[node.metadata.name];
  if (!runtime) return undefined;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (!runtime.kubeletUp) {
    const due = nextMonitorTick(state, lastHeartbeatAt(state, runtime) + state.config.timing.nodeMonitorGraceMs);
    if (state.now < due) return due;
    if (ready?.status !== 'Unknown') markUnknown(state, node);
    return undefined;
  }
  if (ready?.reason === NODE_STATUS_UNKNOWN) postKubeletStatus(state, node);
  return undefined;
}

/** tryUpdateNodeHealth after the grace period, then RecordNodeStatusChange and MarkPodsNotReady. */
function markUnknown(state: ClusterState, node: NodeObject): void {
  const nowTs = nowTimestamp(state);
  const updated = updateObject<NodeObject>(state, 'Node', undefined, node.metadata.name, (n) => {
    for (const c of n.status?.conditions ?? []) {
      if (!MONITORED.has(c.type) || c.status === 'Unknown') continue;
      c.status = 'Unknown';
      c.reason = NODE_STATUS_UNKNOWN;
      c.message = UNKNOWN_MESSAGE;
      c.lastTransitionTime = nowTs;
    }
  });
  if (!updated) return;
  recordEvent(state, updated, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`, SOURCE);
  markPodsNotReady(state, node.metadata.name);
}

/** MarkPodsNotReady: every pod bound to the node loses readiness; a warning event on each pod changed. */
function markPodsNotReady(state: ClusterState, nodeName: string): void {
  const nowTs = nowTimestamp(state);
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    if (pod.spec?.nodeName !== nodeName) continue;
    if (!pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status !== 'False')) continue;
    const updated = updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => notReady(p, nowTs));
    if (updated && updated !== pod) recordEvent(state, updated, 'Warning', 'NodeNotReady', 'Node is not ready', SOURCE);
  }
}

function notReady(pod: Pod, nowTs: string): void {
  for (const c of pod.status?.conditions ?? []) {
    if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status !== 'False') {
      c.status = 'False';
      c.lastTransitionTime = nowTs;
    }
  }
  for (const cs of pod.status?.containerStatuses ?? []) cs.ready = false;
}

/** The kubelet's node status after it reconnects (`nodestatus` setters), with its transition events. */
function postKubeletStatus(state: ClusterState, node: NodeObject): void {
  const nowTs = nowTimestamp(state);
  const transitions: string[] = [];
  const updated = updateObject<NodeObject>(state, 'Node', undefined, node.metadata.name, (n) => {
    const conditions: NodeCondition[] = n.status?.conditions ?? [];
    for (const [type, status, reason, message, event] of KUBELET_CONDITIONS) {
      let c = conditions.find((x) => x.type === type);
      if (!c) {
        c = { type, status: '', lastTransitionTime: nowTs };
        conditions.push(c);
      }
      if (c.status !== status) {
        c.lastTransitionTime = nowTs;
        transitions.push(event);
      }
      c.status = status;
      c.reason = reason;
      c.message = message;
      c.lastHeartbeatTime = nowTs;
    }
    if (n.status) n.status.conditions = conditions;
  });
  if (!updated) return;
  const host = node.metadata.name;
  for (const event of transitions) recordEvent(state, updated, 'Normal', event, `Node ${host} status is now: ${event}`, 'kubelet', { host });
}

/**
 * doNoScheduleTaintingPass + doNoExecuteTaintingPass: the node carries the
 * unreachable (Ready=Unknown) or not-ready (Ready=False) taints, NoExecute only
 * outside full disruption. A node that became Ready keeps them until the next
 * monitor tick; returns that tick while it is still ahead.
 */
function syncHealthTaints(state: ClusterState, node: NodeObject, fullDisruption: boolean): number | undefined {
  const status = readyStatus(node);
  const taints = node.spec?.taints ?? [];
  const key = status === 'Unknown' ? UNREACHABLE_TAINT : status === 'False' ? NOT_READY_TAINT : undefined;
  let wanted: Taint[] = [];
  if (key) {
    wanted = [{ key, effect: 'NoSchedule' }];
    if (!fullDisruption) wanted.push({ key, effect: 'NoExecute' });
  } else if (taints.some(isHealthTaint)) {
    const readySince = simulatedMs(state, node.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime) ?? state.now;
    const tick = nextMonitorTick(state, readySince);
    if (state.now < tick) return tick;
  }
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
  const next = taints.filter((t) => !isHealthTaint(t) || wanted.some((w) => same(w, t)));
  const timeAdded = nowTimestamp(state);
  for (const w of wanted) if (!next.some((t) => same(t, w))) next.push({ ...w, timeAdded });
  if (next.length === taints.length && next.every((t, i) => t === taints[i])) return undefined;
  updateObject<NodeObject>(state, 'Node', undefined, node.metadata.name, (n) => {
    const spec = n.spec ?? {};
    n.spec = spec;
    if (next.length) spec.taints = next;
    else delete spec.taints;
  });
  return undefined;
}
