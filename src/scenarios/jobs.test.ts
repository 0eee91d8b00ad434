import { describe, expect, it } from 'vitest';
import type { JobObject } from '../engine/controllers/jobPods';
import type { PodObject } from '../model/pod';
import { eventLines, objects, outputOf, runScenarioText, tableRows } from '../testing/scenarioHarness';
import { toJsonRecord } from './jsonRecord';
import seed003 from '../../scenarios/seed-003-postgres-backup.yaml?raw';

const RAND5 = '[bcdfghjklmnpqrstvwxz2456789]{5}';

describe('seed 003: Postgres StatefulSet, backup Job and hourly backup CronJob', () => {
  const result = runScenarioText(seed003);
  const backupPod = objects<PodObject>(result, 'Pod').find((p) => p.metadata.labels?.['job-name'] === 'backup');

  it('runs postgres-ss-0 before the backup and shows it ready to accept connections', () => {
    expect(tableRows(outputOf(result, 'kubectl get po')).slice(1).map((r) => r.slice(0, 3).join(' '))).toEqual(['postgres-ss-0 1/1 Running']);
    expect(outputOf(result, 'kubectl logs postgres-ss-0').split('\n').at(-1)).toMatch(/ LOG: {2}database system is ready to accept connections$/);
  });

  it('completes the backup Job, whose image runs without a command: 1/1, the pod Completed', () => {
    expect(tableRows(outputOf(result, 'kubectl get jobs', 0))).toEqual([
      ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
      ['backup', 'Complete', '1/1', '8s', '8s'],
    ]);
    expect(backupPod?.metadata.name).toMatch(new RegExp(`^backup-${RAND5}$`));
    expect(outputOf(result, 'kubectl get pods', 0)).toMatch(new RegExp(`backup-${RAND5}\\s+0/1\\s+Completed\\s+0`));
    expect(eventLines(result, 'job/backup')).toEqual([`SuccessfulCreate Created pod: ${backupPod?.metadata.name}`, 'Completed Job completed']);
  });

  it("prints the seed's pg_dump lines in kubectl logs", () => {
    const lines = outputOf(result, 'kubectl logs job/backup').split('\n');
    expect(lines.slice(-5).map((l) => l.trimEnd())).toEqual([
      'pg_dump: saving encoding = UTF8',
      'pg_dump: saving standard_conforming_strings = on',
      'pg_dump: saving search_path =',
      'pg_dump: implied data-only restore',
      'Not sending the dump actually anywhere',
    ]);
  });

  it('runs the same container every hour from the CronJob, as Job backup-hourly-<minutes>', () => {
    expect(outputOf(result, 'kubectl get cronjob', 0)).toMatch(/backup-hourly\s+0 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+0s/);
    expect(outputOf(result, 'kubectl get cronjob', 1)).toMatch(/backup-hourly\s+0 \* \* \* \*\s+<none>\s+False\s+0\s+\d+s\s+60m/);
    const hourly = objects<JobObject>(result, 'Job').find((j) => j.metadata.name.startsWith('backup-hourly-'));
    // 01:00:00 UTC on 2025-01-01 is minute 28928220 of the Unix epoch
    expect(hourly?.metadata.name).toBe('backup-hourly-28928220');
    expect(hourly?.spec?.template.spec?.containers[0]?.image).toBe('jakousa/simple-backup-example');
    expect(tableRows(outputOf(result, 'kubectl get jobs', 1)).map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      'NAME STATUS COMPLETIONS',
      'backup Complete 1/1',
      'backup-hourly-28928220 Complete 1/1',
    ]);
    expect(eventLines(result, 'cronjob/backup-hourly')).toEqual([
      'SuccessfulCreate Created job backup-hourly-28928220',
      'SawCompletedJob Saw completed job: backup-hourly-28928220, status: Complete',
    ]);
    expect(outputOf(result, 'kubectl logs job/backup-hourly-28928220').split('\n').at(-1)).toBe('Not sending the dump actually anywhere');
  });

  it('replays byte for byte (Job pod names and schedule come from the seeded state)', () => {
    expect(JSON.stringify(toJsonRecord(runScenarioText(seed003)))).toBe(JSON.stringify(toJsonRecord(result)));
  });
});
