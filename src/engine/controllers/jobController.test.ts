import { describe, expect, it } from 'vitest';
import type { JobStatus } from 'kubernetes-types/batch/v1';
import { Session } from '../../kubectl/session';
import type { PodObject } from '../../model/pod';
import { podStatusText } from '../../model/pod';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import { advanceBy, reconcile, runUntil } from '../simulation';
import { getObject, listObjects, updateObject } from '../store';
import { COMPLETION_INDEX, TRACKING_FINALIZER, type JobObject } from './jobPods';
import { formatIndexes, parseIndexes } from './jobStatus';

const RAND5 = '[bcdfghjklmnpqrstvwxz2456789]{5}';

function jobYaml(name: string, spec: string, pod: string, restartPolicy = 'Never'): string {
  return [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...spec.split('\n').filter(Boolean).map((l) => `  ${l}`),
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: main',
    '        image: busybox:1.28',
    ...pod.split('\n').filter(Boolean).map((l) => `        ${l}`),
    `      restartPolicy: ${restartPolicy}`,
  ].join('\n');
}

function cluster(files: Record<string, string>) {
  const state = createClusterState();
  reconcile(state);
  const session = new Session(state, files);
  return { state, run: (line: string) => session.run(line).output };
}

const job = (state: ClusterState, name: string) => getObject<JobObject>(state, 'Job', 'default', name);
const podsOf = (state: ClusterState, name: string) => listObjects<PodObject>(state, 'Pod', 'default').filter((p) => p.metadata.labels?.['job-name'] === name);
const jobEvents = (state: ClusterState, name: string) => state.events.filter((e) => e.involved.kind === 'Job' && e.involved.name === name).map((e) => `${e.reason} ${e.message}`);
const conditionTypes = (state: ClusterState, name: string) => (job(state, name)?.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`);
/** Every status the Job had, in order (the watch log). */
const statusHistory = (state: ClusterState, name: string) =>
  state.changes.filter((c) => c.kind === 'Job' && c.object.metadata.name === name).map((c) => (c.object as JobObject).status ?? {});
/** Creation instants (s) of a Job's pods, in order. */
const podCreations = (state: ClusterState, name: string) =>
  state.changes.filter((c) => c.kind === 'Pod' && c.type === 'ADDED' && c.object.metadata.labels?.['job-name'] === name).map((c) => c.at / 1000);

describe('jobController', () => {
  it('creates one pod named <job>-<5 random> with the job labels, the tracking finalizer and a controller reference', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('pi', 'backoffLimit: 4', 'command: ["sleep", "5"]') });
    expect(run('kubectl apply -f job.yaml')).toBe('job.batch/pi created');
    const j = job(state, 'pi') as JobObject;
    const uid = j.metadata.uid ?? '';
    expect(j.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const [pod, ...others] = podsOf(state, 'pi');
    expect(others).toHaveLength(0);
    expect(pod?.metadata.name).toMatch(new RegExp(`^pi-${RAND5}$`));
    expect(pod?.metadata.generateName).toBe('pi-');
    expect(pod?.metadata.labels).toEqual({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
    expect(pod?.metadata.finalizers).toEqual([TRACKING_FINALIZER]);
    expect(pod?.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }]);
    expect(jobEvents(state, 'pi')).toEqual([`SuccessfulCreate Created pod: ${pod?.metadata.name}`]);
    expect(state.events.find((e) => e.reason === 'SuccessfulCreate')?.source).toBe('job-controller');
  });

  it('completes: the pod stays Completed 0/1, SuccessCriteriaMet then Complete, event Completed, counted through uncountedTerminatedPods', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('pi', '', 'command: ["sleep", "5"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 20_000);
    const [pod] = podsOf(state, 'pi');
    expect(pod && podStatusText(pod)).toBe('Completed');
    expect(pod?.metadata.finalizers).toBeUndefined();
    const status = job(state, 'pi')?.status as JobStatus;
    expect(status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(status.active).toBeUndefined();
    expect(status.completionTime).toBe('2025-01-01T00:00:08Z');
    expect(conditionTypes(state, 'pi')).toEqual(['SuccessCriteriaMet=True', 'Complete=True']);
    expect(status.conditions?.map((c) => `${c.reason}: ${c.message}`)).toEqual([
      'CompletionsReached: Reached expected number of succeeded pods',
      'CompletionsReached: Reached expected number of succeeded pods',
    ]);
    // The uid is recorded as uncounted before the counter moves (two-phase tracking).
    const history = statusHistory(state, 'pi');
    const uncountedAt = history.findIndex((s) => s.uncountedTerminatedPods?.succeeded?.includes(pod?.metadata.uid ?? ''));
    const countedAt = history.findIndex((s) => s.succeeded === 1);
    expect(uncountedAt).toBeGreaterThan(-1);
    expect(countedAt).toBeGreaterThan(uncountedAt);
    expect(jobEvents(state, 'pi').at(-1)).toBe('Completed Job completed');
    expect(run('kubectl get job pi')).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\npi\s+Complete\s+1\/1\s+8s\s+20s$/);
  });

  it('runs at most parallelism pods and never more than the completions still needed', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('batch', 'completions: 5\nparallelism: 2', 'command: ["sleep", "5"]') });
    run('kubectl apply -f job.yaml');
    let maxActive = 0;
    runUntil(state, () => {
      maxActive = Math.max(maxActive, job(state, 'batch')?.status?.active ?? 0);
      return conditionTypes(state, 'batch').includes('Complete=True');
    }, 120_000);
    expect(maxActive).toBe(2);
    expect(podsOf(state, 'batch')).toHaveLength(5);
    // Two waves of two, then the fifth pod alone.
    expect(podCreations(state, 'batch')).toEqual([0, 0, 8, 8, 14]);
    expect(run('kubectl get job batch')).toMatch(/batch\s+Complete\s+5\/5/);
  });

  it('treats completions unset and parallelism 3 as a work queue: done when one pod succeeded and all stopped', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('queue', 'parallelism: 3', 'command: ["sleep", "5"]') });
    run('kubectl apply -f job.yaml');
    expect(podsOf(state, 'queue')).toHaveLength(3);
    expect(run('kubectl get job queue')).toMatch(/queue\s+Running\s+0\/1 of 3/);
    advanceBy(state, 30_000);
    expect(podsOf(state, 'queue')).toHaveLength(3);
    expect(job(state, 'queue')?.status?.succeeded).toBe(3);
    expect(conditionTypes(state, 'queue')).toEqual(['SuccessCriteriaMet=True', 'Complete=True']);
  });

  it('restartPolicy Never: keeps failed pods (Error), replaces them after 10 s then 20 s, and fails at the backoff limit', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('fail', 'backoffLimit: 2', 'command: ["sh", "-c", "exit 1"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 120_000);
    const pods = podsOf(state, 'fail');
    expect(pods.map((p) => podStatusText(p))).toEqual(['Error', 'Error', 'Error']);
    // First failure at 3 s (pull 2 s + start 1 s); later pods start in 1 s (image cached on the node or pulled again).
    const created = podCreations(state, 'fail');
    const failedAt = state.changes
      .filter((c) => c.kind === 'Pod' && (c.object as PodObject).status?.phase === 'Failed' && c.object.metadata.labels?.['job-name'] === 'fail')
      .reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.object.metadata.name]: acc[c.object.metadata.name] ?? c.at / 1000 }), {});
    const firstFailures = Object.values(failedAt).sort((a, b) => a - b);
    expect(created.length).toBe(3);
    expect((created[1] as number) - (firstFailures[0] as number)).toBe(10);
    expect((created[2] as number) - (firstFailures[1] as number)).toBe(20);
    expect(conditionTypes(state, 'fail')).toEqual(['FailureTarget=True', 'Failed=True']);
    expect(job(state, 'fail')?.status?.conditions?.[1]).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(job(state, 'fail')?.status?.failed).toBe(3);
    const failedEvent = state.events.find((e) => e.reason === 'BackoffLimitExceeded');
    expect(failedEvent).toMatchObject({ type: 'Warning', message: 'Job has reached the specified backoff limit', source: 'job-controller' });
    expect(run('kubectl get job fail')).toMatch(/fail\s+Failed\s+0\/1/);
  });

  it('doubles the pod-failure back-off up to the 6-minute cap', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('retry', 'backoffLimit: 8', 'command: ["sh", "-c", "exit 2"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 30 * 60_000);
    const created = podCreations(state, 'retry');
    const gaps = created.slice(1).map((t, i) => t - (created[i] as number));
    // gap = back-off + the previous pod's run (3 s for the first pull, then 1 s)
    expect(gaps).toEqual([13, 21, 41, 81, 161, 321, 361, 361]);
    expect(conditionTypes(state, 'retry')).toEqual(['FailureTarget=True', 'Failed=True']);
  });

  it('restartPolicy OnFailure: the kubelet restarts the container in the same pod; restarts count toward backoffLimit', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('onfail', 'backoffLimit: 2', 'command: ["sh", "-c", "exit 1"]', 'OnFailure') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 60_000);
    const names = new Set(state.changes.filter((c) => c.kind === 'Pod').map((c) => c.object.metadata.name));
    expect(names.size).toBe(1);
    expect(podsOf(state, 'onfail')).toHaveLength(0); // deleted when the Job failed
    expect(conditionTypes(state, 'onfail')).toEqual(['FailureTarget=True', 'Failed=True']);
    expect(job(state, 'onfail')?.status?.failed).toBe(1);
    expect(jobEvents(state, 'onfail')).toContain('BackoffLimitExceeded Job has reached the specified backoff limit');
  });

  it('activeDeadlineSeconds: FailureTarget DeadlineExceeded, the running pod is deleted, Failed once it is gone', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('slow', 'activeDeadlineSeconds: 20', 'command: ["sleep", "3600"]') });
    run('kubectl apply -f job.yaml');
    const [pod] = podsOf(state, 'slow');
    advanceBy(state, 21_000);
    expect(conditionTypes(state, 'slow')).toEqual(['FailureTarget=True']);
    expect(job(state, 'slow')?.status?.terminating).toBe(1);
    expect(run('kubectl get job slow')).toMatch(/slow\s+FailureTarget\s+0\/1/);
    expect(jobEvents(state, 'slow')).toContain(`SuccessfulDelete Deleted pod: ${pod?.metadata.name}`);
    // sleep ignores SIGTERM: the pod goes after its 30 s grace period
    advanceBy(state, 40_000);
    expect(podsOf(state, 'slow')).toHaveLength(0);
    expect(conditionTypes(state, 'slow')).toEqual(['FailureTarget=True', 'Failed=True']);
    expect(job(state, 'slow')?.status?.conditions?.[1]).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(jobEvents(state, 'slow')).toContain('DeadlineExceeded Job was active longer than specified deadline');
  });

  it('suspend: no pods and a Suspended condition; resuming creates the pods and restarts startTime', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('later', 'suspend: true', 'command: ["sleep", "5"]') });
    run('kubectl apply -f job.yaml');
    expect(podsOf(state, 'later')).toHaveLength(0);
    expect(job(state, 'later')?.status?.startTime).toBeUndefined();
    expect(job(state, 'later')?.status?.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    expect(run('kubectl get job later')).toMatch(/later\s+Suspended\s+0\/1/);
    advanceBy(state, 60_000);
    updateObject<JobObject>(state, 'Job', 'default', 'later', (j) => {
      if (j.spec) j.spec.suspend = false;
    });
    reconcile(state);
    expect(podsOf(state, 'later')).toHaveLength(1);
    expect(job(state, 'later')?.status?.startTime).toBe('2025-01-01T00:01:00Z');
    expect(job(state, 'later')?.status?.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    // manageJob creates the pods before the condition flips, as upstream.
    expect(jobEvents(state, 'later')).toEqual(['Suspended Job suspended', expect.stringMatching(/^SuccessfulCreate Created pod: later-/), 'Resumed Job resumed']);
  });

  it('suspending a running Job deletes its pods without counting them as failed', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('pause', 'parallelism: 2\ncompletions: 2', 'command: ["sleep", "60"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 5_000);
    updateObject<JobObject>(state, 'Job', 'default', 'pause', (j) => {
      if (j.spec) j.spec.suspend = true;
    });
    advanceBy(state, 60_000);
    expect(podsOf(state, 'pause')).toHaveLength(0);
    expect(job(state, 'pause')?.status?.failed).toBeUndefined();
    expect(jobEvents(state, 'pause').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(2);
  });

  it('Indexed: pods <job>-<index>-<5 random> with hostname, index label, annotation and JOB_COMPLETION_INDEX', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('idx', 'completions: 3\nparallelism: 3\ncompletionMode: Indexed', 'command: ["sleep", "5"]') });
    run('kubectl apply -f job.yaml');
    const pods = podsOf(state, 'idx').sort((a, b) => Number(a.metadata.labels?.[COMPLETION_INDEX]) - Number(b.metadata.labels?.[COMPLETION_INDEX]));
    expect(pods.map((p) => p.metadata.name)).toEqual([expect.stringMatching(new RegExp(`^idx-0-${RAND5}$`)), expect.stringMatching(new RegExp(`^idx-1-${RAND5}$`)), expect.stringMatching(new RegExp(`^idx-2-${RAND5}$`))]);
    expect(pods.map((p) => p.spec?.hostname)).toEqual(['idx-0', 'idx-1', 'idx-2']);
    expect(pods[1]?.metadata.annotations?.[COMPLETION_INDEX]).toBe('1');
    expect(pods[1]?.spec?.containers[0]?.env).toEqual([
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } },
    ]);
    advanceBy(state, 20_000);
    expect(job(state, 'idx')?.status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    expect(conditionTypes(state, 'idx')).toEqual(['SuccessCriteriaMet=True', 'Complete=True']);
  });

  it('counts a deleted running pod as failed and replaces it after the back-off', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('work', '', 'command: ["sleep", "600"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 10_000);
    const [first] = podsOf(state, 'work');
    run(`kubectl delete pod ${first?.metadata.name} --wait=false`);
    reconcile(state);
    expect(job(state, 'work')?.status?.failed).toBe(1);
    expect(getObject<PodObject>(state, 'Pod', 'default', first?.metadata.name ?? '')?.metadata.finalizers).toBeUndefined();
    advanceBy(state, 11_000);
    const names = podsOf(state, 'work').map((p) => p.metadata.name).filter((n) => n !== first?.metadata.name);
    expect(names).toHaveLength(1);
    expect(podCreations(state, 'work')[1]).toBe(20);
  });

  it('remembers the back-off when the failed pods are already gone (deleted with a short grace period)', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('gone', '', 'command: ["sleep", "600"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 5_000);
    run(`kubectl delete pod ${podsOf(state, 'gone')[0]?.metadata.name} --grace-period=1`);
    advanceBy(state, 20_000 - state.now);
    run(`kubectl delete pod ${podsOf(state, 'gone').find((p) => !p.metadata.deletionTimestamp)?.metadata.name} --grace-period=1`);
    advanceBy(state, 30_000);
    // 10 s after the first failure, 20 s after the second, although both pods vanished within a second
    expect(podCreations(state, 'gone')).toEqual([0, 15, 40]);
    expect(job(state, 'gone')?.status?.failed).toBe(2);
  });

  it('ttlSecondsAfterFinished deletes the finished Job and its pods', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('short', 'ttlSecondsAfterFinished: 30', 'command: ["sleep", "5"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 30_000);
    expect(job(state, 'short')).toBeDefined();
    advanceBy(state, 20_000);
    expect(job(state, 'short')).toBeUndefined();
    expect(podsOf(state, 'short')).toHaveLength(0);
  });

  it('deleting the Job deletes its pods and releases their tracking finalizers', () => {
    const { state, run } = cluster({ 'job.yaml': jobYaml('gone', 'parallelism: 2\ncompletions: 4', 'command: ["sleep", "30"]') });
    run('kubectl apply -f job.yaml');
    advanceBy(state, 5_000);
    expect(run('kubectl delete job gone')).toMatch(/^job\.batch "gone" deleted/);
    advanceBy(state, 60_000);
    expect(job(state, 'gone')).toBeUndefined();
    expect(podsOf(state, 'gone')).toHaveLength(0);
    expect(listObjects<PodObject>(state, 'Pod').some((p) => p.metadata.finalizers?.includes(TRACKING_FINALIZER))).toBe(false);
  });
});

describe('completed index intervals', () => {
  it('formats and parses the orderedIntervals text', () => {
    expect(formatIndexes([0, 1, 2, 4, 6, 7])).toBe('0-2,4,6-7');
    expect(parseIndexes('0-2,4,6-7', 7)).toEqual([0, 1, 2, 4, 6]);
    expect(formatIndexes([])).toBe('');
  });
});
