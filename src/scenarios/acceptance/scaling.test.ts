import { describe, expect, it } from 'vitest';
import { addedOrder, eventLines, outputOf, pod, podTimeline, runScenarioText } from '../../testing/scenarioHarness';
import s0607 from './s06-s07-scale.yaml?raw';
import s08 from './s08-halt-unready.yaml?raw';
import s10 from './s10-burst.yaml?raw';
import s12 from './s12-failed-recreated.yaml?raw';

describe('S06/S07 scaling a StatefulSet', () => {
  const result = runScenarioText(s0607);
  const setEvents = eventLines(result, 'statefulset/web');

  it('scales up one ordinal at a time, each claim before its pod', () => {
    expect(outputOf(result, 'kubectl scale sts web --replicas=5')).toBe('statefulset.apps/web scaled');
    const creates = setEvents.filter((l) => l.startsWith('SuccessfulCreate')).slice(4, 10);
    expect(creates).toEqual([
      'SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-3 Pod web-3 in StatefulSet web success',
      'SuccessfulCreate create Pod web-3 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-4 Pod web-4 in StatefulSet web success',
      'SuccessfulCreate create Pod web-4 in StatefulSet web successful',
    ]);
    expect(outputOf(result, 'kubectl get sts web')).toMatch(/web\s+5\/5/);
    // web-3 was created only after web-2 was Running and Ready
    const timeline = podTimeline(result);
    expect(timeline.indexOf('web-3 0/1 Pending 0')).toBeGreaterThan(timeline.indexOf('web-2 1/1 Running 0'));
  });

  it('scales down from the highest ordinal and waits until it is gone', () => {
    expect(outputOf(result, 'kubectl patch sts web')).toBe('statefulset.apps/web patched');
    const deletes = setEvents.filter((l) => l.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual([
      'SuccessfulDelete delete Pod web-4 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-3 in StatefulSet web successful',
    ]);
    const changes = result.state.changes.filter((c) => c.kind === 'Pod');
    const web4Gone = changes.findIndex((c) => c.type === 'DELETED' && c.object.metadata.name === 'web-4');
    const web3Marked = changes.findIndex((c) => c.object.metadata.name === 'web-3' && c.object.metadata.deletionTimestamp);
    expect(web4Gone).toBeGreaterThan(-1);
    expect(web3Marked).toBeGreaterThan(web4Gone);
  });

  it('retains every claim and reuses them (and their data) when scaling back up', () => {
    const pvc = outputOf(result, 'kubectl get pvc -l app=nginx').split('\n').slice(1);
    expect(pvc.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound', 'www-web-3 Bound', 'www-web-4 Bound']);
    expect(setEvents.filter((l) => l.includes('create Claim'))).toHaveLength(5);
    expect(outputOf(result, 'kubectl exec web-3 -- curl -s http://localhost/')).toBe('three');
    expect(outputOf(result, 'kubectl exec web-4 -- curl -s http://localhost/')).toBe('four');
  });
});

describe('S08 OrderedReady halts on an unready pod', () => {
  const result = runScenarioText(s08);

  it('keeps ss-0 Running but not Ready, without restarting it', () => {
    expect(outputOf(result, 'kubectl get pods', 1)).toMatch(/ss-0\s+0\/1\s+Running\s+0/);
    expect(outputOf(result, 'kubectl get sts ss')).toMatch(/ss\s+0\/1/);
    expect(eventLines(result, 'pod/ss-0').some((l) => l.startsWith('Unhealthy Readiness probe failed:'))).toBe(true);
  });

  it('creates no other pod while ss-0 is unready', () => {
    expect(outputOf(result, 'kubectl get pods', 2).split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['ss-0']);
  });

  it('resumes in order once ss-0 is Ready again', () => {
    expect(addedOrder(result)).toEqual(['ss-0', 'ss-1', 'ss-2']);
    expect(outputOf(result, 'kubectl get sts ss', 1)).toMatch(/ss\s+3\/3/);
  });
});

describe('S10 Parallel burst scaling ignores health', () => {
  const result = runScenarioText(s10);

  it('creates ss-1 and ss-2 together while ss-0 is unready', () => {
    const ss1 = pod(result, 'ss-1');
    const ss2 = pod(result, 'ss-2');
    const created = (name: string) => result.state.changes.find((c) => c.type === 'ADDED' && c.object.metadata.name === name)?.at;
    expect(created('ss-1')).toBe(created('ss-2'));
    expect(ss1 === undefined && ss2 === undefined).toBe(true); // all deleted by the final scale to 0
  });

  it('deletes all unready pods in one pass when scaling to 0', () => {
    const marked = result.state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.deletionTimestamp && c.type === 'MODIFIED');
    const firstMark = new Map<string, number>();
    for (const c of marked) if (!firstMark.has(c.object.metadata.name)) firstMark.set(c.object.metadata.name, c.at);
    expect([...firstMark.keys()].sort()).toEqual(['ss-0', 'ss-1', 'ss-2']);
    expect(new Set(firstMark.values()).size).toBe(1);
    expect(outputOf(result, 'kubectl get sts ss -o yaml')).toMatch(/\n {2}replicas: 0\n/);
  });
});

describe('S12 a Failed pod is deleted and recreated under the same name', () => {
  const result = runScenarioText(s12);

  it('shows the kubelet rejection and recreates ss-0 with new UIDs', () => {
    const rejected = podTimeline(result, 'ss-0').filter((l) => l.includes('NodePorts'));
    expect(rejected.length).toBeGreaterThan(1);
    expect(eventLines(result, 'statefulset/ss')).toContain('SuccessfulDelete delete Pod ss-0 in StatefulSet ss successful');
    const uids = new Set(result.state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.name === 'ss-0').map((c) => c.object.metadata.uid));
    expect(uids.size).toBeGreaterThan(2);
  });

  it('runs ss-0 once the host port is free', () => {
    expect(outputOf(result, 'kubectl get pods', 1)).toMatch(/ss-0\s+1\/1\s+Running\s+0/);
  });
});
