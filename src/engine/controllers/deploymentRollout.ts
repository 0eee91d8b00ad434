/**
 * The Deployment strategies, after upstream `pkg/controller/deployment/`
 * `rolling.go` (rolloutRolling, reconcileNewReplicaSet,
 * reconcileOldReplicaSets, cleanupUnhealthyReplicas,
 * scaleDownOldReplicaSetsForRollingUpdate), `recreate.go` (rolloutRecreate,
 * oldPodsRunning) and `sync.go` (sync, scale, isScalingEvent,
 * cleanupDeployment).
 *
 * RollingUpdate (R15.5): the new ReplicaSet grows while the total stays
 * within replicas + maxSurge (25 %, rounded up); old ones shrink while at
 * least replicas − maxUnavailable (25 %, rounded down) pods stay available —
 * unhealthy old pods go first. Recreate: old sets go to 0, and the new one is
 * created only once no old pod is left. A change of `spec.replicas` alone is
 * a scaling event: every active set is resized in proportion, without a
 * rollout step.
 */
import type { PodObject } from '../../model/pod';
import { deleteObject } from '../deletion';
import {
  fresh,
  getAllReplicaSets,
  scaleAndRecord,
  scaleReplicaSet,
  type DeploymentSync,
} from './deploymentReplicaSets';
import { deploymentComplete, syncDeploymentStatus, syncRolloutStatus } from './deploymentStatus';
import {
  activeSets,
  availableReplicas,
  byCreation,
  byRevision,
  bySize,
  DESIRED_REPLICAS_ANNOTATION,
  findActiveOrLatest,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  proportion,
  replicasOf,
  actualReplicas,
  specReplicas,
} from './deploymentUtil';
import type { RsObject } from './replicaSetController';

/** The sets as stored now (a sync may have resized some of them). */
function refreshed(sync: DeploymentSync, sets: (RsObject | undefined)[]): (RsObject | undefined)[] {
  return sets.map((rs) => rs && fresh(sync.state, rs));
}

function rolloutStatus(sync: DeploymentSync, newRS: RsObject | undefined, oldRSs: RsObject[]): void {
  const all = refreshed(sync, [...oldRSs, newRS]);
  syncRolloutStatus(sync.state, all, all[all.length - 1], sync.d);
}

/** `cleanupDeployment`: deletes the oldest empty old sets beyond `revisionHistoryLimit`. */
function cleanupDeployment(sync: DeploymentSync, oldRSs: RsObject[]): void {
  const limit = sync.d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === 2147483647) return;
  const cleanable = refreshed(sync, oldRSs).filter((rs): rs is RsObject => rs !== undefined && !rs.metadata.deletionTimestamp);
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, excess)) {
    const observed = rs.status?.observedGeneration ?? 0;
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 1) > observed) continue;
    deleteObject(sync.state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }
}

/** `scale`: resizes the active sets after `spec.replicas` changed, proportionally when several are active. */
function scale(sync: DeploymentSync, newRS: RsObject | undefined, oldRSs: RsObject[]): void {
  const d = sync.d;
  const replicas = replicasOf(d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (replicasOf(only) !== replicas) scaleAndRecord(sync, only, replicas);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeSets(oldRSs)) scaleAndRecord(sync, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeSets([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(all);
  let operation: 'up' | 'down' | '' = '';
  if (toAdd > 0) {
    all.sort(bySize(true));
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(bySize(false));
    operation = 'down';
  }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const share = proportion(rs, d, toAdd, added);
    added += share;
    return replicasOf(rs) + share;
  });
  all.forEach((rs, i) => {
    let size = sizes[i] ?? replicasOf(rs);
    // Leftovers of the rounding go to the largest set.
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(sync, rs, size, operation);
  });
}

/** `sync`: scaling only (a scaling event or a paused Deployment), then the status without progress estimates. */
export function syncOnly(sync: DeploymentSync, rsList: RsObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(sync, rsList, false);
  scale(sync, newRS, oldRSs);
  if (sync.d.spec?.paused) cleanupDeployment(sync, oldRSs);
  syncDeploymentStatus(sync.state, refreshed(sync, [...oldRSs, newRS]), newRS && fresh(sync.state, newRS), sync.d);
}

/** `syncStatusOnly`: a Deployment being deleted only reports. */
export function syncStatusOnly(sync: DeploymentSync, rsList: RsObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(sync, rsList, false);
  syncDeploymentStatus(sync.state, [...oldRSs, newRS], newRS, sync.d);
}

/** `isScalingEvent`: an active set was sized for a different `spec.replicas`. */
export function isScalingEvent(sync: DeploymentSync, rsList: RsObject[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSets(sync, rsList, false);
  for (const rs of activeSets([...oldRSs, newRS])) {
    const text = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    const desired = Number(text);
    if (text === undefined || !Number.isInteger(desired)) continue;
    if (desired !== replicasOf(sync.d)) return true;
  }
  return false;
}

/** `reconcileNewReplicaSet`: grows (or trims) the new set within the surge budget. */
function reconcileNewReplicaSet(sync: DeploymentSync, all: RsObject[], newRS: RsObject): boolean {
  const replicas = replicasOf(sync.d);
  if (replicasOf(newRS) === replicas) return false;
  if (replicasOf(newRS) > replicas) return scaleAndRecord(sync, newRS, replicas)[0];
  return scaleAndRecord(sync, newRS, newRSNewReplicas(sync.d, all, newRS))[0];
}

/** `cleanupUnhealthyReplicas`: old sets first lose the pods that are not available anyway. */
function cleanupUnhealthyReplicas(sync: DeploymentSync, oldRSs: RsObject[], maxCleanup: number): [RsObject[], number] {
  const sets = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sets.length && total < maxCleanup; i++) {
    const rs = sets[i] as RsObject;
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const count = Math.min(maxCleanup - total, replicasOf(rs) - available);
    sets[i] = scaleAndRecord(sync, rs, replicasOf(rs) - count)[1];
    total += count;
  }
  return [sets, total];
}

/** `scaleDownOldReplicaSetsForRollingUpdate`: old sets shrink while enough pods stay available. */
function scaleDownOldForRolling(sync: DeploymentSync, all: RsObject[], oldRSs: RsObject[]): number {
  const minAvailable = replicasOf(sync.d) - maxUnavailable(sync.d);
  const available = availableReplicas(all);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), budget - total);
    scaleAndRecord(sync, rs, replicasOf(rs) - count);
    total += count;
  }
  return total;
}

/** `reconcileOldReplicaSets`: how far the old sets may shrink without breaking maxUnavailable. */
function reconcileOldReplicaSets(sync: DeploymentSync, all: RsObject[], oldRSs: RsObject[], newRS: RsObject): boolean {
  if (specReplicas(oldRSs) === 0) return false;
  const minAvailable = replicasOf(sync.d) - maxUnavailable(sync.d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const [cleaned, cleanupCount] = cleanupUnhealthyReplicas(sync, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldForRolling(sync, [...cleaned, newRS], cleaned);
  return cleanupCount + scaledDown > 0;
}

/** `rolloutRolling`: one step of a RollingUpdate — scale up if allowed, else scale down, else tidy up. */
export function rolloutRolling(sync: DeploymentSync, rsList: RsObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSets(sync, rsList, true);
  if (!newRS) return;
  const all = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(sync, all, newRS)) return rolloutStatus(sync, newRS, oldRSs);
  if (reconcileOldReplicaSets(sync, all, activeSets(oldRSs), newRS)) return rolloutStatus(sync, newRS, oldRSs);
  if (deploymentComplete(sync.d, sync.d.status ?? {})) cleanupDeployment(sync, oldRSs);
  rolloutStatus(sync, newRS, oldRSs);
}

/** `oldPodsRunning`: any old set still counts pods, or an old pod (even terminating) is not terminal. */
function oldPodsRunning(newRS: RsObject | undefined, oldRSs: RsObject[], pods: Map<string, PodObject[]>): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, list] of pods) {
    if (newRS && newRS.metadata.uid === uid) continue;
    if (list.some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

/** `rolloutRecreate`: all old pods gone before the new set is created at full size. */
export function rolloutRecreate(sync: DeploymentSync, rsList: RsObject[], pods: Map<string, PodObject[]>): void {
  let { newRS, oldRSs } = getAllReplicaSets(sync, rsList, false);
  let scaledDown = false;
  for (const rs of activeSets(oldRSs)) if (scaleAndRecord(sync, rs, 0)[0]) scaledDown = true;
  if (scaledDown || oldPodsRunning(newRS, oldRSs, pods)) return rolloutStatus(sync, newRS, oldRSs);
  if (!newRS) ({ newRS, oldRSs } = getAllReplicaSets(sync, rsList, true));
  if (newRS) scaleAndRecord(sync, fresh(sync.state, newRS), replicasOf(sync.d));
  if (deploymentComplete(sync.d, sync.d.status ?? {})) cleanupDeployment(sync, oldRSs);
  rolloutStatus(sync, newRS, oldRSs);
}
