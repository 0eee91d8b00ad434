/**
 * TTL after finished, after upstream `pkg/controller/ttlafterfinished/ttlafterfinished_controller.go`:
 * a finished Job with `spec.ttlSecondsAfterFinished` is deleted (foreground
 * cascade, so its pods go first) that many seconds after its `Complete` or
 * `Failed` condition became True. The upstream controller records no events.
 */
import type { ClusterState } from '../clusterState';
import { deleteObject } from '../deletion';
import { schedule } from '../eventQueue';
import type { JobObject } from './jobPods';

/** The Job controller's wake-up timer (back-off over, deadline or TTL reached). */
export const JOB_SYNC_TIMER = 'job.sync';

/** Wakes the Job controller at `atMs` (simulated wall clock), once per instant and Job. */
export function wakeJobAt(state: ClusterState, job: JobObject, atMs: number): void {
  const delay = atMs - (state.epochMs + state.now);
  if (delay <= 0) return;
  const target = `${job.metadata.namespace}/${job.metadata.name}@${atMs}`;
  if (state.timers.some((t) => t.type === JOB_SYNC_TIMER && t.target === target)) return;
  schedule(state, delay, JOB_SYNC_TIMER, target);
}

/** The instant (simulated wall clock) the Job finished, if it did. */
export function jobFinishedAt(job: JobObject): number | undefined {
  const done = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  return done?.lastTransitionTime ? Date.parse(done.lastTransitionTime) : undefined;
}

/** Deletes an expired Job, or wakes the controllers when it will expire. */
export function syncTtl(state: ClusterState, job: JobObject): void {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl == null || job.metadata.deletionTimestamp) return;
  const finished = jobFinishedAt(job);
  if (finished === undefined) return;
  const expireAt = finished + ttl * 1000;
  const nowMs = state.epochMs + state.now;
  if (nowMs >= expireAt) {
    deleteObject(state, 'Job', job.metadata.namespace, job.metadata.name, { propagation: 'Foreground' });
    return;
  }
  wakeJobAt(state, job, expireAt);
}
