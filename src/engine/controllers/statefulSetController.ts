/**
 * The StatefulSet controller, after upstream
 * `pkg/controller/statefulset/stateful_set_control.go` (updateStatefulSet,
 * processReplica, processCondemned, the rolling-update step and status) and
 * `stateful_set.go` (adoption/release through the ControllerRefManager).
 *
 * Spec rules R2–R8: ordinals and identity, OrderedReady (monotonic: stop at
 * the first blocking pod) vs Parallel (burst), reverse-order scale-down with
 * the "first unhealthy pod may go" exception, Failed/Succeeded pods deleted
 * and recreated under the same name, claims created before pods and never
 * recreated, retention-policy owner references, partitioned RollingUpdate,
 * OnDelete, and the status counters.
 *
 * Left out: slow-start batching in burst mode (all pods at once), the
 * MaxUnavailableStatefulSet gate (off at v1.33), hash collisions.
 */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KObject } from '../../model/objects';
import { controllerOf, ownerRef } from '../../model/objects';
import { fromLabelSelector, matches } from '../../model/labelSelector';
import { isPodAvailable, isRunningAndReady, ordinalOf, type PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { deleteObject } from '../deletion';
import { schedule } from '../eventQueue';
import { recordEvent } from '../recorder';
import { getObject, listObjects, updateObject } from '../store';
import {
  createMissingClaims,
  createStatefulPod,
  identityMatches,
  newPod,
  repairIdentity,
  syncClaimOwners,
  claimNamesFor,
} from './statefulSetPods';
import { revisionTemplate, syncRevisions, truncateHistory, type RevisionObject, type StsObject } from './statefulSetRevisions';
import { writeStatus } from './statefulSetStatus';

const SOURCE = 'statefulset-controller';

const isCreated = (pod: PodObject | undefined): pod is PodObject => pod !== undefined;
const isTerminating = (pod: PodObject) => Boolean(pod.metadata.deletionTimestamp);
const isHealthy = (pod: PodObject | undefined) => isCreated(pod) && isRunningAndReady(pod) && !isTerminating(pod);
const revisionOf = (pod: PodObject) => pod.metadata.labels?.['controller-revision-hash'];

interface SyncContext {
  state: ClusterState;
  set: StsObject;
  current: RevisionObject;
  update: RevisionObject;
  monotonic: boolean;
  minReadySeconds: number;
  nowMs: number;
}

/** Adopts matching orphans and releases pods whose labels stopped matching (R2.6). */
function claimPods(state: ClusterState, set: StsObject): PodObject[] {
  const owned: PodObject[] = [];
  const selector = fromLabelSelector(set.spec?.selector);
  for (const pod of listObjects<PodObject>(state, 'Pod', set.metadata.namespace)) {
    const ctrl = controllerOf(pod);
    const labelsMatch = matches(selector, pod.metadata.labels);
    if (ctrl?.uid === set.metadata.uid) {
      if (labelsMatch) owned.push(pod);
      else
        updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
          p.metadata.ownerReferences = p.metadata.ownerReferences?.filter((r) => r.uid !== set.metadata.uid);
        });
    } else if (!ctrl && labelsMatch && ordinalOf(pod.metadata.name, set.metadata.name) >= 0 && !pod.metadata.deletionTimestamp) {
      const adopted = updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
        p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRef(set)];
      });
      if (adopted) owned.push(adopted);
    }
  }
  return owned;
}

function deletePod(ctx: SyncContext, pod: PodObject): void {
  deleteObject(ctx.state, 'Pod', pod.metadata.namespace, pod.metadata.name);
  recordEvent(ctx.state, ctx.set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${ctx.set.metadata.name} successful`, SOURCE);
}

/** R8.3: ordinals below start+partition get the current revision under RollingUpdate. */
function revisionFor(ctx: SyncContext, ordinal: number): RevisionObject {
  const strategy = ctx.set.spec?.updateStrategy;
  if (strategy?.type === 'OnDelete') return ctx.update;
  const start = ctx.set.spec?.ordinals?.start ?? 0;
  const partition = strategy?.rollingUpdate?.partition ?? 0;
  return ordinal < start + partition ? ctx.current : ctx.update;
}

/** processReplica: returns true when a monotonic sync must stop here. */
function processReplica(ctx: SyncContext, pod: PodObject | undefined, ordinal: number): boolean {
  const { state, set, monotonic } = ctx;
  if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
    if (!isTerminating(pod)) deletePod(ctx, pod);
    return true;
  }
  if (!pod) {
    if (claimIsStale(ctx, ordinal)) return true;
    const rev = revisionFor(ctx, ordinal);
    createStatefulPod(state, set, newPod(set, revisionTemplate(rev), rev.metadata.name, ordinal), ordinal);
    return monotonic;
  }
  if (pod.status?.phase === 'Pending') createMissingClaims(state, set, pod.metadata.name, ordinal);
  if (isTerminating(pod) && monotonic) return true;
  if (!isRunningAndReady(pod) && monotonic) return true;
  if (!isPodAvailable(pod, ctx.minReadySeconds, ctx.nowMs) && monotonic) {
    requeueForAvailability(ctx, pod);
    return true;
  }
  if (!identityMatches(set, pod, ordinal)) repairIdentity(state, set, pod, ordinal);
  syncClaimOwners(state, set, pod, ordinal, false);
  return false;
}

/** R7.9: with whenScaled=Delete, a claim still owned by an older pod of this name blocks creation. */
function claimIsStale(ctx: SyncContext, ordinal: number): boolean {
  if (ctx.set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return false;
  const podName = `${ctx.set.metadata.name}-${ordinal}`;
  for (const claim of claimNamesFor(ctx.set, ordinal).values()) {
    const pvc = getObject<PersistentVolumeClaim & KObject>(ctx.state, 'PersistentVolumeClaim', ctx.set.metadata.namespace, claim);
    if (pvc?.metadata.ownerReferences?.some((r) => r.kind === 'Pod' && r.name === podName)) return true;
  }
  return false;
}

/** R3.9: re-check after minReadySeconds so availability advances without another event. */
function requeueForAvailability(ctx: SyncContext, pod: PodObject): void {
  const since = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime;
  if (!since) return;
  const due = Date.parse(since) + ctx.minReadySeconds * 1000 - ctx.state.epochMs;
  const key = `${ctx.set.metadata.namespace}/${ctx.set.metadata.name}@${due}`;
  if (ctx.state.timers.some((t) => t.type === 'statefulset.requeue' && t.target === key)) return;
  if (due > ctx.state.now) schedule(ctx.state, due - ctx.state.now, 'statefulset.requeue', key);
}

function processCondemned(ctx: SyncContext, pod: PodObject, firstUnhealthy: PodObject | undefined): boolean {
  const { monotonic } = ctx;
  if (isTerminating(pod)) return monotonic;
  if (monotonic && pod !== firstUnhealthy) {
    if (!isRunningAndReady(pod) || !isPodAvailable(pod, ctx.minReadySeconds, ctx.nowMs)) return true;
  }
  deletePod(ctx, pod);
  return monotonic;
}

/** The rolling-update step (R8.4): delete the highest out-of-date pod at or above the partition. */
function rollingUpdate(ctx: SyncContext, replicas: (PodObject | undefined)[]): void {
  const partition = ctx.set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let i = replicas.length - 1; i >= partition && i >= 0; i--) {
    const pod = replicas[i];
    if (!pod) return;
    if (revisionOf(pod) !== ctx.update.metadata.name && !isTerminating(pod)) {
      deletePod(ctx, pod);
      return;
    }
    if (!isHealthy(pod) || !isPodAvailable(pod, ctx.minReadySeconds, ctx.nowMs)) return;
  }
}

function syncStatefulSet(state: ClusterState, set: StsObject): void {
  const pods = claimPods(state, set);
  if (set.metadata.deletionTimestamp) {
    writeStatus(state, set, pods, undefined, undefined);
    return;
  }
  const { current, update } = syncRevisions(state, set);
  const ctx: SyncContext = {
    state,
    set,
    current,
    update,
    monotonic: set.spec?.podManagementPolicy !== 'Parallel',
    minReadySeconds: set.spec?.minReadySeconds ?? 0,
    nowMs: state.epochMs + state.now,
  };
  const start = set.spec?.ordinals?.start ?? 0;
  const count = set.spec?.replicas ?? 1;
  const replicas: (PodObject | undefined)[] = new Array(count).fill(undefined);
  const condemned: PodObject[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(pod.metadata.name, set.metadata.name);
    if (ordinal < 0) continue;
    if (ordinal >= start && ordinal < start + count) replicas[ordinal - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(b.metadata.name, set.metadata.name) - ordinalOf(a.metadata.name, set.metadata.name));

  let firstUnhealthy: PodObject | undefined;
  for (const pod of replicas) if (!isHealthy(pod) && isCreated(pod) && !firstUnhealthy) firstUnhealthy = pod;
  for (let i = condemned.length - 1; i >= 0 && !firstUnhealthy; i--) if (!isHealthy(condemned[i])) firstUnhealthy = condemned[i];

  const seqBefore = state.counters.seq;
  const finish = () => {
    // Claiming again only finds something new when pods were written in between.
    const fresh = podsWrittenSince(state, seqBefore) ? claimPods(state, set) : pods;
    const live = new Set([current.metadata.name, update.metadata.name, ...fresh.map((p) => revisionOf(p) ?? '')]);
    truncateHistory(state, set, live);
    writeStatus(state, set, fresh, current, update);
  };

  for (let i = 0; i < replicas.length; i++) {
    if (processReplica(ctx, replicas[i], start + i) && ctx.monotonic) return finish();
  }
  for (const pod of condemned) syncClaimOwners(state, set, pod, ordinalOf(pod.metadata.name, set.metadata.name), true);
  for (const pod of condemned) {
    if (processCondemned(ctx, pod, firstUnhealthy) && ctx.monotonic) return finish();
  }
  if (set.spec?.updateStrategy?.type !== 'OnDelete') rollingUpdate(ctx, replicas);
  finish();
}

/** True when a pod was created, updated or removed after change-log position `seq`. */
function podsWrittenSince(state: ClusterState, seq: number): boolean {
  const changes = state.changes;
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i];
    if (!change || change.seq <= seq) return false;
    if (change.kind === 'Pod') return true;
  }
  return false;
}

/** The StatefulSet controller. */
export const statefulSetController: Controller = {
  name: SOURCE,
  watches: [...CORE_KINDS, 'StatefulSet', 'ControllerRevision'],
  reconcile(state) {
    for (const set of listObjects<StsObject>(state, 'StatefulSet')) syncStatefulSet(state, set);
  },
  timers: {
    'statefulset.requeue': () => {
      // Waking up is enough: the next reconcile pass re-evaluates availability.
    },
  },
};
