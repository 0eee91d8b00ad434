import { describe, expect, it } from 'vitest';
import { mostRecentScheduleTime, nextWakeAt, rfc3339In } from './cronJobTimes';
import { nextActivation, parseCronSchedule, type CronSchedule } from './cronSchedule';

function parsed(text: string): CronSchedule {
  const result = parseCronSchedule(text);
  if ('error' in result) throw new Error(result.error);
  return result;
}

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));
const next = (schedule: string, after: string, tz?: string) => iso(nextActivation(parsed(schedule), at(after), tz));

describe('parseCronSchedule', () => {
  it("reports robfig/cron's error text for a schedule that does not parse", () => {
    expect(parseCronSchedule('*/1 * * *')).toEqual({ error: 'expected exactly 5 fields, found 4: [*/1 * * *]' });
    expect(parseCronSchedule('61 * * * *')).toEqual({ error: 'end of range (61) above maximum (59): 61' });
    expect(parseCronSchedule('@fortnightly')).toEqual({ error: 'unrecognized descriptor: @fortnightly' });
  });
});

describe('nextActivation', () => {
  it('returns the first matching minute strictly after the given instant', () => {
    expect(next('*/1 * * * *', '2025-01-01T00:00:30Z')).toBe('2025-01-01T00:01:00Z');
    expect(next('*/1 * * * *', '2025-01-01T00:01:00Z')).toBe('2025-01-01T00:02:00Z');
    expect(next('*/15 * * * *', '2025-01-01T00:16:00Z')).toBe('2025-01-01T00:30:00Z');
    expect(next('0 * * * *', '2025-01-01T00:00:30Z')).toBe('2025-01-01T01:00:00Z');
    expect(next('5 4 * * *', '2025-01-01T04:05:00Z')).toBe('2025-01-02T04:05:00Z');
  });

  it('understands ranges with steps, names and the descriptors', () => {
    // 2025-01-03 is a Friday: 6-16/4 → 6, 10, 14 on weekdays.
    expect(next('30 6-16/4 * * 1-5', '2025-01-03T14:30:00Z')).toBe('2025-01-06T06:30:00Z');
    expect(next('0 12 * jan,feb sun', '2025-01-01T00:00:00Z')).toBe('2025-01-05T12:00:00Z');
    expect(next('@hourly', '2025-01-01T10:59:59Z')).toBe('2025-01-01T11:00:00Z');
    expect(next('@weekly', '2025-01-01T00:00:00Z')).toBe('2025-01-05T00:00:00Z');
    expect(next('@monthly', '2025-01-15T00:00:00Z')).toBe('2025-02-01T00:00:00Z');
    expect(next('@yearly', '2025-01-15T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(next('@every 90s', '2025-01-01T00:00:00Z')).toBe('2025-01-01T00:01:30Z');
  });

  it('ORs day of month and day of week unless one of them is a star', () => {
    // the 13th, or any Friday
    expect(next('0 0 13 * 5', '2025-01-01T00:00:00Z')).toBe('2025-01-03T00:00:00Z');
    expect(next('0 0 13 * 5', '2025-01-10T00:00:00Z')).toBe('2025-01-13T00:00:00Z');
    // day of week alone: only Fridays
    expect(next('0 0 * * 5', '2025-01-04T00:00:00Z')).toBe('2025-01-10T00:00:00Z');
  });

  it('gives up on a schedule that never fires (February 30th)', () => {
    expect(next('0 0 30 2 *', '2025-01-01T00:00:00Z')).toBeUndefined();
  });

  it('matches the wall clock of spec.timeZone', () => {
    // Helsinki is UTC+2 in winter, UTC+3 in summer.
    expect(next('0 9 * * *', '2025-01-01T00:00:00Z', 'Europe/Helsinki')).toBe('2025-01-01T07:00:00Z');
    expect(next('0 9 * * *', '2025-07-01T00:00:00Z', 'Europe/Helsinki')).toBe('2025-07-01T06:00:00Z');
    expect(rfc3339In(at('2025-01-01T07:00:00Z'), 'Europe/Helsinki')).toBe('2025-01-01T09:00:00+02:00');
    expect(rfc3339In(at('2025-01-01T07:00:00Z'), undefined)).toBe('2025-01-01T07:00:00Z');
  });
});

describe('mostRecentScheduleTime', () => {
  const cronJob = (created: string, last?: string, startingDeadlineSeconds?: number) => ({
    metadata: { creationTimestamp: created },
    spec: { schedule: '*/1 * * * *', jobTemplate: {}, ...(startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds } : {}) },
    status: last ? { lastScheduleTime: last } : {},
  });
  const everyMinute = parsed('*/1 * * * *');

  it('finds nothing before the first schedule time and the latest one after', () => {
    expect(mostRecentScheduleTime(cronJob('2025-01-01T00:00:30Z'), at('2025-01-01T00:00:59Z'), everyMinute, true)).toMatchObject({ missed: 'none' });
    expect(iso(mostRecentScheduleTime(cronJob('2025-01-01T00:00:30Z'), at('2025-01-01T00:01:00Z'), everyMinute, true).mostRecent)).toBe('2025-01-01T00:01:00Z');
    const late = mostRecentScheduleTime(cronJob('2025-01-01T00:00:30Z', '2025-01-01T00:01:00Z'), at('2025-01-01T00:04:10Z'), everyMinute, true);
    expect(iso(late.mostRecent)).toBe('2025-01-01T00:04:00Z');
    expect(late.missed).toBe('few');
  });

  it('counts more than 100 missed times as many, unless startingDeadlineSeconds narrows the window', () => {
    const created = cronJob('2025-01-01T00:00:00Z');
    expect(mostRecentScheduleTime(created, at('2025-01-01T02:00:30Z'), everyMinute, true).missed).toBe('many');
    const withDeadline = cronJob('2025-01-01T00:00:00Z', undefined, 200);
    expect(mostRecentScheduleTime(withDeadline, at('2025-01-01T02:00:30Z'), everyMinute, true).missed).toBe('few');
  });

  it('wakes at the next schedule time after the most recent one', () => {
    expect(iso(nextWakeAt(cronJob('2025-01-01T00:00:30Z'), at('2025-01-01T00:00:30Z'), everyMinute))).toBe('2025-01-01T00:01:00Z');
    expect(iso(nextWakeAt(cronJob('2025-01-01T00:00:30Z', '2025-01-01T00:01:00Z'), at('2025-01-01T00:01:00Z'), everyMinute))).toBe('2025-01-01T00:02:00Z');
  });
});
