/**
 * Job status bookkeeping (R16.3, R16.4): conditions, the completed-index
 * intervals of Indexed Jobs, the pod-failure back-off, and the two-phase
 * counting through `status.uncountedTerminatedPods` and the pods' tracking
 * finalizer. After upstream `pkg/controller/job/job_controller.go`
 * (trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers,
 * cleanUncountedPodsWithoutFinalizers, enactJobFinished, ensureJobConditionStatus),
 * `indexed_job_utils.go` (orderedIntervals) and `backoff_utils.go`.
 *
 * The back-off record upstream lives in the controller's memory; here it is
 * derived from the Job's counters and pods, and a pending `job.backoff` timer
 * (the work queue's delayed requeue) remembers it once the failed pods are gone.
 */
import type { JobCondition, JobStatus, UncountedTerminatedPods } from 'kubernetes-types/batch/v1';
import { toTimestamp } from '../../model/duration';
import { setStatus } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import { recordEvent } from '../recorder';
import { updateObject } from '../store';
import {
  completionIndexOf,
  finishedAt,
  hasTrackingFinalizer,
  isIndexedJob,
  isPodFailed,
  JOB_SOURCE,
  removeTrackingFinalizer,
  type JobObject,
} from './jobPods';

/** A status being assembled during one sync (plain, writable copy). */
export type MutableJobStatus = JobStatus & { uncountedTerminatedPods: UncountedTerminatedPods };

export const REASON_COMPLETIONS = 'CompletionsReached';
export const MESSAGE_COMPLETIONS = 'Reached expected number of succeeded pods';

/** A condition as the controller stamps it (`newCondition`). */
export function newCondition(type: string, reason: string, message: string, nowMs: number, status = 'True'): JobCondition {
  const at = toTimestamp(nowMs);
  return { type, status, lastProbeTime: at, lastTransitionTime: at, reason, message };
}

export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** Complete or Failed is True. */
export function isJobFinished(job: JobObject): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** `ensureJobConditionStatus`: sets or adds a condition; never adds one that is False. Returns whether it changed. */
export function ensureCondition(status: MutableJobStatus, next: JobCondition): boolean {
  const list = (status.conditions ??= []);
  const at = list.findIndex((c) => c.type === next.type);
  if (at >= 0) {
    const old = list[at] as JobCondition;
    if (old.status === next.status && old.reason === next.reason && old.message === next.message) return false;
    list[at] = next;
    return true;
  }
  if (next.status === 'False') return false;
  list.push(next);
  return true;
}

/** Parses `completedIndexes` (`1,3-5,7`) into sorted indexes below `completions`. */
export function parseIndexes(text: string | undefined, completions: number): number[] {
  const out: number[] = [];
  for (const part of (text ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    const first = a ?? 0;
    const last = b ?? first;
    for (let i = first; i <= last && i < completions; i++) out.push(i);
  }
  return out;
}

/** Formats sorted indexes as intervals (`orderedIntervals.String`). */
export function formatIndexes(indexes: number[]): string {
  const sorted = [...new Set(indexes)].sort((x, y) => x - y);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Indexes that succeeded before this sync, and including pods that succeeded since (calculateSucceededIndexes). */
export function succeededIndexes(job: JobObject, pods: PodObject[]): { previous: number[]; all: number[] } {
  const completions = job.spec?.completions ?? 0;
  const previous = parseIndexes(job.status?.completedIndexes, completions);
  const fresh = pods
    .filter((p) => p.status?.phase === 'Succeeded' && hasTrackingFinalizer(p))
    .map(completionIndexOf)
    .filter((ix) => ix >= 0 && ix < completions);
  return { previous, all: [...new Set([...previous, ...fresh])].sort((a, b) => a - b) };
}

/** Timer that ends a pod-failure back-off; it also remembers the back-off while its failed pods are gone. */
export const JOB_BACKOFF_TIMER = 'job.backoff';

/**
 * The pod-failure back-off still to wait before creating pods, in ms: 10 s
 * doubling per failure since the last success, capped (6 min), counted from
 * the last failure. `failures` is the Job's whole failed count when nothing
 * succeeded yet (exact then); otherwise failures are read from the pods that
 * still exist. A pending back-off timer keeps the wait once those pods are gone.
 */
export function backoffRemainingMs(state: ClusterState, job: JobObject, pods: PodObject[], failures: number | undefined): { remainingMs: number; lastFailure?: number } {
  const nowMs = state.epochMs + state.now;
  const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').map((p) => finishedAt(p, nowMs));
  const lastSuccess = succeeded.length ? Math.max(...succeeded) : -Infinity;
  const failedAt = pods
    .filter((p) => isPodFailed(p, job))
    .map((p) => finishedAt(p, nowMs))
    .filter((t) => t > lastSuccess);
  const count = failures ?? failedAt.length;
  const lastFailure = failedAt.length ? Math.max(...failedAt) : undefined;
  let remainingMs = 0;
  if (count > 0 && lastFailure !== undefined) {
    const { jobBackoffInitialMs, jobBackoffMaxMs } = state.config.timing;
    let backoff = jobBackoffInitialMs;
    for (let i = 1; i < count && backoff < jobBackoffMaxMs; i++) backoff = Math.min(backoff * 2, jobBackoffMaxMs);
    remainingMs = Math.max(0, backoff - (nowMs - lastFailure));
  }
  for (const t of state.timers) {
    if (t.type !== JOB_BACKOFF_TIMER || t.data?.['uid'] !== job.metadata.uid) continue;
    // A success since that failure resets the back-off, as upstream's backoff record does.
    if (Number(t.data?.['lastFailure']) > lastSuccess) remainingMs = Math.max(remainingMs, t.at - state.now);
  }
  return lastFailure === undefined ? { remainingMs } : { remainingMs, lastFailure };
}

/** Writes the status if it changed. */
export function writeJobStatus(state: ClusterState, job: JobObject, status: MutableJobStatus): JobObject {
  const clean: MutableJobStatus = { ...status, uncountedTerminatedPods: {} };
  for (const key of ['succeeded', 'failed'] as const) {
    const uids = status.uncountedTerminatedPods[key];
    if (uids?.length) clean.uncountedTerminatedPods[key] = [...uids];
  }
  for (const key of ['active', 'succeeded', 'failed'] as const) if (!clean[key]) delete clean[key];
  if (!clean.completedIndexes) delete clean.completedIndexes;
  if (!clean.conditions?.length) delete clean.conditions;
  const updated = updateObject<JobObject>(state, 'Job', job.metadata.namespace, job.metadata.name, (j) => setStatus(j, clean as JobStatus));
  return updated ?? job;
}

/** Moves uncounted uids whose pod lost its finalizer (or is gone) into the counters. */
function cleanUncounted(status: MutableJobStatus, withFinalizer: Set<string>): void {
  const u = status.uncountedTerminatedPods;
  const keepS = (u.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
  const keepF = (u.failed ?? []).filter((uid) => withFinalizer.has(uid));
  status.succeeded = (status.succeeded ?? 0) + (u.succeeded?.length ?? 0) - keepS.length;
  status.failed = (status.failed ?? 0) + (u.failed?.length ?? 0) - keepF.length;
  u.succeeded = keepS;
  u.failed = keepF;
}

/** What one sync decided, for the tracking step. */
export interface TrackContext {
  job: JobObject;
  pods: PodObject[];
  status: MutableJobStatus;
  /** SuccessCriteriaMet / FailureTarget / Failed condition decided this sync, if any. */
  finished: JobCondition | undefined;
  previousIndexes: number[];
  indexes: number[];
  terminating: number;
  nowMs: number;
}

/**
 * trackJobStatusAndRemoveFinalizers: records finished pods in
 * `uncountedTerminatedPods` (first write), removes their finalizers, moves
 * them into `succeeded`/`failed` (second write), then adds the terminal
 * condition once nothing is uncounted or terminating (with its event).
 */
export function trackJobStatus(state: ClusterState, ctx: TrackContext): void {
  const { job, status } = ctx;
  const indexed = isIndexedJob(job);
  const completions = job.spec?.completions ?? 0;
  const u = status.uncountedTerminatedPods;
  const withFinalizer = new Set(ctx.pods.filter(hasTrackingFinalizer).map((p) => p.metadata.uid ?? ''));
  cleanUncounted(status, withFinalizer);
  const toRelease: PodObject[] = [];
  const newIndexes: number[] = [];
  const pods = indexed ? [...ctx.pods].sort((a, b) => completionIndexOf(a) - completionIndexOf(b)) : ctx.pods;
  const jobFailing = ctx.finished !== undefined && ctx.finished.type !== 'SuccessCriteriaMet' && ctx.finished.type !== 'Complete';
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid ?? '';
    const failed = isPodFailed(pod, job);
    const canRelease = Boolean(job.metadata.deletionTimestamp) || ctx.finished !== undefined || pod.status?.phase === 'Succeeded' || failed;
    if (!canRelease) continue;
    toRelease.push(pod);
    const ix = completionIndexOf(pod);
    if (pod.status?.phase === 'Succeeded' && !u.failed?.includes(uid)) {
      if (indexed) {
        if (ix >= 0 && ix < completions && !ctx.previousIndexes.includes(ix)) newIndexes.push(ix);
      } else if (!u.succeeded?.includes(uid)) (u.succeeded ??= []).push(uid);
    } else if (failed || jobFailing) {
      // When the Job is failing, every pod that did not succeed counts as failed.
      if (!u.failed?.includes(uid) && (!indexed || (ix >= 0 && ix < completions))) (u.failed ??= []).push(uid);
    }
  }
  if (indexed) {
    const all = [...new Set([...ctx.indexes, ...newIndexes])];
    status.succeeded = all.length;
    status.completedIndexes = formatIndexes(all);
  }
  let finished = ctx.finished;
  if (finished?.type === 'FailureTarget') {
    // The interim condition is written before the finalizers go; Failed follows once the pods are gone.
    ensureCondition(status, finished);
    finished = newCondition('Failed', finished.reason ?? '', finished.message ?? '', ctx.nowMs);
  } else if (finished?.type === 'SuccessCriteriaMet') {
    ensureCondition(status, finished);
    finished = newCondition('Complete', finished.reason ?? '', finished.message ?? '', ctx.nowMs);
  }
  let current = writeJobStatus(state, job, status);
  for (const pod of toRelease) {
    removeTrackingFinalizer(state, pod);
    withFinalizer.delete(pod.metadata.uid ?? '');
  }
  cleanUncounted(status, withFinalizer);
  const uncounted = (u.succeeded?.length ?? 0) + (u.failed?.length ?? 0);
  const done = finished !== undefined && uncounted === 0 && ctx.terminating === 0;
  if (done && finished) {
    ensureCondition(status, finished);
    if (finished.type === 'Complete') status.completionTime = finished.lastTransitionTime;
  }
  current = writeJobStatus(state, current, status);
  if (!done || !finished) return;
  if (finished.type === 'Complete') {
    if (job.spec?.completions != null && (status.succeeded ?? 0) > job.spec.completions) {
      recordEvent(state, current, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', JOB_SOURCE);
    }
    recordEvent(state, current, 'Normal', 'Completed', 'Job completed', JOB_SOURCE);
  } else recordEvent(state, current, 'Warning', finished.reason ?? '', finished.message ?? '', JOB_SOURCE);
}
