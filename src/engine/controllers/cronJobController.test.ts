import { describe, expect, it } from 'vitest';
import { Session } from '../../kubectl/session';
import type { PodObject } from '../../model/pod';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import { advanceBy, isQuiescent, reconcile } from '../simulation';
import { createObject, getObject, listObjects, updateObject } from '../store';
import { SCHEDULED_TIMESTAMP, type CronJobObject } from './cronJobController';
import type { JobObject } from './jobPods';

function cronJobYaml(name: string, spec: string, command = '["sh", "-c", "date; echo Hello from the Kubernetes cluster"]'): string {
  return [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...spec.split('\n').filter(Boolean).map((l) => `  ${l}`),
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          containers:',
    '          - name: hello',
    '            image: busybox:1.28',
    `            command: ${command}`,
    '          restartPolicy: OnFailure',
  ].join('\n');
}

function cluster(files: Record<string, string>, startTime = '2025-01-01T00:00:30Z') {
  const state = createClusterState({ startTime, timing: { commandRunMs: 10_000 } });
  reconcile(state);
  const session = new Session(state, files);
  return { state, run: (line: string) => session.run(line).output };
}

const jobNames = (state: ClusterState) => listObjects<JobObject>(state, 'Job').map((j) => j.metadata.name);
const cronEvents = (state: ClusterState, name = 'hello') =>
  state.events.filter((e) => e.involved.kind === 'CronJob' && e.involved.name === name).map((e) => `${e.reason} ${e.message}`);
const cronJob = (state: ClusterState, name = 'hello') => getObject<CronJobObject>(state, 'CronJob', 'default', name);

describe('cronJobController', () => {
  it('creates Job <cronjob>-<minutes since the epoch> at the schedule instant, owned by the CronJob and listed as active', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"') });
    run('kubectl apply -f cj.yaml');
    advanceBy(state, 29_999);
    expect(jobNames(state)).toEqual([]);
    advanceBy(state, 1);
    expect(jobNames(state)).toEqual(['hello-28928161']);
    const job = getObject<JobObject>(state, 'Job', 'default', 'hello-28928161') as JobObject;
    const cj = cronJob(state) as CronJobObject;
    expect(job.metadata.creationTimestamp).toBe('2025-01-01T00:01:00Z');
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.metadata.annotations?.[SCHEDULED_TIMESTAMP]).toBe('2025-01-01T00:01:00Z');
    expect(job.metadata.labels?.['batch.kubernetes.io/job-name']).toBe('hello-28928161');
    expect(job.spec?.selector?.matchLabels?.['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
    // The reference keeps the resourceVersion the create returned.
    const created = state.changes.find((c) => c.kind === 'Job' && c.type === 'ADDED')?.object;
    expect(cj.status?.active).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'hello-28928161', namespace: 'default', resourceVersion: created?.metadata.resourceVersion, uid: job.metadata.uid }]);
    expect(cj.status?.lastScheduleTime).toBe('2025-01-01T00:01:00Z');
    expect(cronEvents(state)).toEqual(['SuccessfulCreate Created job hello-28928161']);
    const pod = listObjects<PodObject>(state, 'Pod')[0];
    expect(pod?.metadata.name).toMatch(/^hello-28928161-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(run('kubectl get cronjob hello')).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\nhello\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+1\s+0s\s+30s$/);
  });

  it('notes the finished Job (SawCompletedJob), clears ACTIVE and records lastSuccessfulTime', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"') });
    run('kubectl apply -f cj.yaml');
    advanceBy(state, 50_000);
    expect(cronEvents(state)).toEqual(['SuccessfulCreate Created job hello-28928161', 'SawCompletedJob Saw completed job: hello-28928161, status: Complete']);
    expect(cronJob(state)?.status?.active).toBeUndefined();
    expect(cronJob(state)?.status?.lastSuccessfulTime).toBe('2025-01-01T00:01:13Z');
  });

  it('keeps 3 successful and 1 failed Jobs, deleting the oldest (SuccessfulDelete)', () => {
    const { state, run } = cluster({
      'ok.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"'),
      'bad.yaml': cronJobYaml('broken', 'schedule: "*/1 * * * *"', '["sh", "-c", "exit 1"]').replace('restartPolicy: OnFailure', 'restartPolicy: Never').replace('    spec:\n      template:', '    spec:\n      backoffLimit: 0\n      template:'),
    });
    run('kubectl apply -f ok.yaml');
    run('kubectl apply -f bad.yaml');
    advanceBy(state, 5 * 60_000 + 20_000); // 00:05:50, after the fifth runs
    expect(jobNames(state).filter((n) => n.startsWith('hello-'))).toEqual(['hello-28928163', 'hello-28928164', 'hello-28928165']);
    expect(jobNames(state).filter((n) => n.startsWith('broken-'))).toEqual(['broken-28928165']);
    expect(cronEvents(state).filter((e) => e.startsWith('SuccessfulDelete'))).toEqual(['SuccessfulDelete Deleted job hello-28928161', 'SuccessfulDelete Deleted job hello-28928162']);
    expect(cronEvents(state, 'broken')).toContain('SawCompletedJob Saw completed job: broken-28928161, status: Failed');
    expect(cronEvents(state, 'broken')).toContain('SuccessfulDelete Deleted job broken-28928164');
    // the deleted Jobs' pods go with them
    expect(listObjects<PodObject>(state, 'Pod').filter((p) => p.metadata.name.startsWith('hello-28928161'))).toEqual([]);
  });

  it('Forbid: skips the run while the previous Job is active (JobAlreadyActive)', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"\nconcurrencyPolicy: Forbid', '["sleep", "90"]') });
    run('kubectl apply -f cj.yaml');
    advanceBy(state, 90_000);
    expect(jobNames(state)).toEqual(['hello-28928161']);
    expect(cronJob(state)?.status?.active).toHaveLength(1);
    expect(cronEvents(state)).toEqual([
      'SuccessfulCreate Created job hello-28928161',
      'JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid',
    ]);
  });

  it('Replace: deletes the running Job and starts the new one', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"\nconcurrencyPolicy: Replace', '["sleep", "90"]') });
    run('kubectl apply -f cj.yaml');
    advanceBy(state, 90_000);
    expect(jobNames(state)).toEqual(['hello-28928162']);
    expect(cronEvents(state)).toEqual(['SuccessfulCreate Created job hello-28928161', 'SuccessfulDelete Deleted job hello-28928161', 'SuccessfulCreate Created job hello-28928162']);
  });

  it('starts nothing while suspended, and nothing for a schedule missed more than 100 times (TooManyMissedTimes)', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"\nsuspend: true') });
    run('kubectl apply -f cj.yaml');
    advanceBy(state, 2 * 3_600_000);
    expect(jobNames(state)).toEqual([]);
    expect(run('kubectl get cronjob hello')).toMatch(/hello\s+\*\/1 \* \* \* \*\s+<none>\s+True\s+0\s+<none>/);
    updateObject<CronJobObject>(state, 'CronJob', 'default', 'hello', (c) => {
      if (c.spec) c.spec.suspend = false;
    });
    reconcile(state);
    expect(jobNames(state)).toEqual([]);
    const warning = state.events.find((e) => e.reason === 'TooManyMissedTimes');
    expect(warning).toMatchObject({ type: 'Warning', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' });
  });

  it('with startingDeadlineSeconds, a resumed CronJob starts only the schedule still inside the deadline', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"\nsuspend: true\nstartingDeadlineSeconds: 20') });
    run('kubectl apply -f cj.yaml');
    advanceBy(state, 3 * 60_000 + 30_000); // 00:04:00
    updateObject<CronJobObject>(state, 'CronJob', 'default', 'hello', (c) => {
      if (c.spec) c.spec.suspend = false;
    });
    advanceBy(state, 10_000); // the 00:04 run is 10 s late, within 20 s
    expect(jobNames(state)).toEqual(['hello-28928164']);
    const { state: late, run: runLate } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "*/1 * * * *"\nsuspend: true\nstartingDeadlineSeconds: 20') });
    runLate('kubectl apply -f cj.yaml');
    advanceBy(late, 3 * 60_000 + 30_000);
    advanceBy(late, 25_000); // 00:04:25: the 00:04 run is past its deadline
    updateObject<CronJobObject>(late, 'CronJob', 'default', 'hello', (c) => {
      if (c.spec) c.spec.suspend = false;
    });
    reconcile(late);
    expect(jobNames(late)).toEqual([]);
    advanceBy(late, 40_000);
    expect(jobNames(late)).toEqual(['hello-28928165']);
  });

  it('schedules in spec.timeZone and names the Job after the UTC minute', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "5 2 * * *"\ntimeZone: Europe/Helsinki') });
    run('kubectl apply -f cj.yaml');
    advanceBy(state, 3_600_000);
    // 02:05 in Helsinki (UTC+2) is 00:05 UTC
    expect(jobNames(state)).toEqual([`hello-${28928160 + 5}`]);
    expect(getObject<JobObject>(state, 'Job', 'default', 'hello-28928165')?.metadata.annotations?.[SCHEDULED_TIMESTAMP]).toBe('2025-01-01T02:05:00+02:00');
  });

  it('warns about an unknown time zone and an unparseable schedule instead of running', () => {
    const state = createClusterState();
    const base = { apiVersion: 'batch/v1' as const, kind: 'CronJob' as const, spec: { jobTemplate: { spec: { template: { spec: { containers: [], restartPolicy: 'Never' } } } } } };
    createObject<CronJobObject>(state, { ...base, metadata: { name: 'tz', namespace: 'default' }, spec: { ...base.spec, schedule: '* * * * *', timeZone: 'Mars/Olympus' } });
    createObject<CronJobObject>(state, { ...base, metadata: { name: 'bad', namespace: 'default' }, spec: { ...base.spec, schedule: '* * *' } });
    advanceBy(state, 120_000);
    expect(jobNames(state)).toEqual([]);
    expect(cronEvents(state, 'tz')).toEqual(['UnknownTimeZone invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus']);
    expect(cronEvents(state, 'bad')).toEqual(['UnparseableSchedule unparseable schedule: "* * *" : expected exactly 5 fields, found 3: [* * *]']);
  });

  it('lets `sim wait --stable` return between runs: the schedule timer is quiet', () => {
    const { state, run } = cluster({ 'cj.yaml': cronJobYaml('hello', 'schedule: "0 * * * *"') });
    run('kubectl apply -f cj.yaml');
    expect(isQuiescent(state)).toBe(true);
    expect(state.timers.some((t) => t.type === 'cronjob.schedule')).toBe(true);
    expect(run('sim wait --stable')).toBe('');
  });
});
