/**
 * The taint-eviction controller (spec R12.4, R12.10), after
 * `pkg/controller/tainteviction/taint_eviction.go` (processPodOnNode,
 * deletePodHandler, addConditionAndDeletePod) and `timed_workers.go`.
 *
 * For every pod bound to a node with NoExecute taints:
 * - a taint the pod does not tolerate → evicted at once;
 * - all tolerated, some with `tolerationSeconds` → evicted when the shortest
 *   of them runs out, counted from when the taint was added (or the pod was
 *   bound, if later): the admission default of 300 s for `unreachable` gives
 *   the T+350 s eviction of scenario S31;
 * - tolerated without `tolerationSeconds` → never.
 * A pending eviction is a timer on the engine queue (the timed work queue);
 * when the taint goes away first, or the pod does, it is cancelled with
 * `Cancelling deletion of Pod <ns>/<name>`. An eviction records
 * `Marking for deletion Pod <ns>/<name>`, adds the `DisruptionTarget`
 * condition (`DeletionByTaintManager`) and deletes the pod gracefully, so a
 * pod on a dead node stays Terminating (R12.5).
 *
 * Like upstream, a pod already being deleted gets no new eviction scheduled,
 * and a pending one for a pod whose node object vanished is left to fire.
 * Left out: the controller's worker sharding and API retries.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import type { KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import type { ClusterState, Timer } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { deleteObject } from '../deletion';
import { schedule, cancelTimers } from '../eventQueue';
import { recordEvent } from '../recorder';
import { getObject, listObjects, nowTimestamp, updateObject } from '../store';
import { setPodCondition, simulatedMs, timersByTarget, type NodeObject } from './nodeHealth';
import { toleratesTaint } from './scheduler/nodeRules';

const SOURCE = 'taint-eviction-controller';
/** A scheduled eviction; target `<namespace>/<name>`, data `{uid}`. */
export const TAINT_EVICTION_TIMER = 'taintEviction.evict';

/** Evicts pods from nodes with NoExecute taints they do not (or no longer) tolerate. */
export const taintEvictionController: Controller = {
  name: SOURCE,
  watches: CORE_KINDS,
  reconcile(state) {
    const nodes = new Map(listObjects<NodeObject>(state, 'Node').map((n) => [n.metadata.name, n]));
    const tainted = new Set([...nodes.values()].filter((n) => n.spec?.taints?.some((t) => t.effect === 'NoExecute')).map((n) => n.metadata.name));
    const pending = timersByTarget(state, TAINT_EVICTION_TIMER);
    // Nothing tainted and nothing scheduled: the common case, at no cost.
    if (tainted.size === 0 && pending.size === 0) return;
    cancelForVanishedPods(state, pending);
    for (const pod of listObjects<PodObject>(state, 'Pod')) {
      const nodeName = pod.spec?.nodeName ?? '';
      const node = nodes.get(nodeName);
      const mine = pending.get(keyOf(pod)) ?? [];
      if (node && (tainted.has(nodeName) || mine.length)) processPodOnNode(state, pod, node, mine);
    }
  },
  timers: {
    [TAINT_EVICTION_TIMER]: (state: ClusterState, timer: Timer) => {
      const [namespace, name] = timer.target.split('/') as [string, string];
      const pod = getObject<PodObject>(state, 'Pod', namespace, name);
      if (pod && pod.metadata.uid === timer.data?.['uid']) evict(state, pod);
    },
  },
};

function keyOf(pod: PodObject): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/** The pod's pending eviction work was dropped: TimedWorkerQueue.CancelWork + emitCancelPodDeletionEvent. */
function cancelWithEvent(state: ClusterState, key: string, about: KObject): void {
  const cancelled = cancelTimers(state, (t) => t.type === TAINT_EVICTION_TIMER && t.target === key);
  if (cancelled) recordEvent(state, about, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, SOURCE);
}

/** A pod deleted (or replaced by a new one of the same name) while its eviction was pending. */
function cancelForVanishedPods(state: ClusterState, pending: Map<string, Timer[]>): void {
  for (const [key, timers] of pending) {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = getObject<PodObject>(state, 'Pod', namespace, name);
    if (pod && timers.every((t) => t.data?.['uid'] === pod.metadata.uid)) continue;
    // Upstream refers to the pod by namespace and name only, so the event carries no uid.
    const ref: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } };
    cancelWithEvent(state, key, ref);
    pending.delete(key);
  }
}

/**
 * When the pod must be evicted (simulated ms; `state.now` or earlier = now),
 * or undefined when its node's NoExecute taints allow it to stay.
 */
export function evictionDueAt(state: ClusterState, pod: PodObject, node: NodeObject): number | undefined {
  const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) return undefined;
  const tolerations = pod.spec?.tolerations ?? [];
  let seconds = Infinity;
  for (const taint of taints) {
    // GetMatchingTolerations: the first toleration that tolerates each taint.
    const used = tolerations.find((t) => toleratesTaint(t, taint));
    if (!used) return state.now;
    if (used.tolerationSeconds !== undefined && used.tolerationSeconds !== null) seconds = Math.min(seconds, Math.max(0, used.tolerationSeconds));
  }
  if (seconds === Infinity) return undefined;
  return startOf(state, taints, pod) + seconds * 1000;
}

/** When the countdown began: the oldest NoExecute taint, or the pod's binding if it came later. */
function startOf(state: ClusterState, taints: Taint[], pod: PodObject): number {
  const added = Math.min(...taints.map((t) => simulatedMs(state, t.timeAdded ?? undefined) ?? state.now));
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True');
  const bound = simulatedMs(state, scheduled?.lastTransitionTime ?? pod.metadata.creationTimestamp) ?? added;
  return Math.max(added, bound);
}

/** processPodOnNode, level-triggered: schedule, keep, cancel or carry out the pod's eviction. */
function processPodOnNode(state: ClusterState, pod: PodObject, node: NodeObject, pending: Timer[]): void {
  const key = keyOf(pod);
  const due = evictionDueAt(state, pod, node);
  if (due === undefined) {
    if (pending.length) cancelWithEvent(state, key, pod);
    return;
  }
  if (pod.metadata.deletionTimestamp) return;
  if (due <= state.now) {
    // Upstream cancels (with its event) the scheduled work before deleting right away.
    if (pending.length) cancelWithEvent(state, key, pod);
    evict(state, pod);
    return;
  }
  // An earlier deadline already scheduled stays (processPodOnNode keeps the older worker).
  if (pending.length === 1 && (pending[0]?.at ?? Infinity) <= due) return;
  if (pending.length) cancelWithEvent(state, key, pod);
  schedule(state, due - state.now, TAINT_EVICTION_TIMER, key, { uid: pod.metadata.uid ?? '' });
}

/** deletePodHandler: the event, the DisruptionTarget condition, then a graceful delete. */
function evict(state: ClusterState, pod: PodObject): void {
  const key = keyOf(pod);
  recordEvent(state, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, SOURCE);
  const nowTs = nowTimestamp(state);
  updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) =>
    setPodCondition(p, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }, nowTs),
  );
  deleteObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
}
