import { describe, expect, it } from 'vitest';
import type { PodObject } from '../../model/pod';
import { podRestarts, podStatusText } from '../../model/pod';
import { eventLines, eventsOf, outputOf, podTimeline, runScenarioText } from '../../testing/scenarioHarness';
import s34 from './s34-crash-loop.yaml?raw';

describe('S34 container crash vs pod deletion; CrashLoopBackOff timing', () => {
  const result = runScenarioText(s34);
  const web0 = result.state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.name === 'web-0').map((c) => ({ at: c.at, pod: c.object as PodObject }));

  it('restarts the container in the same pod after a single crash: Error 0, then Running 1', () => {
    const rows = outputOf(result, 'sim crash web-0 exit 1') + '\n' + outputOf(result, 'sim advance 5s', 0);
    expect(rows).toMatch(/web-0\s+0\/1\s+Error\s+0\s/);
    expect(rows).toMatch(/web-0\s+1\/1\s+Running\s+1 \(1s ago\)/);
    const uids = new Set(web0.map((c) => c.pod.metadata.uid));
    const ips = new Set(web0.map((c) => c.pod.status?.podIP).filter(Boolean));
    expect(uids.size).toBe(1);
    expect(ips.size).toBe(1);
    expect(eventLines(result, 'statefulset/web').filter((l) => l.includes('web-0'))).toHaveLength(2); // the original create: claim + pod
  });

  it('backs off 10 s, 20 s, 40 s, 80 s, 160 s, then 300 s between crash and restart', () => {
    const crashes = web0.filter((c) => podStatusText(c.pod) === 'Error').map((c) => c.at);
    const starts = web0.filter((c, i) => podStatusText(c.pod) === 'Running' && i > 0 && podRestarts(c.pod) > podRestarts(web0[i - 1]?.pod ?? c.pod)).map((c) => c.at);
    const gaps = crashes.map((at) => ((starts.find((s) => s > at) ?? at) - at) / 1000);
    // each restart takes the back-off plus the 1 s container start; the last crash comes after
    // ten minutes of clean running, so its back-off was reset
    expect(gaps).toEqual([1, 11, 21, 41, 81, 161, 301, 1]);
  });

  it('shows CrashLoopBackOff with BackOff events and keeps the pod out of DNS and the ready count', () => {
    expect(outputOf(result, 'kubectl get pods', 0)).toMatch(/web-0\s+0\/1\s+CrashLoopBackOff\s+5 \(\d+s ago\)/);
    const backoff = eventsOf(result, 'pod/web-0').find((e) => e.reason === 'BackOff');
    const uid = web0[0]?.pod.metadata.uid;
    expect(backoff?.type).toBe('Warning');
    expect(backoff?.message).toBe(`Back-off restarting failed container nginx in pod web-0_default(${uid})`);
    expect(backoff?.count).toBeGreaterThan(4);
    expect(outputOf(result, 'kubectl get sts web')).toMatch(/web\s+1\/2/);
    expect(outputOf(result, 'sim dns web-0.nginx A')).toBe('NXDOMAIN');
  });

  it('never creates web-2 while web-0 crash-loops (OrderedReady)', () => {
    const web2Added = result.state.changes.find((c) => c.type === 'ADDED' && c.object.metadata.name === 'web-2')?.at ?? Infinity;
    const loopEnds = web0.filter((c) => podStatusText(c.pod) === 'Running' && c.pod.status?.containerStatuses?.[0]?.ready).map((c) => c.at);
    const stopped = result.steps.find((s) => s.command === 'sim crash web-0 --loop=false')?.at ?? 0;
    expect(web2Added).toBeGreaterThan(stopped);
    expect(web2Added).toBeGreaterThanOrEqual(Math.min(...loopEnds.filter((t) => t > stopped)));
  });

  it('gives a deleted pod a new UID and zero restarts but the same claim', () => {
    const web1 = podTimeline(result, 'web-1');
    expect(web1.some((l) => l.startsWith('DELETED'))).toBe(true);
    expect(outputOf(result, 'kubectl get pods -o wide', 1)).toMatch(/web-1\s+1\/1\s+Running\s+0\s/);
    const pod = result.state.objects['Pod']?.['default/web-1'] as PodObject;
    expect(pod.spec?.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
  });

  it('resets the back-off after 10 minutes of clean running', () => {
    expect(outputOf(result, 'sim advance 5s', 1)).toMatch(/web-0\s+1\/1\s+Running\s+8 \(1s ago\)/);
  });
});
