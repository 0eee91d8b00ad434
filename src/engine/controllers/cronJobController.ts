/**
 * The CronJob controller, after upstream `pkg/controller/cronjob/cronjob_controllerv2.go`
 * (sync, syncCronJob, cleanupFinishedJobs, removeOldestJobs, deleteJob) and
 * `utils.go` (getJobFromTemplate2, getJobName). Spec R16.5 and scenario S37.
 *
 * Each sync: prune finished Jobs beyond `successfulJobsHistoryLimit` (3) /
 * `failedJobsHistoryLimit` (1), oldest first (`SuccessfulDelete`); drop finished
 * or vanished Jobs from `status.active` (`SawCompletedJob`, `MissingJob`); then,
 * unless suspended, start the most recent unmet schedule time as Job
 * `<cronjob>-<minutes since the Unix epoch>` (`SuccessfulCreate`), honouring
 * `startingDeadlineSeconds` (`MissSchedule`) and `concurrencyPolicy`
 * (Forbid: `JobAlreadyActive`; Replace: the running Jobs are deleted first).
 * Schedules run in simulated wall-clock time (`epochMs + now`), in UTC unless
 * `spec.timeZone` is set; a timer wakes the controller at each schedule instant
 * (exactly on it: upstream pads 100 ms for clock skew, a simulation has none).
 * The wake-up timer is quiet, so `sim wait --stable` does not wait for the next run.
 *
 * Deliberate choice: with more than 100 missed schedule times the controller
 * warns (`TooManyMissedTimes`) and starts nothing, as the spec and the CronJob
 * documentation say (recent upstream code starts the latest run anyway).
 * Left out: the `UnexpectedJob` re-read of the CronJob, `CRON_TZ=` prefixes.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { applyDefaults } from '../../manifest/defaults';
import { controllerOf, ownerRef, setStatus, type KObject } from '../../model/objects';
import type { ClusterState } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { deleteObject } from '../deletion';
import { schedule } from '../eventQueue';
import { randomUid } from '../random';
import { recordEvent, recordEventOnce } from '../recorder';
import { createObject, getObject, listObjects, updateObject } from '../store';
import { mostRecentScheduleTime, nextWakeAt, rfc1123z, rfc3339In } from './cronJobTimes';
import { isKnownTimeZone, parseCronSchedule } from './cronSchedule';
import type { JobObject } from './jobPods';

/** A CronJob as stored. */
export type CronJobObject = CronJob & KObject;

const SOURCE = 'cronjob-controller';
const WAKE_TIMER = 'cronjob.schedule';
/** Annotation with the scheduled time on every Job a CronJob creates (CronJobsScheduledAnnotation, on since v1.32). */
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

type CronStatus = NonNullable<CronJob['status']>;

function finishedType(job: Job): 'Complete' | 'Failed' | undefined {
  const c = (job.status?.conditions ?? []).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type as 'Complete' | 'Failed' | undefined;
}

function jobRef(job: JobObject): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace, resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid };
}

/** Records an event at most once per simulated instant (one per upstream sync, not per reconcile pass). */
function recordPerInstant(state: ClusterState, cj: CronJobObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  const at = state.eventIndex[`${cj.metadata.uid ?? ''}|${reason}|${message}|${SOURCE}`];
  if (at !== undefined && state.events[at]?.lastAt === state.now) return;
  recordEvent(state, cj, type, reason, message, SOURCE);
}

/** Deletes a Job (background cascade) and its entry in `status.active` (upstream `deleteJob`). */
function deleteJob(state: ClusterState, cj: CronJobObject, status: CronStatus, job: JobObject): void {
  deleteObject(state, 'Job', job.metadata.namespace, job.metadata.name, { propagation: 'Background' });
  status.active = (status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
  recordEvent(state, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, SOURCE);
}

/** `byJobStartTime`: started Jobs by start time (name breaks ties), never-started ones last. */
function byStartTime(a: JobObject, b: JobObject): number {
  const sa = a.status?.startTime ? Date.parse(a.status.startTime) : undefined;
  const sb = b.status?.startTime ? Date.parse(b.status.startTime) : undefined;
  if (sa === undefined || sb === undefined) return sa === sb ? (a.metadata.name < b.metadata.name ? -1 : 1) : sa === undefined ? 1 : -1;
  return sa !== sb ? sa - sb : a.metadata.name < b.metadata.name ? -1 : 1;
}

/** cleanupFinishedJobs: keeps the newest N successful and M failed Jobs. */
function cleanupFinishedJobs(state: ClusterState, cj: CronJobObject, status: CronStatus, jobs: JobObject[]): void {
  const limits: [('Complete' | 'Failed'), number | undefined][] = [
    ['Complete', cj.spec?.successfulJobsHistoryLimit],
    ['Failed', cj.spec?.failedJobsHistoryLimit],
  ];
  for (const [type, limit] of limits) {
    if (limit == null) continue;
    const done = jobs.filter((j) => finishedType(j) === type).sort(byStartTime);
    for (const job of done.slice(0, Math.max(0, done.length - limit))) deleteJob(state, cj, status, job);
  }
}

/** getJobFromTemplate2 + the API server's create path (defaults, generated selector). */
function createJob(state: ClusterState, cj: CronJobObject, name: string, scheduledMs: number): JobObject {
  const template = cj.spec?.jobTemplate;
  const job: JobObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      uid: randomUid(state.rng),
      labels: { ...template?.metadata?.labels },
      annotations: { ...template?.metadata?.annotations, [SCHEDULED_TIMESTAMP]: rfc3339In(scheduledMs, cj.spec?.timeZone ?? undefined) },
      ownerReferences: [ownerRef(cj)],
    },
    spec: JSON.parse(JSON.stringify(template?.spec ?? {})),
    status: {},
  };
  return createObject(state, applyDefaults(job));
}

/** Ensures a wake-up at the CronJob's next schedule instant. */
function wakeAt(state: ClusterState, cj: CronJobObject, atMs: number | undefined): void {
  if (atMs === undefined) return;
  const delay = atMs - (state.epochMs + state.now);
  if (delay <= 0) return;
  const target = `${cj.metadata.namespace}/${cj.metadata.name}@${atMs}`;
  if (!state.timers.some((t) => t.type === WAKE_TIMER && t.target === target)) schedule(state, delay, WAKE_TIMER, target);
}

/** syncCronJob: bookkeeping of the Jobs, then at most one new Job. */
function syncSchedule(state: ClusterState, cj: CronJobObject, status: CronStatus, jobs: JobObject[]): void {
  const nowMs = state.epochMs + state.now;
  const children = new Set(jobs.map((j) => j.metadata.uid));
  for (const job of jobs) {
    const found = (status.active ?? []).some((r) => r.uid === job.metadata.uid);
    const finished = finishedType(job);
    if (!found && !finished) {
      recordEventOnce(state, cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`, SOURCE);
    } else if (found && finished) {
      status.active = (status.active ?? []).filter((r) => r.uid !== job.metadata.uid);
      recordEvent(state, cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, status: ${finished}`, SOURCE);
    } else if (finished === 'Complete' && job.status?.completionTime) {
      const last = status.lastSuccessfulTime;
      if (!last || Date.parse(job.status.completionTime) > Date.parse(last)) status.lastSuccessfulTime = job.status.completionTime;
    }
  }
  for (const ref of status.active ?? []) {
    if (children.has(ref.uid)) continue;
    recordEvent(state, cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`, SOURCE);
    status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
  }
  if (cj.metadata.deletionTimestamp) return;
  const timeZone = cj.spec?.timeZone ?? undefined;
  if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
    recordEventOnce(state, cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${timeZone}": unknown time zone ${timeZone}`, SOURCE);
    return;
  }
  if (cj.spec?.suspend) return;
  const parsed = parseCronSchedule(cj.spec?.schedule ?? '');
  if ('error' in parsed) {
    recordEventOnce(state, cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule ?? ''}" : ${parsed.error}`, SOURCE);
    return;
  }
  const view: CronJob = { ...cj, status };
  const times = mostRecentScheduleTime(view, nowMs, parsed, true);
  const next = () => wakeAt(state, cj, nextWakeAt(view, nowMs, parsed));
  if (times.error) {
    recordEventOnce(state, cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule ?? ''} : ${times.error}`, SOURCE);
    return;
  }
  const scheduled = times.mostRecent;
  if (scheduled === undefined || scheduled > nowMs) return next();
  const atInstant = nowMs - scheduled < 1000;
  if (times.missed === 'many') {
    recordPerInstant(state, cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    return next();
  }
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline != null && scheduled + deadline * 1000 < nowMs) {
    if (atInstant) recordPerInstant(state, cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return next();
  }
  const name = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
  const lastScheduled = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : undefined;
  if ((status.active ?? []).some((r) => r.name === name) || lastScheduled === scheduled) return next();
  const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && (status.active ?? []).length > 0) {
    recordPerInstant(state, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return next();
  }
  if (policy === 'Replace') {
    for (const ref of [...(status.active ?? [])]) {
      const running = getObject<JobObject>(state, 'Job', ref.namespace ?? cj.metadata.namespace, ref.name ?? '');
      if (running) deleteJob(state, cj, status, running);
    }
  }
  let job = getObject<JobObject>(state, 'Job', cj.metadata.namespace, name);
  if (job) {
    // Created earlier but not recorded: adopt it into the active list if it is ours.
    if (controllerOf(job)?.uid !== cj.metadata.uid || (status.active ?? []).some((r) => r.uid === job?.metadata.uid)) return;
  } else {
    job = createJob(state, cj, name, scheduled);
    recordEvent(state, cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, SOURCE);
  }
  status.active = [...(status.active ?? []), jobRef(job)];
  status.lastScheduleTime = new Date(scheduled).toISOString().replace(/\.\d{3}Z$/, 'Z');
  next();
}

function syncCronJob(state: ClusterState, cj: CronJobObject): void {
  const jobs = listObjects<JobObject>(state, 'Job', cj.metadata.namespace).filter((j) => {
    const ref = controllerOf(j);
    return ref?.kind === 'CronJob' && ref.uid === cj.metadata.uid;
  });
  const status = JSON.parse(JSON.stringify(cj.status ?? {})) as CronStatus;
  cleanupFinishedJobs(state, cj, status, jobs);
  syncSchedule(state, cj, status, jobs.filter((j) => getObject(state, 'Job', j.metadata.namespace, j.metadata.name)));
  if (status.active?.length === 0) delete status.active;
  updateObject<CronJobObject>(state, 'CronJob', cj.metadata.namespace, cj.metadata.name, (c) => setStatus(c, status));
}

/** The CronJob controller (source `cronjob-controller`). */
export const cronJobController: Controller = {
  name: SOURCE,
  watches: [...CORE_KINDS, 'CronJob', 'Job'],
  reconcile(state) {
    for (const cj of listObjects<CronJobObject>(state, 'CronJob')) syncCronJob(state, cj);
  },
  timers: {
    [WAKE_TIMER]: () => {
      // Waking up at the schedule instant is enough: the reconcile pass starts the run.
    },
  },
  quietTimers: [WAKE_TIMER],
};
