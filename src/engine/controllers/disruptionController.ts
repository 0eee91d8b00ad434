/**
 * The disruption controller: imitates `pkg/controller/disruption/disruption.go`
 * (spec R13.3) — keeps the status of every PodDisruptionBudget current so the
 * eviction API (`../eviction.ts`) can decide from it alone.
 *
 * For each budget it lists the pods its selector matches in its namespace and
 * computes, like `trySync`:
 * - `expectedPods`: the number of matched pods for an integer `minAvailable`,
 *   otherwise the sum of the owning controllers' `spec.replicas` (StatefulSet,
 *   ReplicaSet, or the Deployment owning a ReplicaSet);
 * - `desiredHealthy`: the integer `minAvailable`, a percentage of expected
 *   rounded up, or `expected − maxUnavailable` (percentage rounded up);
 * - `currentHealthy`: matched pods that are Ready, not terminating and not in
 *   `disruptedPods`;
 * - `disruptionsAllowed = currentHealthy − desiredHealthy`, never below 0 and
 *   0 while `expectedPods` is 0;
 * - `disruptedPods`: the evictions approved by the eviction API whose pods are
 *   not deleting yet; an entry older than two minutes whose pod was never
 *   deleted is dropped with a `NotDeleted` Warning event on the pod;
 * - `observedGeneration` and the condition `DisruptionAllowed`
 *   (`SufficientPods` / `InsufficientPods`, or `SyncFailed` with the error when
 *   a matched pod's controller cannot be found).
 * It writes only when one of these changed (`updatePdbStatus`), and records
 * the controller-manager events `NoPods`, `UnmanagedPods` and
 * `CalculateExpectedPodCountFailed` on the syncs that write.
 *
 * Left out: the stale `DisruptionTarget` cleanup (the simulated eviction API
 * always deletes the pod it marks), ReplicationControllers and the generic
 * scale-subresource finder (custom resources), the `MultiplePodDisruptionBudgets`
 * pod event, and rate-limited requeues.
 */
import type { Condition, LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { fromTimestamp, toTimestamp } from '../../model/duration';
import { fromLabelSelector, matches } from '../../model/labelSelector';
import { controllerOf, refOf, setStatus, type KObject } from '../../model/objects';
import { isPodReady, type PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { schedule } from '../eventQueue';
import { recordEvent } from '../recorder';
import { getObject, listObjects, updateObject } from '../store';

/** A PodDisruptionBudget as stored. */
export type PdbObject = PodDisruptionBudget & KObject;

/** The Event source of the disruption controller (upstream registers it as `controllermanager`). */
export const DISRUPTION_SOURCE = 'controllermanager';

/** `DeletionTimeout`: how long an approved eviction may wait for its pod's deletion. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

const RECHECK_TIMER = 'disruption.recheck';

/** The pods a budget's selector matches in its namespace (a missing selector matches none). */
export function podsForBudget(state: ClusterState, pdb: PdbObject): PodObject[] {
  const selector = fromLabelSelector(pdb.spec?.selector);
  if (!selector) return [];
  return listObjects<PodObject>(state, 'Pod', pdb.metadata.namespace).filter((p) => matches(selector, p.metadata.labels));
}

/**
 * `intstr.GetScaledValueFromIntOrPercent`: an integer as is, `N%` of `total`
 * rounded up or down. Returns an Error for strings that are not percentages.
 */
export function scaledValue(value: number | string, total: number, roundUp: boolean): number | Error {
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) return new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) return new Error(`invalid value for IntOrString: invalid value "${value}": strconv.Atoi: parsing "${digits}": invalid syntax`);
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

interface Scale {
  expected: number;
  unmanaged: string[];
}

/** The uid and `spec.replicas` of the workload controlling a pod, as the upstream finders resolve it. */
function findScale(state: ClusterState, pod: PodObject): { uid: string; replicas: number } | undefined {
  const ref = controllerOf(pod);
  const namespace = pod.metadata.namespace;
  if (!ref) return undefined;
  const replicasOf = (obj: KObject) => ((obj['spec'] as { replicas?: number } | undefined)?.replicas ?? 1);
  if (ref.kind === 'StatefulSet') {
    const sts = getObject<KObject>(state, 'StatefulSet', namespace, ref.name);
    return sts && sts.metadata.uid === ref.uid ? { uid: ref.uid, replicas: replicasOf(sts) } : undefined;
  }
  if (ref.kind === 'ReplicaSet') {
    const rs = getObject<KObject>(state, 'ReplicaSet', namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    // A ReplicaSet a Deployment controls is scaled through the Deployment.
    const owner = controllerOf(rs);
    if (owner?.kind !== 'Deployment') return { uid: ref.uid, replicas: replicasOf(rs) };
    const deployment = getObject<KObject>(state, 'Deployment', namespace, owner.name);
    return deployment && deployment.metadata.uid === owner.uid ? { uid: owner.uid, replicas: replicasOf(deployment) } : undefined;
  }
  return undefined;
}

/** `getExpectedScale`: the sum of the matched pods' controllers' replicas, counting each controller once. */
function expectedScale(state: ClusterState, pods: PodObject[]): Scale | Error {
  const byController = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (!ref) {
      unmanaged.push(pod.metadata.name);
      continue;
    }
    if (byController.has(ref.uid)) continue;
    const scale = findScale(state, pod);
    if (!scale) return new Error(`found no controllers for pod "${pod.metadata.name}"`);
    byController.set(scale.uid, scale.replicas);
  }
  let expected = 0;
  for (const replicas of byController.values()) expected += replicas;
  return { expected, unmanaged };
}

interface Counts {
  expected: number;
  desired: number;
  unmanaged: string[];
}

/** `getExpectedPodCount`. */
function expectedPodCount(state: ClusterState, pdb: PdbObject, pods: PodObject[]): Counts | Error {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const scale = expectedScale(state, pods);
    if (scale instanceof Error) return scale;
    const maxUnavailable = scaledValue(spec.maxUnavailable, scale.expected, true);
    if (maxUnavailable instanceof Error) return maxUnavailable;
    return { expected: scale.expected, desired: Math.max(0, scale.expected - maxUnavailable), unmanaged: scale.unmanaged };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') return { expected: pods.length, desired: spec.minAvailable, unmanaged: [] };
    const scale = expectedScale(state, pods);
    if (scale instanceof Error) return scale;
    const minAvailable = scaledValue(spec.minAvailable, scale.expected, true);
    if (minAvailable instanceof Error) return minAvailable;
    return { expected: scale.expected, desired: minAvailable, unmanaged: scale.unmanaged };
  }
  return { expected: 0, desired: 0, unmanaged: [] };
}

/**
 * `buildDisruptedPodMap`: keeps the approved evictions whose pods are not yet
 * deleting and not older than DeletionTimeout; reports when the next one expires.
 */
function disruptedPodMap(state: ClusterState, pdb: PdbObject, pods: PodObject[]): { map: Record<string, string>; recheckAt?: number } {
  const recorded = pdb.status?.disruptedPods ?? {};
  const map: Record<string, string> = {};
  let recheckAt: number | undefined;
  const nowMs = state.epochMs + state.now;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const since = recorded[pod.metadata.name];
    if (since === undefined) continue;
    const expectedDeletion = fromTimestamp(since) + DELETION_TIMEOUT_MS;
    if (expectedDeletion <= nowMs) {
      // Upstream prints the budget's namespace twice here.
      const ns = pdb.metadata.namespace ?? '';
      recordEvent(state, pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`, DISRUPTION_SOURCE);
      continue;
    }
    map[pod.metadata.name] = since;
    if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
  }
  return { map, recheckAt: recheckAt === undefined ? undefined : recheckAt - state.epochMs };
}

/** `countHealthyPods`: Ready, not terminating, not about to be deleted by an approved eviction. */
function countHealthy(pods: PodObject[], disrupted: Record<string, string>): number {
  return pods.filter((p) => !p.metadata.deletionTimestamp && disrupted[p.metadata.name] === undefined && isPodReady(p)).length;
}

/**
 * `meta.SetStatusCondition` for the `DisruptionAllowed` condition: the
 * transition time moves only when the status flips.
 */
export function setDisruptionAllowedCondition(
  status: PodDisruptionBudgetStatus,
  now: string,
  wanted: { status: 'True' | 'False'; reason: string; message?: string },
): void {
  const conditions = (status.conditions ??= []);
  const observedGeneration = status.observedGeneration;
  const existing = conditions.find((c) => c.type === 'DisruptionAllowed');
  const message = wanted.message ?? '';
  if (!existing) {
    const created: Condition = { type: 'DisruptionAllowed', status: wanted.status, lastTransitionTime: now, reason: wanted.reason, message };
    if (observedGeneration !== undefined) created.observedGeneration = observedGeneration;
    conditions.push(created);
    return;
  }
  if (existing.status !== wanted.status) {
    existing.status = wanted.status;
    existing.lastTransitionTime = now;
  }
  existing.reason = wanted.reason;
  existing.message = message;
  if (observedGeneration !== undefined) existing.observedGeneration = observedGeneration;
}

/** `pdbhelper.UpdateDisruptionAllowedCondition`: SufficientPods while disruptions are allowed. */
export function updateDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, now: string): void {
  if (status.disruptionsAllowed > 0) setDisruptionAllowedCondition(status, now, { status: 'True', reason: 'SufficientPods' });
  else setDisruptionAllowedCondition(status, now, { status: 'False', reason: 'InsufficientPods' });
}

/** `pdbhelper.ConditionsAreUpToDate`. */
function conditionsUpToDate(pdb: PdbObject): boolean {
  const status = pdb.status;
  const cond = status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  if (!status || !cond) return false;
  if (status.observedGeneration !== pdb.metadata.generation || cond.observedGeneration !== status.observedGeneration) return false;
  if (status.disruptionsAllowed > 0) return cond.status === 'True' && cond.reason === 'SufficientPods';
  return cond.status === 'False' && cond.reason === 'InsufficientPods';
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const left = a ?? {};
  const keys = Object.keys(left);
  return keys.length === Object.keys(b).length && keys.every((k) => left[k] === b[k]);
}

/** `%v` of a `*metav1.LabelSelector` (its generated `String()`), as the UnmanagedPods event prints it. */
export function goLabelSelectorString(selector: LabelSelector | undefined): string {
  if (!selector) return 'nil';
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${selector.matchLabels?.[k] ?? ''},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

/** `failSafe`: no disruptions allowed, condition `SyncFailed` with the error. */
function failSafe(state: ClusterState, pdb: PdbObject, error: Error): void {
  const now = toTimestamp(state.epochMs + state.now);
  const before = JSON.stringify(pdb.status ?? null);
  const status: PodDisruptionBudgetStatus = copy(pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  status.disruptionsAllowed = 0;
  setDisruptionAllowedCondition(status, now, { status: 'False', reason: 'SyncFailed', message: error.message });
  if (JSON.stringify(status) === before) return;
  recordEvent(state, pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${error.message}`, DISRUPTION_SOURCE);
  updateObject<PdbObject>(state, 'PodDisruptionBudget', pdb.metadata.namespace, pdb.metadata.name, (draft) => setStatus(draft, status));
}

/** One `sync` of one budget. */
function syncBudget(state: ClusterState, pdb: PdbObject): void {
  const pods = podsForBudget(state, pdb);
  const counts = expectedPodCount(state, pdb, pods);
  if (counts instanceof Error) {
    failSafe(state, pdb, counts);
    return;
  }
  const { map: disrupted, recheckAt } = disruptedPodMap(state, pdb, pods);
  const currentHealthy = countHealthy(pods, disrupted);
  const allowed = counts.expected <= 0 ? 0 : Math.max(0, currentHealthy - counts.desired);
  const old = pdb.status;
  const generation = pdb.metadata.generation ?? 1;
  const unchanged =
    old !== undefined &&
    old.currentHealthy === currentHealthy &&
    old.desiredHealthy === counts.desired &&
    old.expectedPods === counts.expected &&
    old.disruptionsAllowed === allowed &&
    sameMap(old.disruptedPods, disrupted) &&
    old.observedGeneration === generation &&
    conditionsUpToDate(pdb);
  if (!unchanged) {
    if (pods.length === 0) recordEvent(state, pdb, 'Normal', 'NoPods', 'No matching pods found', DISRUPTION_SOURCE);
    if (counts.unmanaged.length) {
      recordEvent(
        state,
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${goLabelSelectorString(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
        DISRUPTION_SOURCE,
      );
    }
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: generation,
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy: counts.desired,
      expectedPods: counts.expected,
    };
    if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
    status.conditions = copy(old?.conditions ?? []);
    updateDisruptionAllowedCondition(status, toTimestamp(state.epochMs + state.now));
    updateObject<PdbObject>(state, 'PodDisruptionBudget', pdb.metadata.namespace, pdb.metadata.name, (draft) => setStatus(draft, status));
  }
  if (recheckAt !== undefined) scheduleRecheck(state, pdb, recheckAt);
}

/** Wakes the controller when the oldest kept disruption expires (once per instant and budget). */
function scheduleRecheck(state: ClusterState, pdb: PdbObject, at: number): void {
  const target = refOf(pdb);
  if (state.timers.some((t) => t.type === RECHECK_TIMER && t.target === target && t.at === at)) return;
  schedule(state, at - state.now, RECHECK_TIMER, target);
}

/** The disruption controller: one `sync` per PodDisruptionBudget each pass (see the file header). */
export const disruptionController: Controller = {
  name: 'disruption-controller',
  watches: [...CORE_KINDS, 'PodDisruptionBudget', 'StatefulSet', 'Deployment', 'ReplicaSet', 'Job'],
  reconcile(state) {
    for (const pdb of listObjects<PdbObject>(state, 'PodDisruptionBudget')) {
      if (pdb.metadata.deletionTimestamp) continue;
      syncBudget(state, pdb);
    }
  },
  timers: {
    // The reconcile pass after the timer re-evaluates the budget; nothing to do here.
    [RECHECK_TIMER]: () => undefined,
  },
};
