import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import type { RunResult } from '../runScenario';
import { eventLines, objects, outputOf, pod, runScenarioText, tableRows } from '../../testing/scenarioHarness';
import nodeDown from './story-node-down-sts-vs-deploy.yaml?raw';
import partition from './story-partition-rollout.yaml?raw';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function stepAt(result: RunResult, command: string): number {
  const step = result.steps.find((s) => s.command === command);
  if (!step) throw new Error(`no step ${command}`);
  return step.at;
}

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

/** The READY column of the first row of a `kubectl get sts|deploy` output. */
function readyColumn(output: string): string | undefined {
  return tableRows(output)[1]?.[1];
}

/** `name → controller-revision-hash` of a `kubectl get pods --show-labels` output. */
function revisions(output: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const cells of tableRows(output).slice(1)) {
    out[cells[0] ?? ''] = /controller-revision-hash=([^,]+)/.exec(cells[5] ?? '')?.[1] ?? '';
  }
  return out;
}

describe('Story: node-2 goes down under a StatefulSet and a Deployment in one cluster', () => {
  const result = runScenarioText(nodeDown);
  const t0 = stepAt(result, 'sim node-down node-2');
  const forced = stepAt(result, 'kubectl delete pod web-1 --grace-period=0 --force');
  const up = stepAt(result, 'sim node-up node-2');
  const before = wideRows(outputOf(result, 'kubectl get pods -o wide', 0));
  const deployOnNode2 = [...before].find(([name, row]) => name.startsWith('web-deploy-') && row.node === 'node-2')?.[0] ?? '';
  const oldWeb1 = result.state.changes.find((c) => c.kind === 'Pod' && c.type === 'ADDED' && c.object.metadata.name === 'web-1')?.object as PodObject;
  const claimBefore = objects<PersistentVolumeClaim & KObject>(result, 'PersistentVolumeClaim').find((c) => c.metadata.name === 'www-web-1');
  const added = (from: number, to: number): string[] =>
    result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'ADDED' && c.at >= from && c.at < to).map((c) => c.object.metadata.name);

  it('puts web-1 and one Deployment pod on node-2', () => {
    expect(before.get('web-1')?.node).toBe('node-2');
    expect(deployOnNode2).toMatch(/^web-deploy-/);
  });

  it('after ≈50 s both pods on node-2 are 0/1 Running and both workloads 2/3', () => {
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 1));
    expect(rows.get('web-1')).toEqual({ ready: '0/1', status: 'Running', node: 'node-2' });
    expect(rows.get(deployOnNode2)).toEqual({ ready: '0/1', status: 'Running', node: 'node-2' });
    expect(readyColumn(outputOf(result, 'kubectl get sts web', 0))).toBe('2/3');
    expect(readyColumn(outputOf(result, 'kubectl get deploy web-deploy', 0))).toBe('2/3');
  });

  it('after the 300 s toleration both are Terminating; only the Deployment gets a replacement (3/3), the StatefulSet stays 2/3', () => {
    const rows = wideRows(outputOf(result, 'kubectl get pods -o wide', 2));
    expect(rows.get('web-1')).toEqual({ ready: '0/1', status: 'Terminating', node: 'node-2' });
    expect(rows.get(deployOnNode2)).toEqual({ ready: '0/1', status: 'Terminating', node: 'node-2' });
    const replacements = added(t0, forced);
    expect(replacements).toHaveLength(1);
    expect(replacements[0]).toMatch(/^web-deploy-/);
    expect(rows.get(replacements[0] ?? '')?.status).toBe('Running');
    expect(['node-1', 'node-3']).toContain(rows.get(replacements[0] ?? '')?.node);
    expect(readyColumn(outputOf(result, 'kubectl get deploy web-deploy', 1))).toBe('3/3');
    expect(readyColumn(outputOf(result, 'kubectl get sts web', 1))).toBe('2/3');
  });

  it('ten minutes later web-1 is still stuck Terminating on node-2 with its old uid and no second web-1', () => {
    expect(wideRows(outputOf(result, 'kubectl get pods -o wide', 3)).get('web-1')).toEqual({ ready: '0/1', status: 'Terminating', node: 'node-2' });
    expect(readyColumn(outputOf(result, 'kubectl get sts web', 2))).toBe('2/3');
    expect(result.state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.name === 'web-1' && c.at < forced).every((c) => c.object.metadata.uid === oldWeb1.metadata.uid)).toBe(true);
  });

  it('the force delete recreates web-1 at once with the same name and claim on a healthy node', () => {
    expect(outputOf(result, 'kubectl delete pod web-1 --grace-period=0 --force')).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "web-1" force deleted from default namespace',
    );
    expect(added(forced, forced + 1)).toEqual(['web-1']);
    const row = wideRows(outputOf(result, 'kubectl get pods -o wide', 4)).get('web-1');
    expect(row?.status).toBe('ContainerCreating');
    expect(['node-1', 'node-3']).toContain(row?.node);
    const web1 = pod(result, 'web-1');
    expect(web1?.metadata.uid).not.toBe(oldWeb1.metadata.uid);
    expect(web1?.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName).toBe('www-web-1');
    const claimAfter = objects<PersistentVolumeClaim & KObject>(result, 'PersistentVolumeClaim').find((c) => c.metadata.name === 'www-web-1');
    expect(claimAfter?.metadata.uid).toBe(claimBefore?.metadata.uid);
    expect(result.state.changes.filter((c) => c.kind === 'PersistentVolumeClaim' && c.type === 'DELETED')).toEqual([]);
  });

  it('attaches the claim without the 6-minute wait (the deletion was requested > 6 min before) and serves the old data', () => {
    // R9.12: the force detach counts from the deletion request (taint eviction at ≈T0+350 s), which is long past.
    expect(eventLines(result, 'pod/web-1').filter((l) => l.startsWith('FailedAttachVolume'))).toEqual([]);
    const started = result.state.events.find((e) => e.reason === 'Started' && e.involved.name === 'web-1' && e.firstAt >= forced);
    expect((started?.firstAt ?? Infinity) - forced).toBeLessThanOrEqual(10 * SECOND);
    expect(forced - t0).toBeGreaterThan(350 * SECOND + 6 * MINUTE);
    expect(wideRows(outputOf(result, 'kubectl get pods -o wide', 5)).get('web-1')?.status).toBe('Running');
    expect(outputOf(result, 'kubectl exec web-1 -- curl -s http://localhost/')).toBe('web-1-data');
    expect(readyColumn(outputOf(result, 'kubectl get sts web', 3))).toBe('3/3');
  });

  it('the Deployment pod stays Terminating until node-up, then both old pods are gone and nothing new starts', () => {
    expect(wideRows(outputOf(result, 'kubectl get pods -o wide', 6)).get(deployOnNode2)?.status).toBe('Terminating');
    const gone = result.state.changes.find((c) => c.kind === 'Pod' && c.type === 'DELETED' && c.object.metadata.name === deployOnNode2);
    expect(gone?.at).toBeGreaterThanOrEqual(up);
    const after = wideRows(outputOf(result, 'kubectl get pods -o wide', 7));
    expect([...after.keys()].filter((n) => n.startsWith('web-') && !n.startsWith('web-deploy-'))).toEqual(['web-0', 'web-1', 'web-2']);
    expect(after.has(deployOnNode2)).toBe(false);
    expect([...after.values()].every((r) => r.status === 'Running' && r.ready === '1/1')).toBe(true);
    expect(after.size).toBe(6);
    expect(added(up, Infinity)).toEqual([]);
    expect(readyColumn(outputOf(result, 'kubectl get deploy web-deploy', 2))).toBe('3/3');
  });
});

describe('Story: a rollout with a partition of 2 on 4 replicas', () => {
  const result = runScenarioText(partition);
  const oldRev = tableRows(outputOf(result, 'kubectl get controllerrevisions', 0))[1]?.[0] ?? '';
  const revRows = tableRows(outputOf(result, 'kubectl get controllerrevisions', 1)).slice(1);
  const newRev = revRows.find((r) => r[2] === '2')?.[0] ?? '';
  const setImage = stepAt(result, 'kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24');
  const lastPatch = stepAt(result, `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'`);
  const deletedBetween = (from: number, to: number): string[] =>
    result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'DELETED' && c.at >= from && c.at < to).map((c) => c.object.metadata.name);
  const deleteWeb0 = stepAt(result, 'kubectl delete pod web-0');

  it('updates only web-3 then web-2; web-0 and web-1 keep the old revision', () => {
    expect(oldRev).toMatch(/^web-[0-9a-z]+$/);
    expect(newRev).toMatch(/^web-[0-9a-z]+$/);
    expect(newRev).not.toBe(oldRev);
    expect(deletedBetween(setImage, deleteWeb0)).toEqual(['web-3', 'web-2']);
    expect(revisions(outputOf(result, 'kubectl get pods --show-labels', 0))).toEqual({ 'web-0': oldRev, 'web-1': oldRev, 'web-2': newRev, 'web-3': newRev });
    expect(outputOf(result, 'kubectl rollout status sts/web', 0)).toBe('partitioned roll out complete: 2 new pods have been updated...');
    const yaml = outputOf(result, 'kubectl get sts web -o yaml', 0);
    expect(yaml).toContain(`currentRevision: ${oldRev}`);
    expect(yaml).toContain(`updateRevision: ${newRev}`);
    expect(yaml).toMatch(/currentReplicas: 2\n/);
    expect(yaml).toMatch(/updatedReplicas: 2\n/);
  });

  it('recreates a deleted pod below the partition at the old revision', () => {
    expect(revisions(outputOf(result, 'kubectl get pods --show-labels', 1))['web-0']).toBe(oldRev);
  });

  it('partition 0 finishes the rollout: web-1 then web-0, all pods and the set on the new revision', () => {
    expect(deletedBetween(lastPatch, Infinity)).toEqual(['web-1', 'web-0']);
    expect(outputOf(result, 'kubectl rollout status sts/web', 1).split('\n').at(-1)).toBe('partitioned roll out complete: 4 new pods have been updated...');
    expect(revisions(outputOf(result, 'kubectl get pods --show-labels', 2))).toEqual({ 'web-0': newRev, 'web-1': newRev, 'web-2': newRev, 'web-3': newRev });
    const yaml = outputOf(result, 'kubectl get sts web -o yaml', 1);
    expect(yaml).toContain(`currentRevision: ${newRev}`);
    expect(yaml).toMatch(/updatedReplicas: 4\n/);
    expect(yaml).toMatch(/currentReplicas: 4\n/);
  });
});
