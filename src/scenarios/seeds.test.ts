import { describe, expect, it } from 'vitest';
import type { PodObject } from '../model/pod';
import { outputOf, pod, runScenarioText } from '../testing/scenarioHarness';
import seed002 from '../../scenarios/seed-002-web-demo.yaml?raw';
import seed003 from '../../scenarios/seed-003-redis.yaml?raw';

describe('seed 002: the nginx web StatefulSet demo', () => {
  const result = runScenarioText(seed002);
  /** The IP of a pod's first incarnation (the one the DNS lookup ran against). */
  const firstIp = (name: string) =>
    result.state.changes.map((c) => c.object as PodObject).find((p) => p.kind === 'Pod' && p.metadata.name === name && p.status?.podIP)?.status?.podIP;

  it('prints the tutorial watch sequence: web-1 starts only once web-0 is Running', () => {
    const rows = [outputOf(result, 'kubectl apply -f web.yaml'), outputOf(result, 'sim wait --stable')]
      .join('\n')
      .split('\n')
      .filter((l) => /^web-/.test(l))
      .map((l) => l.split(/\s+/).slice(0, 3).join(' '));
    expect(rows).toEqual([
      'web-0 0/1 Pending', 'web-0 0/1 Pending', 'web-0 0/1 ContainerCreating', 'web-0 1/1 Running',
      'web-1 0/1 Pending', 'web-1 0/1 Pending', 'web-1 0/1 ContainerCreating', 'web-1 1/1 Running',
    ]);
  });

  it('answers hostname and nslookup like the tutorial', () => {
    expect(outputOf(result, "kubectl exec web-0 -- sh -c 'hostname'")).toBe('web-0');
    expect(outputOf(result, "kubectl exec web-1 -- sh -c 'hostname'")).toBe('web-1');
    const lookup = result.steps.find((s) => s.command === 'nslookup web-0.nginx');
    expect(lookup?.prompt).toBe('/ #');
    expect(lookup?.output).toBe(
      [
        'Server:    10.96.0.10',
        'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
        '',
        'Name:      web-0.nginx',
        `Address 1: ${firstIp('web-0')} web-0.nginx.default.svc.cluster.local`,
      ].join('\n'),
    );
    expect(outputOf(result, 'exit')).toBe('pod "dns-test" deleted from default namespace');
  });

  it('lists the two claims www-web-0 and www-web-1 Bound', () => {
    const rows = outputOf(result, 'kubectl get pvc -l app=nginx').split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(rows).toEqual(['www-web-0 Bound', 'www-web-1 Bound']);
  });

  it('serves the hostname written to the volume before and after the pods are deleted', () => {
    expect(outputOf(result, 'kubectl exec -i -t web-0 -- curl http://localhost/', 0)).toBe('web-0');
    expect(outputOf(result, 'kubectl exec -i -t web-1 -- curl http://localhost/', 0)).toBe('web-1');
    expect(outputOf(result, 'kubectl exec -i -t web-0 -- curl http://localhost/', 1)).toBe('web-0');
    expect(outputOf(result, 'kubectl exec -i -t web-1 -- curl http://localhost/', 1)).toBe('web-1');
  });
});

describe('seed 003: Redis with local-path storage', () => {
  const result = runScenarioText(seed003);

  it('resolves redis-svc to both pods and each pod by its own name', () => {
    const ip0 = pod(result, 'redis-stset-0')?.status?.podIP;
    const lookup = outputOf(result, 'nslookup redis-svc');
    expect(lookup.match(/Address \d: 10\.244\.\d+\.\d+/g)).toHaveLength(2);
    expect(outputOf(result, 'ping -c1 redis-stset-0.redis-svc')).toMatch(/^PING redis-stset-0\.redis-svc \(10\.244\.\d+\.\d+\): 56 data bytes/);
    expect(ip0).toMatch(/^10\.244\./);
  });

  it('provisions one local-path claim per replica', () => {
    const rows = outputOf(result, 'kubectl get pvc', 0).split('\n').slice(1);
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['redis-data-storage-redis-stset-0', 'redis-data-storage-redis-stset-1']);
    for (const row of rows) expect(row).toMatch(/Bound\s+pvc-\S+\s+100Mi\s+RWO\s+local-path/);
  });

  it('keeps the claims when the StatefulSet is deleted and re-attaches the same ones on re-apply', () => {
    const volumes = (n: number) => outputOf(result, 'kubectl get pvc', n).split('\n').slice(1).map((l) => l.split(/\s+/)[2]);
    expect(volumes(1)).toEqual(volumes(0));
    expect(volumes(2)).toEqual(volumes(0));
    const nodes = (n: number) => outputOf(result, 'kubectl get pods -o wide', n).split('\n').slice(1).map((l) => l.split(/\s+/)[6]);
    // local-path volumes pin each pod to the node of its first start
    expect(nodes(2)).toEqual(nodes(0));
  });

  it('cannot follow its local volume off a drained node: Pending with the scheduler\'s reason, back on uncordon', () => {
    expect(outputOf(result, 'kubectl get pods -o wide', 3)).toMatch(/^redis-stset-0\s+0\/2\s+Pending\s+0\s+30s\s+<none>\s+<none>/m);
    expect(outputOf(result, 'kubectl get events --field-selector reason=FailedScheduling')).toContain(
      'pod/redis-stset-0   0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(outputOf(result, 'kubectl get pods -o wide', 4)).toMatch(/^redis-stset-0\s+2\/2\s+Running\s+0\s+\S+\s+10\.244\.1\.\d+\s+node-1/m);
  });
});
