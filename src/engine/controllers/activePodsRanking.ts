/**
 * Which pods a ReplicaSet deletes first when it has too many (R15.3), after
 * `ActivePodsWithRanks.Less` in `pkg/controller/controller_utils.go` and
 * `getPodsToDelete` / `getPodsRankedByRelatedPodsOnSameNode` in
 * `pkg/controller/replicaset/replica_set.go`, with the PodDeletionCost and
 * LogarithmicScaleDown gates on (their v1.33 defaults).
 *
 * Deleted first: unscheduled pods; then Pending < Unknown < Running; not
 * Ready; lower `controller.kubernetes.io/pod-deletion-cost`; pods on nodes
 * holding more active pods of the same owner; Ready for a shorter time; more
 * container restarts; newer pods. Ready and creation times are compared in
 * log₂ buckets of their age, and a tie inside a bucket goes to the lower UID.
 *
 * Upstream sorts with Go's unstable sort, so pods equal on every criterion
 * come out in an unspecified order; here the final tie-break is the UID.
 */
import { getCondition, isPodReady, type PodObject } from '../../model/pod';

/** The annotation a user sets to steer scale-down (R15.3). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** `IsPodActive`: not terminal and not being deleted. */
export function isPodActive(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** `GetDeletionCostFromPodAnnotations`: an int32, 0 when absent or invalid. */
function deletionCost(pod: PodObject): number {
  const text = pod.metadata.annotations?.[POD_DELETION_COST];
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim())) return 0;
  const value = Number(text.trim());
  return value >= -(2 ** 31) && value < 2 ** 31 ? value : 0;
}

/** When the pod became Ready (ms), or undefined (Go's zero time) when it is not Ready. */
function readyTime(pod: PodObject): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const since = getCondition(pod, 'Ready')?.lastTransitionTime;
  return since ? Date.parse(since) : undefined;
}

function creationTime(pod: PodObject): number | undefined {
  const text = pod.metadata.creationTimestamp;
  return text ? Date.parse(text) : undefined;
}

/** `afterOrZero`: a zero time sorts first, otherwise the later time does. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** `logarithmicRankDiff`: difference of ⌊log₂ age in nanoseconds⌋, -1 for a non-positive age. */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const ageNs = (nowMs - t) * 1e6;
    return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Compares two times of two pods the LogarithmicScaleDown way: true when `a` goes first. */
function youngerFirst(a: PodObject, b: PodObject, ta: number | undefined, tb: number | undefined, nowMs: number): boolean {
  if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
  const diff = logarithmicRankDiff(ta, tb, nowMs);
  if (diff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  return diff < 0;
}

/** `maxContainerRestarts`: the highest restart count of regular containers and of sidecars. */
function maxRestarts(pod: PodObject): [number, number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

/** `ActivePodsWithRanks.Less`: true when pod `a` (with `rankA` co-located pods) should be deleted before `b`. */
export function deleteBefore(a: PodObject, b: PodObject, rankA: number, rankB: number, nowMs: number): boolean {
  const nodeA = a.spec?.nodeName ?? '';
  const nodeB = b.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '';
  const phaseA = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA < phaseB;
  const readyA = isPodReady(a);
  if (readyA !== isPodReady(b)) return !readyA;
  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA < costB;
  if (rankA !== rankB) return rankA > rankB;
  if (readyA) {
    const ta = readyTime(a);
    const tb = readyTime(b);
    if (ta !== tb) return youngerFirst(a, b, ta, tb, nowMs);
  }
  const [regularA, sidecarA] = maxRestarts(a);
  const [regularB, sidecarB] = maxRestarts(b);
  if (regularA !== regularB) return regularA > regularB;
  if (sidecarA !== sidecarB) return sidecarA > sidecarB;
  const ca = creationTime(a);
  const cb = creationTime(b);
  if (ca !== cb) return youngerFirst(a, b, ca, cb, nowMs);
  return false;
}

/**
 * `getPodsToDelete`: the `count` active pods to delete first. `related` are
 * the pods of every ReplicaSet with the same owner (empty for a ReplicaSet
 * without one, as upstream): a pod's rank is how many active related pods
 * share its node.
 */
export function podsToDelete(active: PodObject[], related: PodObject[], count: number, nowMs: number): PodObject[] {
  if (count >= active.length) return active.slice(0, count);
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = active.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => {
    if (deleteBefore(x.pod, y.pod, x.rank, y.rank, nowMs)) return -1;
    if (deleteBefore(y.pod, x.pod, y.rank, x.rank, nowMs)) return 1;
    const ux = x.pod.metadata.uid ?? '';
    const uy = y.pod.metadata.uid ?? '';
    return ux < uy ? -1 : ux > uy ? 1 : 0;
  });
  return ranked.slice(0, count).map((r) => r.pod);
}
