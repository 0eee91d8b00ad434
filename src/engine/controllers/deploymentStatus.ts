/**
 * Deployment status and conditions, after upstream
 * `pkg/controller/deployment/sync.go` (calculateStatus, syncDeploymentStatus),
 * `progress.go` (syncRolloutStatus, requeueStuckDeployment) and the condition
 * helpers of `util/deployment_util.go` (SetDeploymentCondition,
 * DeploymentComplete, DeploymentProgressing, DeploymentTimedOut).
 *
 * Conditions: `Available` (`MinimumReplicasAvailable` /
 * `MinimumReplicasUnavailable`) and `Progressing` (`NewReplicaSetCreated`,
 * `FoundNewReplicaSet`, `ReplicaSetUpdated`, `NewReplicaSetAvailable`,
 * `ProgressDeadlineExceeded`, `DeploymentPaused`, `DeploymentResumed`).
 *
 * The progress-deadline re-check is a quiet timer: `sim wait --stable` does
 * not wait ten minutes for a stuck rollout to time out, but advancing the
 * clock past the deadline does flip the condition. Left out: the
 * ReplicaFailure condition (ReplicaSets here never fail to create pods).
 */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { ClusterState } from '../clusterState';
import { schedule } from '../eventQueue';
import { nowTimestamp } from '../store';
import {
  actualReplicas,
  availableReplicas,
  maxUnavailable,
  readyReplicas,
  replicasOf,
  specReplicas,
  type DeployObject,
} from './deploymentUtil';
import type { RsObject } from './replicaSetController';

/** Timer that re-checks a rollout at its progress deadline; target `<namespace>/<name>@<ms>`. */
export const PROGRESS_CHECK_TIMER = 'deployment.progressCheck';

const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
const TIMED_OUT = 'ProgressDeadlineExceeded';
const PAUSED = 'DeploymentPaused';

/** `NewDeploymentCondition`: both times now. */
export function newCondition(state: ClusterState, type: string, status: string, reason: string, message: string): DeploymentCondition {
  const now = nowTimestamp(state);
  return { lastTransitionTime: now, lastUpdateTime: now, message, reason, status, type };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  if (kept.length) status.conditions = kept;
  else delete status.conditions;
}

/** `SetDeploymentCondition`: no change for the same status and reason; the new one goes last. */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function hasProgressDeadline(d: DeployObject): boolean {
  const seconds = d.spec?.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== 2147483647;
}

/** `DeploymentComplete`: every replica updated and available, and the spec observed. */
export function deploymentComplete(d: DeployObject, status: DeploymentStatus): boolean {
  const replicas = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

function deploymentProgressing(d: DeployObject, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

function deploymentTimedOut(state: ClusterState, d: DeployObject, next: DeploymentStatus): boolean {
  const condition = getCondition(next, 'Progressing');
  if (!condition || condition.reason === NEW_RS_AVAILABLE) return false;
  if (condition.reason === TIMED_OUT) return true;
  const from = Date.parse(condition.lastUpdateTime ?? '');
  return from + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 < state.epochMs + state.now;
}

/** `calculateStatus`: counters from the sets' statuses, and the Available condition. */
function calculateStatus(state: ClusterState, all: (RsObject | undefined)[], newRS: RsObject | undefined, d: DeployObject): DeploymentStatus {
  const available = availableReplicas(all);
  const unavailable = Math.max(0, specReplicas(all) - available);
  // Key order as kubectl prints it (sorted); zero counters are omitted like the Go type's omitempty.
  const status: DeploymentStatus = {
    ...(available ? { availableReplicas: available } : {}),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    ...(d.status?.conditions?.length ? { conditions: d.status.conditions.map((c) => ({ ...c })) } : {}),
    observedGeneration: d.metadata.generation ?? 1,
  };
  const ready = readyReplicas(all);
  const replicas = actualReplicas(all);
  const updated = actualReplicas([newRS]);
  if (ready) status.readyReplicas = ready;
  if (replicas) status.replicas = replicas;
  if (unavailable) status.unavailableReplicas = unavailable;
  if (updated) status.updatedReplicas = updated;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(state, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
  } else {
    setCondition(status, newCondition(state, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
  }
  return sortKeys(status);
}

function sortKeys(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(status).sort()) out[key] = (status as Record<string, unknown>)[key];
  return out as DeploymentStatus;
}

/** `syncDeploymentStatus`: the status a scaling or paused sync leaves (no progress estimate). */
export function syncDeploymentStatus(state: ClusterState, all: (RsObject | undefined)[], newRS: RsObject | undefined, d: DeployObject): void {
  d.status = calculateStatus(state, all, newRS, d);
}

/** `syncRolloutStatus`: the status plus the Progressing condition of a rollout. */
export function syncRolloutStatus(state: ClusterState, all: (RsObject | undefined)[], newRS: RsObject | undefined, d: DeployObject): void {
  const next = calculateStatus(state, all, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, next)) {
      setCondition(next, newCondition(state, 'Progressing', 'True', NEW_RS_AVAILABLE, `${subject} has successfully progressed.`));
    } else if (deploymentProgressing(d, next)) {
      const condition = newCondition(state, 'Progressing', 'True', 'ReplicaSetUpdated', `${subject} is progressing.`);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, 'Progressing');
      }
      setCondition(next, condition);
    } else if (deploymentTimedOut(state, d, next)) {
      setCondition(next, newCondition(state, 'Progressing', 'False', TIMED_OUT, `${subject} has timed out progressing.`));
    }
  }
  removeCondition(next, 'ReplicaFailure');
  const sorted = sortKeys(next);
  if (JSON.stringify(sorted) === JSON.stringify(d.status)) requeueStuckDeployment(state, d, sorted);
  d.status = sorted;
}

/** `requeueStuckDeployment`: wake up just after the progress deadline of a rollout that is not moving. */
function requeueStuckDeployment(state: ClusterState, d: DeployObject, next: DeploymentStatus): void {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current || deploymentComplete(d, next) || current.reason === TIMED_OUT) return;
  const due = Date.parse(current.lastUpdateTime ?? '') + (d.spec?.progressDeadlineSeconds ?? 600) * 1000 + 1000 - state.epochMs;
  const key = `${d.metadata.namespace}/${d.metadata.name}@${due}`;
  if (due <= state.now || state.timers.some((t) => t.type === PROGRESS_CHECK_TIMER && t.target === key)) return;
  schedule(state, due - state.now, PROGRESS_CHECK_TIMER, key);
}

/** `checkPausedConditions`: Progressing Unknown `DeploymentPaused` / `DeploymentResumed` when pausing or resuming. */
export function checkPausedConditions(state: ClusterState, d: DeployObject): void {
  if (!hasProgressDeadline(d)) return;
  const current = getCondition(d.status, 'Progressing');
  if (current?.reason === TIMED_OUT) return;
  const pausedCondition = current?.reason === PAUSED;
  const status = (d.status ??= {});
  if (d.spec?.paused && !pausedCondition) {
    setCondition(status, newCondition(state, 'Progressing', 'Unknown', PAUSED, 'Deployment is paused'));
  } else if (!d.spec?.paused && pausedCondition) {
    setCondition(status, newCondition(state, 'Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed'));
  }
}
