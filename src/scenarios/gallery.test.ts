import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KObject } from '../model/objects';
import type { PodObject } from '../model/pod';
import { addedOrder, eventLines, objects, outputOf, pod, runScenarioText, tableRows } from '../testing/scenarioHarness';
import { parseScenario } from './parseScenario';
import type { RunResult } from './runScenario';
import deployVsSts from '../../scenarios/gallery-deployment-vs-statefulset.yaml?raw';
import nodeFailure from '../../scenarios/gallery-node-failure.yaml?raw';
import remoteVsLocal from '../../scenarios/gallery-remote-vs-local-storage.yaml?raw';
import rollingUpdate from '../../scenarios/gallery-rolling-update.yaml?raw';

/** The gallery's own scenario files (the seed demos it reuses have their own tests: seeds, database, jobs). */
const GALLERY_FILES: Record<string, string> = {
  'gallery-deployment-vs-statefulset': deployVsSts,
  'gallery-remote-vs-local-storage': remoteVsLocal,
  'gallery-node-failure': nodeFailure,
  'gallery-rolling-update': rollingUpdate,
};

const DEPLOY_POD = /^web-deploy-[0-9a-f]{10}-[0-9a-z]{5}$/;

interface Row {
  ready: string;
  status: string;
  node: string;
}

/** `name → {ready, status, node}` of a `kubectl get pods -o wide` output. */
function wideRows(output: string): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const cells of tableRows(output).slice(1)) rows.set(cells[0] ?? '', { ready: cells[1] ?? '', status: cells[2] ?? '', node: cells[6] ?? '' });
  return rows;
}

function stepAt(result: RunResult, command: string): number {
  const step = result.steps.find((s) => s.command === command);
  if (!step) throw new Error(`no step ${command}`);
  return step.at;
}

/** Names of pods ADDED (or DELETED) in `[from, to)`, in order. */
function podChanges(result: RunResult, type: 'ADDED' | 'DELETED', from = 0, to = Infinity): string[] {
  return result.state.changes.filter((c) => c.kind === 'Pod' && c.type === type && c.at >= from && c.at < to).map((c) => c.object.metadata.name);
}

/** `name → creation time` of the pods ADDED in `[from, to)`. */
function addedAt(result: RunResult, from = 0, to = Infinity): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of result.state.changes) if (c.kind === 'Pod' && c.type === 'ADDED' && c.at >= from && c.at < to) out.set(c.object.metadata.name, c.at);
  return out;
}

function claimOf(p: PodObject | undefined): string | undefined {
  return p?.spec?.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName;
}

describe('gallery scenario files', () => {
  for (const [name, text] of Object.entries(GALLERY_FILES)) {
    it(`${name} parses, is named after its file, has a title and opens with a # comment explaining what to watch`, () => {
      const { scenario, diagnostics } = parseScenario(text, `${name}.yaml`);
      expect(diagnostics).toEqual([]);
      expect(scenario?.name).toBe(name);
      expect(scenario?.title?.length ?? 0).toBeGreaterThan(10);
      expect(text.split('\n').slice(0, 3).every((l) => l.startsWith('# '))).toBe(true);
      expect(text).toContain('What to watch');
    });
  }
});

describe('gallery: Deployment vs StatefulSet', () => {
  const result = runScenarioText(deployVsSts);
  const deletedAll = stepAt(result, 'kubectl delete pod -l app=web-deploy --wait=false');
  const scaled = stepAt(result, 'kubectl scale deploy web-deploy --replicas=1');
  const first = addedAt(result, 0, deletedAll);
  const firstDeploy = [...first.keys()].filter((n) => n.startsWith('web-deploy-'));

  it('names the Deployment pods web-deploy-<hash>-<rand5> and the StatefulSet pods web-0, web-1, web-2', () => {
    expect(firstDeploy).toHaveLength(3);
    for (const name of firstDeploy) expect(name).toMatch(DEPLOY_POD);
    expect(new Set(firstDeploy.map((n) => n.slice(0, -6))).size).toBe(1);
    expect([...first.keys()].filter((n) => !n.startsWith('web-deploy-'))).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('creates the three Deployment pods in one instant, the StatefulSet pods one after the other', () => {
    expect(new Set(firstDeploy.map((n) => first.get(n))).size).toBe(1);
    const rows = tableRows(outputOf(result, 'kubectl get pods', 0)).slice(1).map((r) => r[0]);
    expect(rows.filter((n) => !n?.startsWith('web-deploy-'))).toEqual(['web-0']);
    expect(rows.filter((n) => n?.startsWith('web-deploy-'))).toHaveLength(3);
    const t = (n: string) => first.get(n) ?? NaN;
    expect(t('web-0')).toBeLessThan(t('web-1'));
    expect(t('web-1')).toBeLessThan(t('web-2'));
  });

  it('one shared claim: one Deployment pod runs, the other two stay ContainerCreating with the Multi-Attach error; one claim per StatefulSet pod', () => {
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 0));
    const deploy = firstDeploy.map((n) => rows.get(n)?.status).sort();
    expect(deploy).toEqual(['ContainerCreating', 'ContainerCreating', 'Running']);
    const running = firstDeploy.find((n) => rows.get(n)?.status === 'Running') ?? '';
    const stuck = firstDeploy.filter((n) => n !== running);
    const pv = objects<PersistentVolumeClaim & KObject>(result, 'PersistentVolumeClaim').find((c) => c.metadata.name === 'shared-data')?.spec?.volumeName;
    for (const name of stuck) {
      expect(eventLines(result, `pod/${name}`)).toContain(`FailedAttachVolume Multi-Attach error for volume "${pv}" Volume is already used by pod(s) ${running}`);
    }
    expect(outputOf(result, 'kubectl get deploy,sts')).toMatch(/deployment\.apps\/web-deploy\s+1\/3\s/);
    expect(outputOf(result, 'kubectl get deploy,sts')).toMatch(/statefulset\.apps\/web\s+3\/3\s/);
    const claims = tableRows(outputOf(result, 'kubectl get pvc', 0)).slice(1).map((r) => `${r[0]} ${r[1]}`);
    expect(claims).toEqual(['shared-data Bound', 'www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound']);
  });

  it('replaces deleted Deployment pods under new random names, StatefulSet pods under the same names and claims', () => {
    const again = podChanges(result, 'ADDED', deletedAll, scaled);
    const newDeploy = again.filter((n) => n.startsWith('web-deploy-'));
    expect(newDeploy).toHaveLength(3);
    for (const name of newDeploy) {
      expect(name).toMatch(DEPLOY_POD);
      expect(firstDeploy).not.toContain(name);
    }
    expect(again.filter((n) => !n.startsWith('web-deploy-'))).toEqual(['web-0', 'web-1', 'web-2']);
    expect(claimOf(pod(result, 'web-0'))).toBe('www-web-0');
  });

  it('scaling down: the Deployment deletes its two stuck pods at once, the StatefulSet web-2 before web-1; the claims stay', () => {
    const gone = result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'DELETED' && c.at >= scaled);
    const deployGone = gone.filter((c) => c.object.metadata.name.startsWith('web-deploy-'));
    expect(deployGone).toHaveLength(2);
    const stsGone = gone.filter((c) => !c.object.metadata.name.startsWith('web-deploy-')).map((c) => c.object.metadata.name);
    expect(stsGone).toEqual(['web-2', 'web-1']);
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 2));
    expect([...rows.keys()].filter((n) => !n.startsWith('web-deploy-'))).toEqual(['web-0']);
    const kept = [...rows].filter(([n]) => n.startsWith('web-deploy-'));
    expect(kept).toHaveLength(1);
    expect(kept[0]?.[1].status).toBe('Running');
    const claims = tableRows(outputOf(result, 'kubectl get pvc', 1)).slice(1).map((r) => `${r[0]} ${r[1]}`);
    expect(claims).toEqual(['shared-data Bound', 'www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound']);
  });
});

describe('gallery: remote vs local storage on drain', () => {
  const result = runScenarioText(remoteVsLocal);
  const before = wideRows(outputOf(result, 'kubectl get pods -o wide', 0));
  const after = wideRows(outputOf(result, 'kubectl get pods -o wide', 1));

  it('puts remote-1 and local-0 on node-2 before the drain', () => {
    expect(before.get('remote-1')?.node).toBe('node-2');
    expect(before.get('local-0')?.node).toBe('node-2');
  });

  it('drains node-2, evicting both', () => {
    expect(outputOf(result, 'kubectl drain node-2 --ignore-daemonsets')).toBe(
      ['node/node-2 cordoned', 'evicting pod default/local-0', 'evicting pod default/remote-1', 'pod/local-0 evicted', 'pod/remote-1 evicted', 'node/node-2 drained'].join('\n'),
    );
  });

  it('the pod on a network volume moves to another node with its data', () => {
    expect(after.get('remote-1')?.status).toBe('Running');
    expect(['node-1', 'node-3']).toContain(after.get('remote-1')?.node);
    expect(outputOf(result, 'kubectl exec remote-1 -- curl -s http://localhost/')).toBe('remote-1-data');
  });

  it('the pod on a local volume stays Pending with the scheduler reason', () => {
    expect(after.get('local-0')).toEqual({ ready: '0/1', status: 'Pending', node: '<none>' });
    expect(eventLines(result, 'pod/local-0')).toContain(
      'FailedScheduling 0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(claimOf(pod(result, 'local-0'))).toBe('www-local-0');
    expect(pod(result, 'local-0')?.spec?.nodeName).toBeUndefined();
  });
});

describe('gallery: node failure under a StatefulSet and a Deployment', () => {
  const result = runScenarioText(nodeFailure);
  const down = stepAt(result, 'sim node-down node-2');
  const forced = stepAt(result, 'kubectl delete pod web-1 --grace-period=0 --force');
  const before = wideRows(outputOf(result, 'kubectl get pods -o wide', 0));
  const deployOnNode2 = [...before].find(([name, row]) => name.startsWith('web-deploy-') && row.node === 'node-2')?.[0] ?? '';
  const oldUid = result.state.changes.find((c) => c.kind === 'Pod' && c.type === 'ADDED' && c.object.metadata.name === 'web-1')?.object.metadata.uid;

  it('starts with web-1 and one Deployment pod on node-2', () => {
    expect(before.get('web-1')?.node).toBe('node-2');
    expect(deployOnNode2).toMatch(DEPLOY_POD);
  });

  it('after 50 s node-2 is NotReady and both its pods are 0/1 Running', () => {
    expect(tableRows(outputOf(result, 'kubectl get nodes')).find((r) => r[0] === 'node-2')?.[1]).toBe('NotReady');
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 1));
    expect(rows.get('web-1')).toEqual({ ready: '0/1', status: 'Running', node: 'node-2' });
    expect(rows.get(deployOnNode2)).toEqual({ ready: '0/1', status: 'Running', node: 'node-2' });
  });

  it('after the eviction both are stuck Terminating; only the Deployment gets a replacement, with a new name', () => {
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 2));
    expect(rows.get('web-1')).toEqual({ ready: '0/1', status: 'Terminating', node: 'node-2' });
    expect(rows.get(deployOnNode2)).toEqual({ ready: '0/1', status: 'Terminating', node: 'node-2' });
    const replacements = podChanges(result, 'ADDED', down, forced);
    expect(replacements).toHaveLength(1);
    expect(replacements[0]).toMatch(DEPLOY_POD);
    expect(tableRows(outputOf(result, 'kubectl get sts web', 0))[1]?.[1]).toBe('2/3');
    expect(tableRows(outputOf(result, 'kubectl get deploy web-deploy', 0))[1]?.[1]).toBe('3/3');
    expect(wideRows(outputOf(result, 'kubectl get pods -o wide', 3)).get('web-1')?.status).toBe('Terminating');
  });

  it('the force delete brings web-1 back at once on a healthy node, same name and claim, with its data', () => {
    expect(outputOf(result, 'kubectl delete pod web-1 --grace-period=0 --force')).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "web-1" force deleted from default namespace',
    );
    expect(podChanges(result, 'ADDED', forced, forced + 1)).toEqual(['web-1']);
    expect(pod(result, 'web-1')?.metadata.uid).not.toBe(oldUid);
    expect(claimOf(pod(result, 'web-1'))).toBe('www-web-1');
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 4));
    expect(rows.get('web-1')?.status).toBe('Running');
    expect(['node-1', 'node-3']).toContain(rows.get('web-1')?.node);
    expect(tableRows(outputOf(result, 'kubectl get sts web', 1))[1]?.[1]).toBe('3/3');
    expect(outputOf(result, 'kubectl exec web-1 -- curl -s http://localhost/')).toBe('web-1-data');
  });

  it('ends with node-2 still down and the old Deployment pod still Terminating on it', () => {
    expect(wideRows(outputOf(result, 'kubectl get pods -o wide', 4)).get(deployOnNode2)).toEqual({ ready: '0/1', status: 'Terminating', node: 'node-2' });
    expect(result.state.runtime.nodes['node-2']?.kubeletUp).toBe(false);
  });
});

describe('gallery: rolling update with a partition, then a stuck rollout', () => {
  const result = runScenarioText(rollingUpdate);
  const revs = (nth: number): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const cells of tableRows(outputOf(result, 'kubectl get pods --show-labels', nth)).slice(1)) {
      out[cells[0] ?? ''] = /controller-revision-hash=([^,]+)/.exec(cells[5] ?? '')?.[1] ?? '';
    }
    return out;
  };
  const revRows = tableRows(outputOf(result, 'kubectl get controllerrevisions')).slice(1);
  const rev1 = revRows.find((r) => r[2] === '1')?.[0] ?? '';
  const rev2 = revRows.find((r) => r[2] === '2')?.[0] ?? '';
  const canary = stepAt(result, 'kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24');
  const patch = stepAt(result, `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'`);
  const broken = stepAt(result, 'kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:does-not-exist');

  it('the canary: partition 3 updates only web-3', () => {
    expect(rev1).toMatch(/^web-[0-9a-f]+$/);
    expect(rev2).toMatch(/^web-[0-9a-f]+$/);
    expect(podChanges(result, 'DELETED', canary, patch)).toEqual(['web-3']);
    expect(outputOf(result, 'kubectl rollout status sts/web', 0)).toBe('partitioned roll out complete: 1 new pods have been updated...');
    expect(revs(0)).toEqual({ 'web-0': rev1, 'web-1': rev1, 'web-2': rev1, 'web-3': rev2 });
  });

  it('partition 0 rolls web-2, web-1, web-0 in that order', () => {
    expect(podChanges(result, 'DELETED', patch, broken)).toEqual(['web-2', 'web-1', 'web-0']);
    expect(outputOf(result, 'kubectl rollout status sts/web', 1).split('\n').at(-1)).toBe('partitioned roll out complete: 4 new pods have been updated...');
    expect(revs(1)).toEqual({ 'web-0': rev2, 'web-1': rev2, 'web-2': rev2, 'web-3': rev2 });
  });

  it('a broken image stops the rollout at web-3 (ImagePullBackOff); no other pod is touched', () => {
    expect(outputOf(result, 'kubectl rollout status sts/web --timeout=60s').split('\n').at(-1)).toBe('error: timed out waiting for the condition');
    expect(podChanges(result, 'DELETED', broken)).toEqual(['web-3']);
    const rows = tableRows(outputOf(result, 'kubectl get pods')).slice(1).map((r) => r.slice(0, 3).join(' '));
    expect(rows).toEqual(['web-0 1/1 Running', 'web-1 1/1 Running', 'web-2 1/1 Running', 'web-3 0/1 ImagePullBackOff']);
    expect(tableRows(outputOf(result, 'kubectl get sts web -o wide'))[1]).toEqual(['web', '3/4', expect.any(String), 'nginx', 'registry.k8s.io/nginx-slim:does-not-exist']);
    expect(addedOrder(result).filter((n) => n === 'web-3')).toHaveLength(3);
  });
});
