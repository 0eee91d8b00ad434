import { describe, expect, it } from 'vitest';
import type { JobObject } from '../../engine/controllers/jobPods';
import { eventLines, eventsOf, objects, outputOf, runScenarioText, tableRows } from '../../testing/scenarioHarness';
import s37 from './s37-cronjob-history.yaml?raw';
import s37forbid from './s37-forbid.yaml?raw';
import s37replace from './s37-replace.yaml?raw';

const RAND5 = '[bcdfghjklmnpqrstvwxz2456789]{5}';

describe('S37 CronJob scheduling and history', () => {
  const result = runScenarioText(s37);
  const created = result.state.changes.filter((c) => c.kind === 'Job' && c.type === 'ADDED');

  it('creates Job hello-28928161 at 00:01:00 (Unix minutes of that instant) with the event SuccessfulCreate', () => {
    expect(created[0]?.object.metadata.name).toBe('hello-28928161');
    expect(created[0]?.object.metadata.creationTimestamp).toBe('2025-01-01T00:01:00Z');
    expect(Date.parse('2025-01-01T00:01:00Z') / 60_000).toBe(28928161);
    expect(eventLines(result, 'cronjob/hello')[0]).toBe('SuccessfulCreate Created job hello-28928161');
    expect(eventsOf(result, 'cronjob/hello')[0]?.source).toBe('cronjob-controller');
    expect(tableRows(outputOf(result, 'kubectl get jobs', 0)).slice(1)).toEqual([['hello-28928161', 'Running', '0/1', '0s', '0s']]);
  });

  it('names the pod hello-28928161-<rand5>; it runs 10 s and completes', () => {
    const [, pod] = tableRows(outputOf(result, 'kubectl get pods'));
    expect(pod?.[0]).toMatch(new RegExp(`^hello-28928161-${RAND5}$`));
    expect(tableRows(outputOf(result, 'kubectl get jobs', 1)).slice(1)).toEqual([['hello-28928161', 'Complete', '1/1', '13s', '20s']]);
    expect(outputOf(result, 'kubectl logs job/hello-28928161')).toBe('Wed Jan  1 00:01:03 UTC 2025\nHello from the Kubernetes cluster');
  });

  it('creates one Job per minute', () => {
    expect(created.map((c) => `${c.object.metadata.name}@${c.object.metadata.creationTimestamp}`)).toEqual([
      'hello-28928161@2025-01-01T00:01:00Z',
      'hello-28928162@2025-01-01T00:02:00Z',
      'hello-28928163@2025-01-01T00:03:00Z',
      'hello-28928164@2025-01-01T00:04:00Z',
      'hello-28928165@2025-01-01T00:05:00Z',
    ]);
  });

  it('keeps exactly 3 successful Jobs after the 5th run, deleting the oldest with SuccessfulDelete', () => {
    expect(objects<JobObject>(result, 'Job').map((j) => j.metadata.name)).toEqual(['hello-28928163', 'hello-28928164', 'hello-28928165']);
    expect(tableRows(outputOf(result, 'kubectl get jobs', 2)).slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual([
      'hello-28928163 Complete',
      'hello-28928164 Complete',
      'hello-28928165 Complete',
    ]);
    const lines = eventLines(result, 'cronjob/hello');
    expect(lines.filter((l) => l.startsWith('SuccessfulDelete'))).toEqual(['SuccessfulDelete Deleted job hello-28928161', 'SuccessfulDelete Deleted job hello-28928162']);
    expect(lines).toContain('SawCompletedJob Saw completed job: hello-28928165, status: Complete');
  });

  it('prints kubectl get cronjob with the columns NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', () => {
    const [header, row] = outputOf(result, 'kubectl get cronjob hello', 2).split('\n');
    expect(header).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$/);
    expect(row).toMatch(/^hello\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+0\s+20s\s+4m50s$/);
    expect(outputOf(result, 'kubectl get cronjob hello', 0)).toMatch(/hello\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+0\s+<none>\s+0s$/);
  });
});

describe('S37 variant: concurrencyPolicy Forbid with a 90 s Job', () => {
  const result = runScenarioText(s37forbid);

  it('skips the 00:02 run while the 00:01 Job is active (ACTIVE 1, JobAlreadyActive)', () => {
    expect(outputOf(result, 'kubectl get cronjob hello')).toMatch(/hello\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+1\s+60s\s+90s$/);
    expect(tableRows(outputOf(result, 'kubectl get jobs', 0)).slice(1).map((r) => r[0])).toEqual(['hello-28928161']);
    expect(eventLines(result, 'cronjob/hello')).toContain('JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid');
  });

  it('starts the missed 00:02 run late, once the 00:01 Job finished (no startingDeadlineSeconds), as upstream does', () => {
    const late = result.state.changes.find((c) => c.kind === 'Job' && c.type === 'ADDED' && c.object.metadata.name === 'hello-28928162');
    const firstDone = result.state.changes.find((c) => c.kind === 'Job' && c.object.metadata.name === 'hello-28928161' && (c.object as JobObject).status?.completionTime);
    expect(late?.at).toBe(firstDone?.at);
    expect(late?.at).toBeGreaterThan(Date.parse('2025-01-01T00:02:00Z') - Date.parse('2025-01-01T00:00:30Z'));
  });
});

describe('S37 variant: concurrencyPolicy Replace with a 90 s Job', () => {
  const result = runScenarioText(s37replace);

  it('deletes the running Job and starts a new one at 00:02', () => {
    expect(eventLines(result, 'cronjob/hello')).toEqual([
      'SuccessfulCreate Created job hello-28928161',
      'SuccessfulDelete Deleted job hello-28928161',
      'SuccessfulCreate Created job hello-28928162',
    ]);
    expect(tableRows(outputOf(result, 'kubectl get jobs')).slice(1).map((r) => `${r[0]} ${r[1]}`)).toEqual(['hello-28928162 Running']);
    expect(outputOf(result, 'kubectl get cronjob hello')).toMatch(/hello\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+1\s+0s\s+90s$/);
    // the replaced Job's pod is terminating, the new one starting
    expect(tableRows(outputOf(result, 'kubectl get pods')).slice(1).map((r) => `${r[0]?.replace(/-\w{5}$/, '')} ${r[2]}`)).toEqual([
      'hello-28928161 Terminating',
      'hello-28928162 ContainerCreating',
    ]);
  });
});
