/**
 * The scheduler: imitates kube-scheduler v1.33 (`pkg/scheduler/schedule_one.go`,
 * the default plugins of `apis/config/v1/default_plugins.go`, FitError in
 * `framework/types.go`; spec §10, R9.3, R9.4, R9.13, R9.14) as a learner sees it.
 *
 * Each pass takes the pending pods (no `spec.nodeName`, not terminating,
 * `schedulerName` unset or `default-scheduler`, no scheduling gates) in queue
 * order (priority, then creation time, then namespace/name) and for each:
 * - runs PreFilter and the Filter plugins on every node (scheduler/filters.ts);
 * - if no node fits, sets `PodScheduled=False` (reason `Unschedulable`) with
 *   the FitError text and records one `FailedScheduling` Warning event;
 * - otherwise picks the best node (scheduler/score.ts) and binds the pod: one
 *   write setting `spec.nodeName` and `PodScheduled=True`, event `Scheduled`;
 * - a pod with unbound WaitForFirstConsumer claims is not bound yet (R9.4):
 *   the scheduler writes the annotation `volume.kubernetes.io/selected-node`
 *   on those claims, remembers `runtime.assumed[<ns>/<pod>] = <node>`, counts
 *   the pod on that node, and binds it on a later pass once every claim is
 *   Bound. The assumption is dropped (and the annotations taken back) when
 *   the node disappears or stops accepting the pod, or a claim goes wrong.
 *
 * Unschedulable pods are retried whenever something they depend on changes
 * (level-triggered), but not re-filtered while the snapshot signature (nodes,
 * placed pods, storage objects) and the pod itself are unchanged.
 *
 * Left out: preemption (all pods are taken to have equal priority, so the
 * message always says no victims were found), scheduling queues and back-off
 * timing (the decision is immediate), extenders, multiple profiles,
 * nominated nodes, and the binding timeout of WaitForFirstConsumer claims.
 */
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { objectKey } from '../../model/objects';
import { isTerminal, type PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { recordEvent, recordEventOnce } from '../recorder';
import { podClaimNames, pvAllowsNode, type PvcObject, type PvObject } from '../storage';
import { getObject, listObjects, nowTimestamp, updateObject } from '../store';
import type { Cycle, FilterStatus } from './scheduler/cycle';
import { runFilters } from './scheduler/filters';
import { filterErrorMessage, NO_NODES_MESSAGE, preFilterErrorMessage } from './scheduler/fitError';
import { preFilterAffinity } from './scheduler/interPodAffinity';
import { nodeStillAccepts } from './scheduler/nodeRules';
import { pickNode } from './scheduler/score';
import {
  addPod,
  buildSnapshot,
  podFacts,
  removePod,
  snapshotSignature,
  type NodeInfo,
  type NodeObject,
  type Snapshot,
} from './scheduler/snapshot';
import { preFilterSpread } from './scheduler/topologySpread';
import { preFilterVolumes, SELECTED_NODE_ANNOTATION, type VolumePass } from './scheduler/volumeBinding';

/** The scheduler's name: `spec.schedulerName` it serves and the source of its events. */
export const SCHEDULER_NAME = 'default-scheduler';

/** The last failure of an unschedulable pod: skip it while neither the cluster nor the pod changed. */
interface Memo {
  signature: string;
  resourceVersion: string | undefined;
}

/**
 * Per cluster state: pod uid → last failure. Derived data that only saves
 * work (a lost memo just means one more evaluation), so it lives outside the
 * serialisable state.
 */
const memos = new WeakMap<ClusterState, Map<string, Memo>>();

/** Everything one reconcile pass shares across pods. */
interface Pass extends VolumePass {
  state: ClusterState;
  /** Built on first need: a pass where every pending pod just waits for its volumes needs none. */
  snapshot?: Snapshot;
  memo: Map<string, Memo>;
  /** `<ns>/<claim>` → key of the assumed pod whose placement chose the claim's node. */
  claimHolders: Map<string, string>;
}

function snapshotOf(pass: Pass): Snapshot {
  pass.snapshot ??= buildSnapshot(pass.state, pass.state.runtime.assumed);
  return pass.snapshot;
}

function podKey(pod: PodObject): string {
  return objectKey(pod.metadata.namespace, pod.metadata.name);
}

/** A pod the scheduler is responsible for placing. */
function isPending(pod: PodObject): boolean {
  return (
    !pod.spec?.nodeName &&
    !pod.metadata.deletionTimestamp &&
    !isTerminal(pod) &&
    (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
    !pod.spec?.schedulingGates?.length
  );
}

/** PrioritySort: higher priority first, then older, then by namespace/name. */
function queueOrder(a: PodObject, b: PodObject): number {
  const byPriority = (b.spec?.priority ?? 0) - (a.spec?.priority ?? 0);
  if (byPriority !== 0) return byPriority;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return podKey(a) < podKey(b) ? -1 : 1;
}

/** Sets the PodScheduled condition in place, keeping lastTransitionTime when the status is unchanged. */
function setScheduledCondition(pod: PodObject, condition: Omit<PodCondition, 'type' | 'lastTransitionTime'>, now: string): void {
  // `status` is read-only in kubernetes-types (a server-set field); this is the server.
  const writable = pod as { status?: PodStatus };
  const status = (writable.status ??= {});
  const conditions = (status.conditions ??= []);
  const at = conditions.findIndex((c) => c.type === 'PodScheduled');
  const previous = at >= 0 ? conditions[at] : undefined;
  const lastTransitionTime = previous && previous.status === condition.status ? previous.lastTransitionTime : now;
  const next: PodCondition = { type: 'PodScheduled', ...condition, lastTransitionTime };
  if (at >= 0) conditions[at] = next;
  else conditions.unshift(next);
}

/** Binding: one write (`spec.nodeName`, PodScheduled=True) and the `Scheduled` event. */
function bindPod(state: ClusterState, pod: PodObject, nodeName: string): void {
  const { namespace, name } = pod.metadata;
  const now = nowTimestamp(state);
  const bound = updateObject<PodObject>(state, 'Pod', namespace, name, (draft) => {
    if (draft.spec) draft.spec.nodeName = nodeName;
    setScheduledCondition(draft, { status: 'True' }, now);
  });
  recordEvent(state, bound ?? pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${nodeName}`, SCHEDULER_NAME);
  delete state.runtime.assumed[podKey(pod)];
}

/** Records a scheduling failure; returns the pod's resourceVersion after the (possibly skipped) write. */
function markUnschedulable(state: ClusterState, pod: PodObject, message: string): string | undefined {
  const now = nowTimestamp(state);
  const updated = updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (draft) => {
    setScheduledCondition(draft, { status: 'False', reason: 'Unschedulable', message }, now);
  });
  // Once per distinct message: a failure re-confirmed on every pass must not inflate the count.
  recordEventOnce(state, updated ?? pod, 'Warning', 'FailedScheduling', message, SCHEDULER_NAME);
  return (updated ?? pod).metadata.resourceVersion;
}

/** Sets (or, with `node` undefined, removes) the selected-node annotation of a claim. */
function setSelectedNode(state: ClusterState, claim: PvcObject, node: string | undefined): void {
  updateObject<PvcObject>(state, 'PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name, (draft) => {
    const annotations = (draft.metadata.annotations ??= {});
    if (node === undefined) delete annotations[SELECTED_NODE_ANNOTATION];
    else annotations[SELECTED_NODE_ANNOTATION] = node;
  });
}

function claimsOf(state: ClusterState, pod: PodObject): (PvcObject | undefined)[] {
  return podClaimNames(pod).map((name) => getObject<PvcObject>(state, 'PersistentVolumeClaim', pod.metadata.namespace, name));
}

function isBound(claim: PvcObject): boolean {
  return claim.status?.phase === 'Bound' && Boolean(claim.spec?.volumeName);
}

/**
 * An assumed pod (R9.4): bind it once all its claims are Bound, keep waiting
 * while they provision, or drop the assumption when it no longer holds.
 * Returns false when dropped, so the caller schedules the pod afresh.
 */
function continueAssumed(pass: Pass, pod: PodObject, nodeName: string): boolean {
  const { state } = pass;
  const node = getObject<NodeObject>(state, 'Node', undefined, nodeName);
  const claims = claimsOf(state, pod);
  let valid = node !== undefined && nodeStillAccepts(pod, node);
  let allBound = true;
  for (const claim of claims) {
    if (!valid) break;
    if (!claim || claim.metadata.deletionTimestamp) valid = false;
    else if (isBound(claim)) {
      const pv = getObject<PvObject>(state, 'PersistentVolume', undefined, claim.spec?.volumeName ?? '');
      valid = pv !== undefined && node !== undefined && pvAllowsNode(pv, node);
    } else {
      allBound = false;
      valid = claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === nodeName;
    }
  }
  if (valid && allBound) {
    bindPod(state, pod, nodeName);
    return true;
  }
  if (valid) return true;
  // Take the promise back so the claims may follow the pod to another node.
  for (const claim of claims) {
    if (claim && !isBound(claim) && claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === nodeName) {
      setSelectedNode(state, claim, undefined);
    }
  }
  // A snapshot built before this point still counts the pod on that node.
  const info = pass.snapshot?.byName.get(nodeName);
  if (pass.snapshot && info) removePod(pass.snapshot, info, pod);
  delete state.runtime.assumed[podKey(pod)];
  for (const [claim, holder] of pass.claimHolders) if (holder === podKey(pod)) pass.claimHolders.delete(claim);
  return false;
}

/** True when another assumed pod is provisioning one of this pod's claims: wait for it rather than race it. */
function waitsForSharedClaim(pass: Pass, pod: PodObject): boolean {
  const key = podKey(pod);
  return claimsOf(pass.state, pod).some((claim) => {
    if (!claim || isBound(claim)) return false;
    const holder = pass.claimHolders.get(objectKey(claim.metadata.namespace, claim.metadata.name));
    return holder !== undefined && holder !== key;
  });
}

/** PreFilter, Filter and Score for one pod: the chosen node, or the failure message. */
function findNode(pass: Pass, pod: PodObject): { cycle: Cycle; node: NodeInfo } | { message: string } {
  const { state } = pass;
  const snapshot = snapshotOf(pass);
  if (snapshot.nodes.length === 0) return { message: NO_NODES_MESSAGE };
  const pre = preFilterVolumes(state, pod, pass);
  if ('message' in pre) return { message: preFilterErrorMessage(pod, snapshot.nodes.length, pre.message) };
  const facts = podFacts(pod);
  const cycle: Cycle = {
    state,
    snapshot,
    pod,
    request: facts.request,
    ports: facts.ports,
    volumes: pre.volumes,
    affinity: preFilterAffinity(state, snapshot, pod),
    spread: preFilterSpread(snapshot, pod),
  };
  const feasible: NodeInfo[] = [];
  const failures: FilterStatus[] = [];
  for (const info of snapshot.nodes) {
    const status = runFilters(cycle, info);
    if (status) failures.push(status);
    else feasible.push(info);
  }
  if (feasible.length === 0) return { message: filterErrorMessage(pod, failures) };
  return { cycle, node: pickNode(cycle, feasible) };
}

/** Binds the pod, or assumes it on the node while its WaitForFirstConsumer claims get volumes. */
function place(pass: Pass, cycle: Cycle, info: NodeInfo): void {
  const { state } = pass;
  const pod = cycle.pod;
  for (const pv of cycle.volumes.staticChoice.get(info.name) ?? []) pass.reserved.add(pv);
  addPod(cycle.snapshot, info, pod);
  if (cycle.volumes.delayed.length === 0) {
    bindPod(state, pod, info.name);
    return;
  }
  for (const claim of cycle.volumes.delayed) {
    setSelectedNode(state, claim, info.name);
    pass.claimHolders.set(objectKey(claim.metadata.namespace, claim.metadata.name), podKey(pod));
  }
  state.runtime.assumed[podKey(pod)] = info.name;
}

function schedulePod(pass: Pass, pod: PodObject): void {
  const assumedNode = pass.state.runtime.assumed[podKey(pod)];
  if (assumedNode !== undefined && continueAssumed(pass, pod, assumedNode)) return;
  if (waitsForSharedClaim(pass, pod)) return;
  const uid = pod.metadata.uid ?? '';
  const memo = pass.memo.get(uid);
  if (
    memo &&
    memo.resourceVersion === pod.metadata.resourceVersion &&
    memo.signature === snapshotSignature(snapshotOf(pass))
  ) {
    return;
  }
  const result = findNode(pass, pod);
  if ('message' in result) {
    // The signature of the snapshot the pod was just filtered against (a failure places nothing).
    const signature = snapshotSignature(snapshotOf(pass));
    pass.memo.set(uid, { signature, resourceVersion: markUnschedulable(pass.state, pod, result.message) });
    return;
  }
  pass.memo.delete(uid);
  place(pass, result.cycle, result.node);
}

/** Forgets assumptions whose pod is gone, bound, or terminating. */
function forgetStaleAssumptions(state: ClusterState, pending: Map<string, PodObject>): void {
  for (const key of Object.keys(state.runtime.assumed)) {
    if (!pending.has(key)) delete state.runtime.assumed[key];
  }
}

function reconcile(state: ClusterState): void {
  const pods = listObjects<PodObject>(state, 'Pod');
  const pending = new Map<string, PodObject>();
  for (const pod of pods) if (isPending(pod)) pending.set(podKey(pod), pod);
  forgetStaleAssumptions(state, pending);
  if (pending.size === 0) {
    memos.delete(state);
    return;
  }
  let memo = memos.get(state);
  if (!memo) {
    memo = new Map();
    memos.set(state, memo);
  }
  const claimHolders = new Map<string, string>();
  for (const key of Object.keys(state.runtime.assumed)) {
    const pod = pending.get(key) as PodObject;
    for (const claim of podClaimNames(pod)) claimHolders.set(objectKey(pod.metadata.namespace, claim), key);
  }
  const pass: Pass = { state, memo, claimHolders, reserved: new Set() };
  const queue = [...pending.values()].sort(queueOrder);
  for (const pod of queue) schedulePod(pass, pod);
  const live = new Set(queue.map((p) => p.metadata.uid ?? ''));
  for (const uid of memo.keys()) if (!live.has(uid)) memo.delete(uid);
}

/** The default scheduler (see the file header). */
export const scheduler: Controller = {
  name: SCHEDULER_NAME,
  watches: CORE_KINDS,
  reconcile,
};
