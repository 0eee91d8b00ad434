/**
 * Helpers shared by the node-failure controllers (node lifecycle, taint
 * eviction, pod GC): the taint keys of `k8s.io/api/core/v1/well_known_taints.go`,
 * the lazy heartbeat model of spec §0.4, reading a node's Ready condition, and
 * keeping at most one pending timer per purpose on the engine queue.
 *
 * Heartbeats are modelled lazily: a healthy kubelet renews its Lease every
 * `heartbeatMs` starting at `runtime.nodes[n].lastHeartbeat`, but nothing is
 * written while it does (a periodic write would keep the cluster from ever
 * being stable). Only when the kubelet stops (`sim node-down`) does the last
 * renewal matter: it is the last heartbeat instant at or before `downSince`.
 */
import type { Node, Pod, PodCondition, Taint } from 'kubernetes-types/core/v1';
import { setStatus, type KObject } from '../../model/objects';
import type { ClusterState, NodeRuntime, Timer } from '../clusterState';
import { schedule, cancelTimers } from '../eventQueue';

/** A Node as stored. */
export type NodeObject = Node & KObject;

/** Ready=Unknown: the node controller lost contact with the kubelet (R12.2). */
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
/** Ready=False: the kubelet reports the node not ready (R12.2). */
export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
/** Non-graceful node shutdown, set by the user on a dead node (R12.10). */
export { OUT_OF_SERVICE_TAINT } from './attachDetachController';

/** Status of the node's Ready condition: `True`, `False`, `Unknown`, or undefined when absent. */
export function readyStatus(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** `nodeutil.IsNodeReady`: the Ready condition is True. */
export function isNodeReady(node: Node): boolean {
  return readyStatus(node) === 'True';
}

/**
 * The simulated time (ms) of the kubelet's last Lease renewal: the last
 * multiple of `heartbeatMs`, counted from `lastHeartbeat` (its start), at or
 * before the moment it went down (`downSince`), or at or before now while it runs.
 */
export function lastHeartbeatAt(state: ClusterState, runtime: NodeRuntime): number {
  const period = state.config.timing.heartbeatMs;
  const until = runtime.kubeletUp || runtime.downSince === undefined ? state.now : runtime.downSince;
  if (period <= 0) return runtime.lastHeartbeat;
  return runtime.lastHeartbeat + Math.floor(Math.max(0, until - runtime.lastHeartbeat) / period) * period;
}

/** The first node-monitor tick (a multiple of `nodeMonitorPeriodMs` since t=0) at or after `at`. */
export function nextMonitorTick(state: ClusterState, at: number): number {
  const period = state.config.timing.nodeMonitorPeriodMs;
  return period > 0 ? Math.ceil(at / period) * period : at;
}

/** Simulated ms of an RFC 3339 timestamp (NaN-safe: undefined for a missing or bad value). */
export function simulatedMs(state: ClusterState, timestamp: string | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms - state.epochMs;
}

/** True for the NoExecute/NoSchedule taints the node lifecycle controller owns. */
export function isHealthTaint(taint: Taint): boolean {
  return (taint.key === UNREACHABLE_TAINT || taint.key === NOT_READY_TAINT) && (taint.effect === 'NoExecute' || taint.effect === 'NoSchedule');
}

/** Pending timers of one type for one target. */
export function pendingTimers(state: ClusterState, type: string, target: string): Timer[] {
  return state.timers.filter((t) => t.type === type && t.target === target);
}

/** Pending timers of one type, by target (one scan of the queue). */
export function timersByTarget(state: ClusterState, type: string): Map<string, Timer[]> {
  const out = new Map<string, Timer[]>();
  for (const t of state.timers) {
    if (t.type !== type) continue;
    const list = out.get(t.target);
    if (list) list.push(t);
    else out.set(t.target, [t]);
  }
  return out;
}

/**
 * Makes `type`/`target` have exactly one pending timer, due at `at`, given
 * the ones `pending` now: keeps a matching one, otherwise replaces them.
 */
export function ensureTimerAt(state: ClusterState, type: string, target: string, at: number, pending: Timer[]): void {
  if (pending.length === 1 && pending[0]?.at === at) return;
  if (pending.length) cancelTimers(state, (t) => t.type === type && t.target === target);
  schedule(state, at - state.now, type, target);
}

/** A pod condition as a controller sets it (`apipod.UpdatePodCondition`). */
export interface PodConditionUpdate {
  type: string;
  status: string;
  reason: string;
  message: string;
}

/**
 * `UpdatePodCondition`: adds or replaces the condition on a pod being mutated;
 * the transition time moves only when the status changes.
 */
export function setPodCondition(pod: Pod, update: PodConditionUpdate, nowTs: string): void {
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  const old = conditions.find((c) => c.type === update.type);
  const next: PodCondition = {
    // Like the kubelet's conditions (kubeletStatus.ts): a null probe time, as the API server stores it.
    lastProbeTime: null as unknown as string,
    lastTransitionTime: old && old.status === update.status ? old.lastTransitionTime : nowTs,
    message: update.message,
    reason: update.reason,
    status: update.status,
    type: update.type,
  };
  status.conditions = old ? conditions.map((c) => (c === old ? next : c)) : [...conditions, next];
  setStatus(pod, status);
}
