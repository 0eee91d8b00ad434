/**
 * When a CronJob should run, after upstream `pkg/controller/cronjob/utils.go`
 * (mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration): the
 * latest unmet schedule time since `status.lastScheduleTime` (or the CronJob's
 * creation), honouring `startingDeadlineSeconds`, and the instant to wake up
 * for the next one. Times are simulated wall-clock milliseconds.
 */
import type { CronJob } from 'kubernetes-types/batch/v1';
import { nextActivation, type CronSchedule } from './cronSchedule';

/** How many schedule times were missed (robfig cron has no memory; this is an estimate, as upstream). */
export type MissedSchedules = 'none' | 'few' | 'many';

export interface ScheduleTimes {
  earliest: number;
  /** The most recent schedule time at or before now, if any. */
  mostRecent?: number;
  missed: MissedSchedules;
  error?: string;
}

/** `mostRecentScheduleTime`. */
export function mostRecentScheduleTime(cj: CronJob, nowMs: number, sched: CronSchedule, withDeadline: boolean): ScheduleTimes {
  const last = cj.status?.lastScheduleTime;
  let earliest = Date.parse(last ?? cj.metadata?.creationTimestamp ?? '') || 0;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withDeadline && deadline != null) earliest = Math.max(earliest, nowMs - deadline * 1000);
  const tz = cj.spec?.timeZone ?? undefined;
  const t1 = nextActivation(sched, earliest, tz);
  const t2 = t1 === undefined ? undefined : nextActivation(sched, t1, tz);
  if (t1 !== undefined && nowMs < t1) return { earliest, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && nowMs < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (t1 === undefined || between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((nowMs - t1) / 1000);
  const count = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  // Step back one interval before the estimate and let the schedule find the exact latest time.
  for (let t = nextActivation(sched, t1 + (count - 2) * between * 1000, tz); t !== undefined && t <= nowMs; t = nextActivation(sched, t, tz)) mostRecent = t;
  const missed: MissedSchedules = count > 100 ? 'many' : count > 0 ? 'few' : 'none';
  return mostRecent === undefined ? { earliest, missed } : { earliest, mostRecent, missed };
}

/** `nextScheduleTimeDuration`, as an instant: when to look at the CronJob again. */
export function nextWakeAt(cj: CronJob, nowMs: number, sched: CronSchedule): number | undefined {
  const times = mostRecentScheduleTime(cj, nowMs, sched, false);
  let base: number;
  if (times.error) base = nowMs;
  else if (times.mostRecent !== undefined) base = times.mostRecent;
  else base = times.missed === 'none' ? times.earliest : nowMs;
  return nextActivation(sched, base, cj.spec?.timeZone ?? undefined);
}

/** The instant as RFC 3339 in `timeZone` (`time.Format(time.RFC3339)` after `In(location)`). */
export function rfc3339In(ms: number, timeZone: string | undefined): string {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const wall = Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  const offsetMin = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const zone = offsetMin === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}${zone}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's `time.RFC1123Z` in UTC (`Wed, 01 Jan 2025 00:01:00 +0000`), as the MissSchedule event prints it. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
