/**
 * CronJob schedules as the CronJob controller evaluates them: `cron.ParseStandard`
 * and `SpecSchedule.Next` / `ConstantDelaySchedule.Next` of github.com/robfig/cron/v3
 * (`parser.go`, `spec.go`, `constantdelay.go`). Syntax errors come from
 * `src/manifest/cronSchedule.ts`, which repeats the library's texts.
 *
 * Semantics kept from robfig: `Next(t)` is the first whole-second instant strictly after `t`
 * that matches; day of month and day of week are OR-ed unless one of them is `*`/`?` (then
 * AND-ed); a search gives up after five years (a schedule such as `0 0 30 2 *` never fires).
 * Time zones: wall-clock fields are matched in `timeZone` through `Intl` (the controller's own
 * zone is UTC); around a daylight-saving switch the conversion back may be off by the shift.
 */
import { cronScheduleError, FIELDS, type Bounds } from '../../manifest/cronSchedule';
import { parseDuration } from '../../model/duration';

/** A parsed schedule: field sets (robfig `SpecSchedule`) or a fixed period (`@every`). */
export type CronSchedule =
  | {
      kind: 'spec';
      minute: boolean[];
      hour: boolean[];
      dom: boolean[];
      month: boolean[];
      dow: boolean[];
      /** True when day of month or day of week was `*`/`?` (robfig's starBit): the day fields are AND-ed. */
      dayStar: boolean;
    }
  | { kind: 'every'; periodMs: number };


const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function value(text: string, bounds: Bounds): number {
  return bounds.names?.[text.toLowerCase()] ?? Number(text);
}

/** One comma-separated part of a field (already validated): sets its bits, returns whether it was a star. */
function parsePart(part: string, bounds: Bounds, bits: boolean[]): boolean {
  const [range = '', stepText] = part.split('/');
  const [low = '', high] = range.split('-');
  const star = low === '*' || low === '?';
  const start = star ? bounds.min : value(low, bounds);
  let end = star ? bounds.max : high !== undefined ? value(high, bounds) : start;
  const step = stepText === undefined ? 1 : Number(stepText);
  // "N/step" means "N-max/step".
  if (stepText !== undefined && !star && high === undefined) end = bounds.max;
  for (let i = start; i <= end; i += step) bits[i] = true;
  return star && step <= 1;
}

function parseField(field: string, bounds: Bounds): { bits: boolean[]; star: boolean } {
  const bits = new Array<boolean>(bounds.max + 1).fill(false);
  let star = false;
  for (const part of field.split(',')) star = parsePart(part, bounds, bits) || star;
  return { bits, star };
}

/** Parses a schedule (`*\/5 * * * *`, `@hourly`, `@every 90s`); returns robfig's error text when it does not parse. */
export function parseCronSchedule(schedule: string): CronSchedule | { error: string } {
  const error = cronScheduleError(schedule);
  if (error) return { error };
  const spec = schedule.trim();
  if (spec.startsWith('@every ')) {
    const ms = parseDuration(spec.slice('@every '.length));
    if (ms === undefined) return { error: `failed to parse duration ${spec}` };
    // robfig rounds the delay to whole seconds, at least one.
    return { kind: 'every', periodMs: Math.max(1000, Math.round(ms / 1000) * 1000) };
  }
  const fields = (DESCRIPTORS[spec] ?? spec).split(/\s+/).filter(Boolean);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i] as Bounds));
  if (!minute || !hour || !dom || !month || !dow) return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  return { kind: 'spec', minute: minute.bits, hour: hour.bits, dom: dom.bits, month: month.bits, dow: dow.bits, dayStar: dom.star || dow.star };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` names a zone of the IANA database (Go's `time.LoadLocation`). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone === '' || timeZone === 'UTC' || timeZone === 'Local') return true;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `instant` (ms to add to UTC to get the wall clock). */
function offsetMs(instant: number, timeZone: string | undefined): number {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Local') return 0;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** robfig's `dayMatches`. */
function dayMatches(s: Extract<CronSchedule, { kind: 'spec' }>, d: Date): boolean {
  const dom = s.dom[d.getUTCDate()] === true;
  const dow = s.dow[d.getUTCDay()] === true;
  return s.dayStar ? dom && dow : dom || dow;
}

/** `SpecSchedule.Next` over a wall clock expressed as UTC milliseconds. */
function nextWall(s: Extract<CronSchedule, { kind: 'spec' }>, wallMs: number): number | undefined {
  // Round up to the next whole second, then to the next whole minute (the seconds field is 0).
  let t = new Date(Math.floor(wallMs / 1000) * 1000 + 1000);
  const yearLimit = t.getUTCFullYear() + 5;
  let added = false;
  for (let guard = 0; guard < 100_000; guard++) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    if (!s.month[t.getUTCMonth() + 1]) {
      if (!added) t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
      added = true;
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
      continue;
    }
    if (!dayMatches(s, t)) {
      if (!added) t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
      added = true;
      t = new Date(t.getTime() + 24 * HOUR);
      continue;
    }
    if (!s.hour[t.getUTCHours()]) {
      if (!added) t = new Date(Math.floor(t.getTime() / HOUR) * HOUR);
      added = true;
      t = new Date(t.getTime() + HOUR);
      continue;
    }
    if (!s.minute[t.getUTCMinutes()]) {
      if (!added) t = new Date(Math.floor(t.getTime() / MINUTE) * MINUTE);
      added = true;
      t = new Date(t.getTime() + MINUTE);
      continue;
    }
    if (t.getUTCSeconds() !== 0) {
      // Any second other than :00 rolls over to the next minute, which must match again.
      if (!added) t = new Date(Math.floor(t.getTime() / 1000) * 1000);
      added = true;
      t = new Date(Math.floor(t.getTime() / MINUTE) * MINUTE + MINUTE);
      continue;
    }
    return t.getTime();
  }
  return undefined;
}

/**
 * The first activation strictly after `afterMs` (simulated wall clock, ms since the Unix
 * epoch), or undefined when the schedule never fires within five years.
 *
 * @example
 * nextActivation(parsed('*\/1 * * * *'), Date.parse('2025-01-01T00:00:30Z')) // 00:01:00Z
 */
export function nextActivation(schedule: CronSchedule, afterMs: number, timeZone?: string): number | undefined {
  if (schedule.kind === 'every') return Math.floor(afterMs / 1000) * 1000 + schedule.periodMs;
  const guess = offsetMs(afterMs, timeZone);
  const wall = nextWall(schedule, afterMs + guess);
  if (wall === undefined) return undefined;
  return wall - offsetMs(wall - guess, timeZone);
}
