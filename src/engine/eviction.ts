/**
 * The eviction API (POST `pods/<name>/eviction`), after
 * `pkg/registry/core/pod/storage/eviction.go` (spec R13.2, R13.4):
 *
 * - a pod that is Pending, Succeeded, Failed or already terminating is
 *   deleted without consulting any budget (`canIgnorePDB`);
 * - a pod no PodDisruptionBudget selects is deleted;
 * - more than one budget → `500` `This pod has more than one
 *   PodDisruptionBudget, which the eviction subresource does not support.`;
 * - a Running pod that is not Ready is deleted without using up the budget
 *   when the budget's `unhealthyPodEvictionPolicy` is `AlwaysAllow`, or (the
 *   default `IfHealthyBudget`) when `currentHealthy ≥ desiredHealthy > 0`;
 * - otherwise `checkAndDecrement`: `429` while the budget's status is older
 *   than its spec or allows no disruption; else one allowed disruption is
 *   consumed at once (`disruptionsAllowed − 1`, the pod recorded in
 *   `status.disruptedPods`) so that parallel evictions cannot overshoot, and
 *   the pod is deleted.
 * Every deletion first sets the pod condition `DisruptionTarget`
 * (`EvictionByEvictionAPI`, `Eviction API: evicting`) and then deletes the
 * pod gracefully (`addConditionAndDeletePod`).
 *
 * Left out: dry runs, resourceVersion preconditions and conflict retries
 * (the simulated API server applies each request atomically).
 */
import type { PodCondition } from 'kubernetes-types/core/v1';
import { fromLabelSelector, matches } from '../model/labelSelector';
import { setStatus } from '../model/objects';
import { isPodReady, type PodObject } from '../model/pod';
import type { ClusterState } from './clusterState';
import { updateDisruptionAllowedCondition, type PdbObject } from './controllers/disruptionController';
import { deleteObject } from './deletion';
import { getObject, listObjects, nowTimestamp, updateObject } from './store';

/** The Status message of a 429 answer. */
export const BUDGET_VIOLATION_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

/** The Status message of the 500 answer for a pod two or more budgets select. */
export const MULTIPLE_BUDGETS_MESSAGE = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/**
 * What the API server answered.
 *
 * @example
 * { code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget.",
 *   cause: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }
 */
export interface EvictionOutcome {
  /** 200 evicted (deletion started), 404 no such pod, 429 a budget forbids it now, 500 several budgets. */
  code: 200 | 404 | 429 | 500;
  /** The Status message (what kubectl prints after the colon); empty on 200. */
  message: string;
  /** The `DisruptionBudget` status cause of a 429. */
  cause?: string;
}

export interface EvictionOptions {
  /** `deleteOptions.gracePeriodSeconds` (kubectl drain `--grace-period`). */
  gracePeriodSeconds?: number;
}

/** The budgets in the pod's namespace whose selector matches it, in name order. */
export function budgetsForPod(state: ClusterState, pod: PodObject): PdbObject[] {
  return listObjects<PdbObject>(state, 'PodDisruptionBudget', pod.metadata.namespace).filter((pdb) =>
    matches(fromLabelSelector(pdb.spec?.selector), pod.metadata.labels),
  );
}

/** `canIgnorePDB`: the pod is not running, or already on its way out. */
function canIgnoreBudget(pod: PodObject): boolean {
  const phase = pod.status?.phase ?? 'Pending';
  return phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' || Boolean(pod.metadata.deletionTimestamp);
}

/** `addConditionAndDeletePod`: DisruptionTarget=True, then a graceful delete. */
function markAndDelete(state: ClusterState, pod: PodObject, options: EvictionOptions): void {
  const { namespace, name } = pod.metadata;
  updateObject<PodObject>(state, 'Pod', namespace, name, (p) => {
    const conditions = [...(p.status?.conditions ?? [])];
    const at = conditions.findIndex((c) => c.type === 'DisruptionTarget');
    const previous = at >= 0 ? conditions[at] : undefined;
    // `UpdatePodCondition` keeps the transition time when the status does not change.
    const lastTransitionTime = previous?.status === 'True' && previous.lastTransitionTime ? previous.lastTransitionTime : nowTimestamp(state);
    const condition: PodCondition = {
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null as unknown as string,
      lastTransitionTime,
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    };
    if (at >= 0) conditions[at] = condition;
    else conditions.push(condition);
    setStatus(p, { ...p.status, conditions });
  });
  deleteObject(state, 'Pod', namespace, name, options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds });
}

/** `checkAndDecrement`: the 429 answer, or undefined after consuming one disruption. */
function checkAndDecrement(state: ClusterState, pdb: PdbObject, podName: string): EvictionOutcome | undefined {
  const status = pdb.status;
  if (!status || (status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
    return { code: 429, message: BUDGET_VIOLATION_MESSAGE, cause: `The disruption budget ${pdb.metadata.name} is still being processed by the server.` };
  }
  if (status.disruptionsAllowed <= 0) {
    return {
      code: 429,
      message: BUDGET_VIOLATION_MESSAGE,
      cause: `The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
    };
  }
  updateObject<PdbObject>(state, 'PodDisruptionBudget', pdb.metadata.namespace, pdb.metadata.name, (draft) => {
    const next = draft.status;
    if (!next) return;
    next.disruptionsAllowed -= 1;
    if (next.disruptionsAllowed === 0) updateDisruptionAllowedCondition(next, nowTimestamp(state));
    // Tells the disruption controller not to count the pod as healthy while its deletion is on the way.
    next.disruptedPods = { ...next.disruptedPods, [podName]: nowTimestamp(state) };
  });
  return undefined;
}

/** POST pods/<name>/eviction in `namespace`. */
export function evictPod(state: ClusterState, namespace: string, name: string, options: EvictionOptions = {}): EvictionOutcome {
  const pod = getObject<PodObject>(state, 'Pod', namespace, name);
  if (!pod) return { code: 404, message: `pods "${name}" not found` };
  const evicted: EvictionOutcome = { code: 200, message: '' };
  if (canIgnoreBudget(pod)) {
    markAndDelete(state, pod, options);
    return evicted;
  }
  const budgets = budgetsForPod(state, pod);
  if (budgets.length > 1) return { code: 500, message: MULTIPLE_BUDGETS_MESSAGE };
  const pdb = budgets[0];
  if (pdb && !isPodReady(pod)) {
    // An unready pod does not count as healthy, so deleting it costs the budget nothing.
    const status = pdb.status;
    const alwaysAllow = pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow';
    const healthyBudget = status !== undefined && status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0;
    if (alwaysAllow || healthyBudget) {
      markAndDelete(state, pod, options);
      return evicted;
    }
  }
  if (pdb) {
    const refused = checkAndDecrement(state, pdb, name);
    if (refused) return refused;
  }
  markAndDelete(state, pod, options);
  return evicted;
}
