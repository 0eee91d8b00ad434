import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../testing/scenarioHarness';
import webScenario from '../../scenarios/web.yaml?raw';
import webLocalPathScenario from '../../scenarios/web-local-path.yaml?raw';
import { toGraphModel } from './toGraphModel';
import { LAYOUT, layoutGraph } from './layout';

function withScript(...lines: string[]) {
  const text = `${webScenario.trimEnd()}\n${lines.map((l) => `    - ${l}`).join('\n')}\n`;
  return runScenarioText(text);
}

describe('toGraphModel', () => {
  const result = withScript();
  const model = toGraphModel(result.state);

  it('draws one lane per node with readiness, cordon and requested/allocatable resources', () => {
    expect(model.lanes.map((l) => [l.name, l.ready, l.cordoned])).toEqual([
      ['node-1', true, false],
      ['node-2', true, false],
      ['node-3', true, false],
    ]);
    expect(model.lanes[0]?.cpu.allocatable).toMatch(/^\d/);
    expect(model.lanes[0]?.memory.allocatable).toMatch(/i$/);
  });

  it('shows each pod with STATUS, READY, restarts, IP, node and its stable DNS name', () => {
    const pods = model.pods.map((p) => [p.name, p.status, p.ready, p.restarts, p.dnsName, p.tone]);
    expect(pods).toEqual([
      ['web-0', 'Running', '1/1', 0, 'web-0.nginx.default.svc.cluster.local', 'ok'],
      ['web-1', 'Running', '1/1', 0, 'web-1.nginx.default.svc.cluster.local', 'ok'],
    ]);
    for (const pod of model.pods) {
      expect(pod.ip).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(model.lanes.map((l) => l.name)).toContain(pod.node);
      expect(pod.owner).toBe('StatefulSet/default/web');
    }
  });

  it('hangs each claim under its pod and binds it to a network volume', () => {
    expect(model.claims.map((c) => [c.name, c.phase, c.pod])).toEqual([
      ['www-web-0', 'Bound', 'web-0'],
      ['www-web-1', 'Bound', 'web-1'],
    ]);
    for (const claim of model.claims) {
      const volume = model.volumes.find((v) => v.name === claim.volume);
      expect(volume?.claim).toBe(`default/${claim.name}`);
      expect(volume?.node).toBeUndefined();
    }
    expect(model.edges.filter((e) => e.kind === 'binds')).toHaveLength(2);
  });

  it('lists the headless Service with one DNS record per ready pod', () => {
    expect(model.services).toEqual([
      {
        name: 'nginx',
        namespace: 'default',
        headless: true,
        records: ['nginx.default.svc.cluster.local', 'web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local'],
      },
    ]);
  });

  it('links the StatefulSet owner to its pods', () => {
    expect(model.owners).toEqual([{ kind: 'StatefulSet', name: 'web', namespace: 'default', ready: '2/2' }]);
    expect(model.edges.filter((e) => e.kind === 'owns').map((e) => `${e.source} ${e.target}`)).toEqual([
      'statefulset.web pod.web-0',
      'statefulset.web pod.web-1',
    ]);
  });

  it('shows an unscheduled pod with the scheduler message and a cordoned lane', () => {
    const r = withScript('kubectl cordon node-1', 'kubectl cordon node-2', 'kubectl cordon node-3', 'kubectl scale statefulset web --replicas=3', 'sim advance 5s');
    const m = toGraphModel(r.state);
    expect(m.lanes.every((l) => l.cordoned)).toBe(true);
    const pending = m.pods.find((p) => p.name === 'web-2');
    expect(pending?.node).toBeUndefined();
    expect(pending?.status).toBe('Pending');
    expect(pending?.message).toMatch(/^0\/3 nodes are available: 3 node\(s\) were unschedulable/);
  });

  it('places local-path volumes on the node of their pod', () => {
    const r = runScenarioText(webScenario.replace('accessModes: ["ReadWriteOnce"]', 'accessModes: ["ReadWriteOnce"]\n              storageClassName: local-path'));
    const m = toGraphModel(r.state);
    expect(m.volumes).toHaveLength(2);
    for (const volume of m.volumes) {
      const claim = m.claims.find((c) => `${c.namespace}/${c.name}` === volume.claim);
      const pod = m.pods.find((p) => p.name === claim?.pod);
      expect(volume.node).toBe(pod?.node);
      expect(volume.node).toMatch(/^node-\d$/);
    }
    const layout = layoutGraph(m);
    expect(layout.nodes.find((n) => n.id === 'area.storage')).toBeUndefined();
  });
});

describe('layoutGraph', () => {
  const before = withScript();
  const first = layoutGraph(toGraphModel(before.state));
  const at = (layout: ReturnType<typeof layoutGraph>, id: string) => layout.nodes.find((n) => n.id === id);

  it('keeps a lane with no pods wide enough for its header', () => {
    const empty = runScenarioText(webScenario.replace(/\n {2}script:[\s\S]*$/, '\n  script: []\n'));
    const lanes = layoutGraph(toGraphModel(empty.state)).nodes.filter((n) => n.type === 'lane');
    expect(lanes).toHaveLength(3);
    for (const lane of lanes) expect(lane.width).toBe(LAYOUT.minBandWidth);
  });

  it('puts each pod inside the band of its node, with its claim underneath in the same column', () => {
    for (const name of ['web-0', 'web-1']) {
      const pod = at(first, `pod.${name}`);
      const claim = at(first, `claim.www-${name}`);
      const lane = at(first, `node.${pod?.type === 'pod' ? pod.data.node : ''}`);
      expect(pod && lane && claim).toBeTruthy();
      if (!pod || !lane || !claim) return;
      expect(pod.y).toBeGreaterThanOrEqual(lane.y);
      expect(claim.y + claim.height).toBeLessThanOrEqual(lane.y + lane.height);
      expect(claim.x).toBe(pod.x);
      expect(claim.y).toBeGreaterThan(pod.y);
    }
    expect(at(first, 'pod.web-1')?.x).toBeGreaterThan(at(first, 'pod.web-0')?.x ?? Infinity);
  });

  it('puts network volumes in the storage lane under their claim', () => {
    const storage = at(first, 'area.storage');
    const volumes = first.nodes.filter((n) => n.type === 'volume');
    expect(volumes).toHaveLength(2);
    for (const v of volumes) expect(v.y).toBeGreaterThan(storage?.y ?? Infinity);
  });

  it('is deterministic', () => {
    expect(layoutGraph(toGraphModel(withScript().state))).toEqual(first);
  });

  it('keeps every pod in its column when a pod is recreated on another node or another workload appears', () => {
    const after = withScript(
      'kubectl cordon node-1',
      'kubectl cordon node-2',
      'kubectl cordon node-3',
      'kubectl uncordon node-1',
      'kubectl delete pod web-1',
      'kubectl run client --image=busybox -- sleep 3600',
      'sim wait --stable',
    );
    const second = layoutGraph(toGraphModel(after.state), first.memory);
    expect(at(second, 'pod.web-0')?.x).toBe(at(first, 'pod.web-0')?.x);
    expect(at(second, 'pod.web-1')?.x).toBe(at(first, 'pod.web-1')?.x);
    expect(at(second, 'pod.web-1')?.type === 'pod' && at(second, 'pod.web-1')?.data).toMatchObject({ node: 'node-1' });
    expect(at(second, 'pod.client')?.x).toBeGreaterThan(at(second, 'pod.web-1')?.x ?? Infinity);
  });

  it('keeps the column of a retained claim after scale-down', () => {
    const r = withScript('kubectl scale statefulset web --replicas=1', 'sim wait --stable');
    const layout = layoutGraph(toGraphModel(r.state), first.memory);
    expect(at(layout, 'pod.web-1')).toBeUndefined();
    expect(at(layout, 'claim.www-web-1')?.x).toBe(at(first, 'claim.www-web-1')?.x);
    expect(at(layout, 'area.pending')).toBeDefined();
  });
});

describe('layoutGraph with local-path storage', () => {
  it('gives a pod held Pending by its local volume a card tall enough for the whole scheduler message', () => {
    const text = `${webLocalPathScenario.trimEnd()}\n    - kubectl drain node-1 --ignore-daemonsets\n    - sim wait --stable\n`;
    const layout = layoutGraph(toGraphModel(runScenarioText(text).state));
    const pod = layout.nodes.find((n) => n.id === 'pod.web-0');
    const area = layout.nodes.find((n) => n.id === 'area.pending');
    const claim = layout.nodes.find((n) => n.id === 'claim.www-web-0');
    const volume = layout.nodes.find((n) => n.type === 'volume' && n.data.claim === 'default/www-web-0');
    expect(pod?.type === 'pod' && pod.data.message).toBe(
      '0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(pod && area && claim && volume).toBeTruthy();
    if (!pod || !area || !claim || !volume) return;
    expect(pod.height).toBe(LAYOUT.podHeight + LAYOUT.messageHeight);
    expect(pod.y).toBeGreaterThan(area.y);
    expect(claim.y).toBeGreaterThanOrEqual(pod.y + pod.height);
    expect(claim.y + claim.height).toBeLessThanOrEqual(area.y + area.height);
    // the volume stays in the lane of the node it lives on
    expect(volume.type === 'volume' && volume.data.node).toBe('node-1');
    const lane = layout.nodes.find((n) => n.id === 'node.node-1');
    expect(volume.y).toBeGreaterThan(lane?.y ?? Infinity);
    expect(volume.y).toBeLessThan(area.y);
  });
});
