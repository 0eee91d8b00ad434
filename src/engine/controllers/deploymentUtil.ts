/**
 * Deployment arithmetic and ReplicaSet bookkeeping, after upstream
 * `pkg/controller/deployment/util/deployment_util.go` (ResolveFenceposts,
 * MaxSurge, MaxUnavailable, NewRSNewReplicas, FindNewReplicaSet,
 * FindOldReplicaSets, FindActiveOrLatest, IsSaturated, the replica counters,
 * SetNewReplicaSetAnnotations, SetReplicasAnnotations, GetProportion) and the
 * ReplicaSet sort orders of `pkg/controller/controller_utils.go`.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { semanticEqual } from '../../manifest/semanticEqual';
import type { KObject } from '../../model/objects';
import { POD_TEMPLATE_HASH_LABEL } from './podTemplateHash';
import type { RsObject } from './replicaSetController';

export type DeployObject = Deployment & KObject;

/** The revision of a ReplicaSet (and the Deployment's current one). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** `--deployment-controller-...` default of maxRevHistoryLengthInChars. */
const MAX_REV_HISTORY_CHARS = 2000;

/** Deployment annotations never copied onto its ReplicaSets (`annotationsToSkip`). */
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** `spec.replicas` (defaulted to 1). */
export function replicasOf(obj: { spec?: { replicas?: number } }): number {
  return obj.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: DeployObject): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** `GetScaledValueFromIntOrPercent`: a count, or a percentage of `total` rounded up or down. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const percent = Number(value.replace(/%$/, ''));
  if (!Number.isFinite(percent)) return 0;
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** `ResolveFenceposts`: maxSurge rounds up, maxUnavailable down; both zero means one may be unavailable. */
function fenceposts(d: DeployObject): [number, number] {
  const rolling = d.spec?.strategy?.rollingUpdate;
  const desired = replicasOf(d);
  const surge = scaledValue(rolling?.maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(rolling?.maxUnavailable ?? 0, desired, false);
  return surge === 0 && unavailable === 0 ? [0, 1] : [surge, unavailable];
}

/** `MaxSurge`: 0 unless RollingUpdate. */
export function maxSurge(d: DeployObject): number {
  return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
}

/** `MaxUnavailable`: 0 unless RollingUpdate with replicas, never more than the replicas. */
export function maxUnavailable(d: DeployObject): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d)[1], replicas);
}

/** `GetReplicaCountForReplicaSets`: sum of `spec.replicas`. */
export function specReplicas(sets: (RsObject | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs ? replicasOf(rs) : 0), 0);
}

/** `GetActualReplicaCountForReplicaSets`: sum of `status.replicas`. */
export function actualReplicas(sets: (RsObject | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs?.status?.replicas ?? 0), 0);
}

export function readyReplicas(sets: (RsObject | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs?.status?.readyReplicas ?? 0), 0);
}

export function availableReplicas(sets: (RsObject | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs?.status?.availableReplicas ?? 0), 0);
}

/** `FilterActiveReplicaSets`: sets with replicas wanted. */
export function activeSets(sets: (RsObject | undefined)[]): RsObject[] {
  return sets.filter((rs): rs is RsObject => rs !== undefined && replicasOf(rs) > 0);
}

function created(rs: RsObject): number {
  return Date.parse(rs.metadata.creationTimestamp ?? '') || 0;
}

/** `ReplicaSetsByCreationTimestamp`: oldest first, then by name. */
export function byCreation(a: RsObject, b: RsObject): number {
  return created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}

/** `ReplicaSetsBySizeNewer` (scaling up) / `ReplicaSetsBySizeOlder` (scaling down): larger first. */
export function bySize(newerFirst: boolean): (a: RsObject, b: RsObject) => number {
  return (a, b) => replicasOf(b) - replicasOf(a) || (newerFirst ? byCreation(b, a) : byCreation(a, b));
}

/** The revision number a ReplicaSet carries, 0 when missing. */
export function revisionOf(rs: { metadata?: { annotations?: Record<string, string> } }): number {
  const value = Number(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0);
  return Number.isInteger(value) ? value : 0;
}

/** `ReplicaSetsByRevision`: lowest revision first. */
export function byRevision(a: RsObject, b: RsObject): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

function withoutHash(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = JSON.parse(JSON.stringify(template ?? {})) as PodTemplateSpec;
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** `EqualIgnoreHash`: the templates are semantically equal apart from the `pod-template-hash` label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** `FindNewReplicaSet`: the oldest set whose template is the Deployment's. */
export function findNewReplicaSet(d: DeployObject, sets: RsObject[]): RsObject | undefined {
  return [...sets].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** `FindOldReplicaSets` (its second result): every set except the new one. */
export function findOldReplicaSets(d: DeployObject, sets: RsObject[]): RsObject[] {
  const newRS = findNewReplicaSet(d, sets);
  return sets.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

/** `FindActiveOrLatest`: the only active set, the newest set when none is active, undefined when several are. */
export function findActiveOrLatest(newRS: RsObject | undefined, oldRSs: RsObject[]): RsObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** `IsSaturated`: the new set runs every replica and knows the Deployment's size. */
export function isSaturated(d: DeployObject, rs: RsObject | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]);
  const replicas = replicasOf(d);
  return replicasOf(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** `NewRSNewReplicas`: how far the new set may grow now (R15.5: within replicas + maxSurge). */
export function newRSNewReplicas(d: DeployObject, all: (RsObject | undefined)[], newRS: RsObject): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true);
  const current = specReplicas(all);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicas - replicasOf(newRS));
}

/** `SetReplicasAnnotations`: records the Deployment size the set was scaled for; true when changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata ??= {}).annotations ?? {};
  let changed = false;
  for (const [key, value] of [[DESIRED_REPLICAS_ANNOTATION, String(desired)], [MAX_REPLICAS_ANNOTATION, String(max)]] as const) {
    if (annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  rs.metadata.annotations = annotations;
  return changed;
}

/**
 * `SetNewReplicaSetAnnotations`: copies the Deployment's own annotations,
 * raises the revision (keeping the previous ones in `revision-history` on a
 * rollback) and, for a set about to be created, the replica annotations.
 */
export function setNewReplicaSetAnnotations(d: DeployObject, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const meta = (rs.metadata ??= {});
  const annotations = (meta.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIPPED_ANNOTATIONS.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldText = annotations[REVISION_ANNOTATION];
  const oldRevision = oldText === undefined || oldText === '' ? 0 : Number(oldText);
  if (!Number.isInteger(oldRevision)) return false;
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
      const kept = history === '' ? [] : history.split(',');
      let total = history.length + oldText.length + 1;
      while (total > MAX_REV_HISTORY_CHARS && kept.length) total -= (kept.shift() as string).length + 1;
      if (total <= MAX_REV_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...kept, oldText].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** `GetProportion`: this set's share of `toAdd` replicas, bounded by what is left to add. */
export function proportion(rs: RsObject, d: DeployObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Go's `math.Round`: halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function replicaSetFraction(rs: RsObject, d: DeployObject): number {
  const size = replicasOf(rs);
  if (replicasOf(d) === 0) return -size;
  const maxNow = replicasOf(d) + maxSurge(d);
  let maxBefore = Number(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]);
  if (!Number.isInteger(maxBefore) || maxBefore === 0) {
    maxBefore = d.status?.replicas ?? 0;
    if (maxBefore === 0) return 0;
  }
  return roundHalfAway((size * maxNow) / maxBefore) - size;
}
