/**
 * The Job controller, after upstream `pkg/controller/job/job_controller.go`
 * (syncJob, manageJob, trackJobStatusAndRemoveFinalizers, syncOrphanPod) with
 * the v1.33 feature set: pods tracked by the `batch.kubernetes.io/job-tracking`
 * finalizer and `status.uncountedTerminatedPods`, `status.terminating` and
 * `podReplacementPolicy` (JobPodReplacementPolicy), and the delayed terminal
 * conditions — `SuccessCriteriaMet` before `Complete`, `FailureTarget` before
 * `Failed` (set once no pod is left terminating). Plus the TTL-after-finished
 * controller (`pkg/controller/ttlafterfinished`) in `jobTtl.ts`.
 *
 * Spec rules R16.1–R16.4: pod names and labels, completions/parallelism
 * (fixed count, work queue, Indexed), back-off 10 s doubling to 6 min after a
 * failed pod (restartPolicy Never), restarts counted against `backoffLimit`
 * (OnFailure, the kubelet restarts the container in place), `activeDeadlineSeconds`,
 * `suspend`, and the events `SuccessfulCreate` / `SuccessfulDelete` /
 * `Completed` / `BackoffLimitExceeded` / `DeadlineExceeded`.
 *
 * Left out: podFailurePolicy, successPolicy, backoffLimitPerIndex/maxFailedIndexes,
 * managedBy, the slow-start batching of pod creation, the 1 s sync batching.
 * The failure back-off is derived from the Job's counters and pods plus the
 * pending back-off timer (upstream keeps a record in memory); after a success
 * it only sees failed pods that still exist. Like upstream, `status.active`
 * reads 0 while a back-off delays the creation of replacement pods.
 *
 * Simulation note: the kubelet here removes a deleted pod once it stopped, even
 * while it still carries the tracking finalizer, so with `podReplacementPolicy:
 * Failed` a deleted pod that never reached phase Failed is not counted. Pods
 * already marked for deletion with no grace left (never scheduled, force-deleted)
 * are removed here when their finalizer goes, as the API server would.
 */
import { toTimestamp } from '../../model/duration';
import { isPodReady, type PodObject } from '../../model/pod';
import { controllerOf } from '../../model/objects';
import type { ClusterState } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { schedule } from '../eventQueue';
import { recordEvent, recordEventOnce } from '../recorder';
import { listObjects } from '../store';
import {
  activePodsForRemoval,
  claimJobPods,
  completionIndexOf,
  createJobPod,
  deleteJobPod,
  hasTrackingFinalizer,
  isActivePod,
  isIndexedJob,
  isPodFailed,
  isTerminatingPod,
  JOB_SOURCE,
  onlyReplaceFailedPods,
  removeTrackingFinalizer,
  type JobObject,
} from './jobPods';
import {
  backoffRemainingMs,
  ensureCondition,
  findCondition,
  isJobFinished,
  JOB_BACKOFF_TIMER,
  MESSAGE_COMPLETIONS,
  newCondition,
  REASON_COMPLETIONS,
  succeededIndexes,
  trackJobStatus,
  type MutableJobStatus,
} from './jobStatus';
import { JOB_SYNC_TIMER, syncTtl, wakeJobAt } from './jobTtl';

/** `pastBackoffLimitOnFailure`: container restarts of running/pending pods reached backoffLimit. */
function pastBackoffLimitOnFailure(job: JobObject, pods: PodObject[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
    for (const c of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])]) restarts += c.restartCount ?? 0;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function pastActiveDeadline(job: JobObject, status: MutableJobStatus, nowMs: number): boolean {
  const seconds = job.spec?.activeDeadlineSeconds;
  if (seconds == null || !status.startTime || job.spec?.suspend) return false;
  return nowMs - Date.parse(status.startTime) >= seconds * 1000;
}

interface SyncState {
  state: ClusterState;
  job: JobObject;
  pods: PodObject[];
  active: PodObject[];
  succeeded: number;
  failed: number;
  indexes: number[];
  terminating: number;
  nowMs: number;
}

interface ManageResult {
  active: number;
  removed: number;
  removedReady: number;
}

/** The first `count` indexes neither succeeded nor held by an active (or, with policy Failed, terminating) pod. */
function firstPendingIndexes(ctx: SyncState, count: number): number[] {
  const completions = ctx.job.spec?.completions ?? 0;
  const taken = new Set(ctx.indexes);
  for (const pod of ctx.pods) {
    if (isActivePod(pod) || (onlyReplaceFailedPods(ctx.job) && isTerminatingPod(pod))) taken.add(completionIndexOf(pod));
  }
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}

/** manageJob: suspension, surplus pods, and new pods (after the failure back-off). */
function manageJob(ctx: SyncState): ManageResult {
  const { state, job, active } = ctx;
  const removeAll = (pods: PodObject[]): ManageResult => {
    for (const pod of pods) deleteJobPod(state, job, pod, false);
    return { active: active.length - pods.length, removed: pods.length, removedReady: pods.filter(isPodReady).length };
  };
  if (job.spec?.suspend) return removeAll(activePodsForRemoval(job, active, active.length));
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  let wantActive: number;
  if (completions == null) wantActive = ctx.succeeded > 0 ? active.length : parallelism;
  else wantActive = Math.max(0, Math.min(completions - ctx.succeeded, parallelism));
  const surplus = activePodsForRemoval(job, active, Math.max(0, active.length - wantActive));
  if (surplus.length > 0) return removeAll(surplus);
  const diff = wantActive - (onlyReplaceFailedPods(job) ? ctx.terminating : 0) - active.length;
  if (diff <= 0) return { active: active.length, removed: 0, removedReady: 0 };
  const backoff = backoffRemainingMs(state, job, ctx.pods, ctx.succeeded === 0 ? ctx.failed : undefined);
  if (backoff.remainingMs > 0) {
    const target = `${job.metadata.namespace}/${job.metadata.name}@${ctx.nowMs + backoff.remainingMs}`;
    if (backoff.lastFailure !== undefined && !state.timers.some((t) => t.type === JOB_BACKOFF_TIMER && t.target === target)) {
      schedule(state, backoff.remainingMs, JOB_BACKOFF_TIMER, target, { uid: job.metadata.uid ?? '', lastFailure: backoff.lastFailure });
    }
    // Upstream returns 0 here, so status.active reads 0 while the back-off lasts.
    return { active: 0, removed: 0, removedReady: 0 };
  }
  const indexes = isIndexedJob(job) ? firstPendingIndexes(ctx, diff) : new Array<number>(diff).fill(-1);
  for (const index of indexes) createJobPod(state, job, index);
  return { active: active.length + indexes.length, removed: 0, removedReady: 0 };
}

function syncJob(state: ClusterState, job: JobObject): void {
  if (isJobFinished(job)) return;
  const mode = job.spec?.completionMode ?? 'NonIndexed';
  if (mode !== 'NonIndexed' && mode !== 'Indexed') {
    recordEventOnce(state, job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown', JOB_SOURCE);
    return;
  }
  const nowMs = state.epochMs + state.now;
  const status = JSON.parse(JSON.stringify(job.status ?? {})) as MutableJobStatus;
  status.uncountedTerminatedPods ??= {};
  const uncounted = status.uncountedTerminatedPods;
  const pods = claimJobPods(state, job);
  const active = pods.filter(isActivePod);
  let terminating = pods.filter(isTerminatingPod).length;
  let ready = active.filter(isPodReady).length;
  const indexed = isIndexedJob(job);
  const validIndex = (p: PodObject) => !indexed || (completionIndexOf(p) >= 0 && completionIndexOf(p) < (job.spec?.completions ?? 0));
  const fresh = (p: PodObject, uids: string[] | undefined) => hasTrackingFinalizer(p) && !uids?.includes(p.metadata.uid ?? '') && validIndex(p);
  const newSucceeded = pods.filter((p) => fresh(p, uncounted.succeeded) && p.status?.phase === 'Succeeded').length;
  const newFailed = pods.filter((p) => fresh(p, uncounted.failed) && isPodFailed(p, job)).length;
  let succeeded = (status.succeeded ?? 0) + newSucceeded + (uncounted.succeeded?.length ?? 0);
  const failed = (status.failed ?? 0) + newFailed + (uncounted.failed?.length ?? 0);
  const suspended = job.spec?.suspend === true;
  if (!status.startTime && !suspended) status.startTime = toTimestamp(nowMs);

  const isTrue = (type: string) => {
    const c = findCondition(status.conditions, type);
    return c?.status === 'True' ? c : undefined;
  };
  let finished = isTrue('SuccessCriteriaMet');
  const target = finished ? undefined : isTrue('FailureTarget');
  if (target) finished = newCondition('Failed', target.reason ?? '', target.message ?? '', nowMs);
  if (!finished) {
    if (failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
      finished = newCondition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', nowMs);
    } else if (pastActiveDeadline(job, status, nowMs)) {
      finished = newCondition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', nowMs);
    } else if (job.spec?.activeDeadlineSeconds != null && !suspended && status.startTime) {
      wakeJobAt(state, job, Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000);
    }
  }
  const indexes = indexed ? succeededIndexes(job, pods) : { previous: [], all: [] };
  if (indexed) succeeded = indexes.all.length;

  let activeCount = active.length;
  if (finished) {
    // A failing Job deletes its running pods but keeps their finalizers: they are counted as failed.
    for (const pod of active) deleteJobPod(state, job, pod, true);
    terminating += active.length;
    ready -= active.filter(isPodReady).length;
    activeCount = 0;
  } else {
    const ctx: SyncState = { state, job, pods, active, succeeded, failed, indexes: indexes.all, terminating, nowMs };
    const managed = !job.metadata.deletionTimestamp;
    if (managed) {
      const result = manageJob(ctx);
      activeCount = result.active;
      terminating += result.removed;
      ready -= result.removedReady;
    }
    const completions = job.spec?.completions;
    const complete = completions == null ? succeeded > 0 && activeCount === 0 : succeeded >= completions && activeCount === 0;
    if (complete) finished = newCondition('SuccessCriteriaMet', REASON_COMPLETIONS, MESSAGE_COMPLETIONS, nowMs);
    else if (managed && suspended) {
      if (ensureCondition(status, newCondition('Suspended', 'JobSuspended', 'Job suspended', nowMs))) {
        recordEvent(state, job, 'Normal', 'Suspended', 'Job suspended', JOB_SOURCE);
      }
    } else if (managed && ensureCondition(status, newCondition('Suspended', 'JobResumed', 'Job resumed', nowMs, 'False'))) {
      recordEvent(state, job, 'Normal', 'Resumed', 'Job resumed', JOB_SOURCE);
      // activeDeadlineSeconds counts the time a Job is continuously active.
      status.startTime = toTimestamp(nowMs);
    }
  }
  status.active = activeCount;
  status.ready = ready;
  status.terminating = terminating;
  trackJobStatus(state, { job, pods, status, finished, previousIndexes: indexes.previous, indexes: indexes.all, terminating, nowMs });
}

/** syncOrphanPod: pods whose Job is gone or finished lose the tracking finalizer. */
function releaseOrphans(state: ClusterState): void {
  const jobs = new Map(listObjects<JobObject>(state, 'Job').map((j) => [j.metadata.uid, j]));
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    if (!hasTrackingFinalizer(pod)) continue;
    const ref = controllerOf(pod);
    if (ref && (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1')) continue;
    const job = ref ? jobs.get(ref.uid) : undefined;
    if (job && !isJobFinished(job)) continue;
    removeTrackingFinalizer(state, pod);
  }
}

/** The Job controller (source `job-controller`). */
export const jobController: Controller = {
  name: JOB_SOURCE,
  watches: [...CORE_KINDS, 'Job'],
  reconcile(state) {
    for (const job of listObjects<JobObject>(state, 'Job')) {
      syncJob(state, job);
      syncTtl(state, job);
    }
    releaseOrphans(state);
  },
  timers: {
    [JOB_SYNC_TIMER]: () => {
      // Waking up is enough: the reconcile pass re-evaluates deadlines and TTLs.
    },
    [JOB_BACKOFF_TIMER]: () => {
      // The back-off is over: the reconcile pass creates the replacement pods.
    },
  },
};
