import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import type { RunResult } from '../runScenario';
import { getObject } from '../../engine/store';
import type { PodObject } from '../../model/pod';
import { eventLines, eventsOf, outputOf, pod, runScenarioText, tableRows } from '../../testing/scenarioHarness';
import s31 from './s31-node-unreachable.yaml?raw';
import s31Early from './s31-node-back-early.yaml?raw';
import s31Force from './s31-force-delete.yaml?raw';
import s31Remove from './s31-remove-node.yaml?raw';
import s31Oos from './s31-out-of-service.yaml?raw';

const SECOND = 1000;

/** Simulated time of the first step running `command`. */
function stepAt(result: RunResult, command: string, nth = 0): number {
  const step = result.steps.filter((s) => s.command === command)[nth];
  if (!step) throw new Error(`no step ${command}`);
  return step.at;
}

/** `name status` of one node in a `kubectl get nodes` output. */
function nodeStatus(output: string, node: string): string | undefined {
  return tableRows(output).find((row) => row[0] === node)?.[1];
}

/** `ready status` of one pod in a `kubectl get pods` output. */
function podRow(output: string, name: string): string | undefined {
  const row = tableRows(output).find((r) => r[0] === name);
  return row && `${row[1]} ${row[2]}`;
}

function firstEventAt(result: RunResult, object: string, reason: string, message: string): number | undefined {
  return eventsOf(result, object).find((e) => e.reason === reason && e.message === message)?.firstAt;
}

/** Pod names added to the store, with the node each was first bound to, between two instants. */
function podsAddedBetween(result: RunResult, from: number, to: number): string[] {
  return result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'ADDED' && c.at > from && c.at < to).map((c) => c.object.metadata.name);
}

describe('S31 node becomes unreachable: NotReady, eviction, stuck Terminating, no replacement', () => {
  const result = runScenarioText(s31);
  const t0 = stepAt(result, 'sim node-down node-2');
  const up = stepAt(result, 'sim node-up node-2');
  const oldUid = result.state.changes.find((c) => c.kind === 'Pod' && c.type === 'ADDED' && c.object.metadata.name === 'web-1')?.object.metadata.uid;

  it('shows no change for the first 45 s', () => {
    expect(nodeStatus(outputOf(result, 'kubectl get nodes', 0), 'node-2')).toBe('Ready');
    expect(podRow(outputOf(result, 'kubectl get pods', 0), 'web-1')).toBe('1/1 Running');
    expect(nodeStatus(outputOf(result, 'kubectl get nodes', 1), 'node-2')).toBe('Ready');
  });

  it('marks node-2 NotReady ≈50 s after it went silent, with Unknown conditions and the unreachable taints', () => {
    const notReadyAt = firstEventAt(result, 'node/node-2', 'NodeNotReady', 'Node node-2 status is now: NodeNotReady');
    expect(notReadyAt).toBeDefined();
    expect(Math.abs((notReadyAt as number) - t0 - 50 * SECOND)).toBeLessThanOrEqual(5 * SECOND);
    expect(nodeStatus(outputOf(result, 'kubectl get nodes', 2), 'node-2')).toBe('NotReady');
    const describe = outputOf(result, 'kubectl describe node node-2', 0);
    expect(describe).toMatch(/Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute\n\s+node\.kubernetes\.io\/unreachable:NoSchedule\n/);
    expect(describe).toMatch(/Ready\s+Unknown\s.*NodeStatusUnknown\s+Kubelet stopped posting node status\./);
    expect(describe).toMatch(/Normal\s+NodeNotReady\s+\S+\s+node-controller\s+Node node-2 status is now: NodeNotReady/);
  });

  it('turns web-1 0/1 Running with a NodeNotReady warning, the set 2/3, and drops web-1 from DNS', () => {
    expect(podRow(outputOf(result, 'kubectl get pods', 1), 'web-1')).toBe('0/1 Running');
    expect(eventsOf(result, 'pod/web-1').find((e) => e.reason === 'NodeNotReady')).toMatchObject({ type: 'Warning', message: 'Node is not ready', source: 'node-controller' });
    expect(outputOf(result, 'kubectl get sts web', 0)).toMatch(/web\s+2\/3/);
    const ips = outputOf(result, 'sim dns nginx.default.svc.cluster.local A').split('\n');
    expect(ips).toHaveLength(2);
    expect(ips).not.toContain('10.244.2.2');
    expect(outputOf(result, 'sim dns web-1.nginx A')).toBe('NXDOMAIN');
  });

  it('evicts web-1 ≈350 s after node-down: TaintManagerEviction, Terminating, DisruptionTarget', () => {
    const evictedAt = firstEventAt(result, 'pod/web-1', 'TaintManagerEviction', 'Marking for deletion Pod default/web-1');
    expect(Math.abs((evictedAt as number) - t0 - 350 * SECOND)).toBeLessThanOrEqual(5 * SECOND);
    expect(eventsOf(result, 'pod/web-1').find((e) => e.reason === 'TaintManagerEviction')?.source).toBe('taint-eviction-controller');
    expect(podRow(outputOf(result, 'kubectl get pods', 2), 'web-1')).toBe('0/1 Running');
    expect(podRow(outputOf(result, 'kubectl get pods', 3), 'web-1')).toBe('0/1 Terminating');
    const yaml = outputOf(result, 'kubectl get pod web-1 -o yaml', 0);
    expect(yaml).toMatch(/message: 'Taint manager: deleting due to NoExecute taint'\n\s+reason: DeletionByTaintManager\n\s+status: "True"\n\s+type: DisruptionTarget/);
    expect(yaml).toMatch(/phase: Running/);
  });

  it('never removes web-1, creates a second one, schedules anything on node-2 or creates web-3 before node-up', () => {
    const changes = result.state.changes.filter((c) => c.kind === 'Pod' && c.at > t0 && c.at < up);
    expect(changes.filter((c) => c.type === 'DELETED')).toEqual([]);
    expect(podsAddedBetween(result, t0, up)).toEqual([]);
    expect(changes.filter((c) => c.object.metadata.uid !== oldUid && (c.object as PodObject).spec?.nodeName === 'node-2')).toEqual([]);
    expect(podRow(outputOf(result, 'kubectl get pods -o wide', 1), 'web-1')).toBe('0/1 Terminating');
    expect(outputOf(result, 'kubectl get pods -o wide', 1)).not.toMatch(/web-3/);
    expect(outputOf(result, 'kubectl get sts web', 1)).toMatch(/web\s+2\/4/);
  });

  it('after node-up finishes the old web-1, recreates it Ready with the same claim and data, then creates web-3', () => {
    expect(nodeStatus(outputOf(result, 'kubectl get nodes', 3), 'node-2')).toBe('Ready');
    expect(outputOf(result, 'kubectl describe node node-2', 1)).toMatch(/Taints:\s+<none>/);
    expect(eventLines(result, 'node/node-2')).toContain('NodeReady Node node-2 status is now: NodeReady');
    expect(eventLines(result, 'pod/web-1').filter((l) => l.startsWith('Killing'))).toHaveLength(1);
    const web1 = pod(result, 'web-1');
    expect(web1?.metadata.uid).not.toBe(oldUid);
    expect(web1?.spec?.volumes?.find((v) => v.name === 'www')?.persistentVolumeClaim?.claimName).toBe('www-web-1');
    expect(podRow(outputOf(result, 'kubectl get pods -o wide', 2), 'web-1')).toBe('1/1 Running');
    expect(outputOf(result, 'kubectl exec web-1 -- curl -s http://localhost/')).toBe('web-1-data');
    const added = podsAddedBetween(result, up - 1, Infinity);
    expect(added).toEqual(['web-1', 'web-3']);
    expect(outputOf(result, 'kubectl get sts web', 2)).toMatch(/web\s+4\/4/);
  });
});

describe('S31 variant: node-2 returns before the toleration runs out', () => {
  const result = runScenarioText(s31Early);
  const up = stepAt(result, 'sim node-up node-2');
  const uid = pod(result, 'web-1')?.metadata.uid;

  it('cancels the eviction on the next monitor tick and web-1 becomes Ready again, same uid, no restart', () => {
    expect(podRow(outputOf(result, 'kubectl get pods', 0), 'web-1')).toBe('0/1 Running');
    const cancelledAt = firstEventAt(result, 'pod/web-1', 'TaintManagerEviction', 'Cancelling deletion of Pod default/web-1');
    expect(cancelledAt).toBeDefined();
    expect((cancelledAt as number) - up).toBeLessThanOrEqual(5 * SECOND);
    expect(eventLines(result, 'pod/web-1')).not.toContain('TaintManagerEviction Marking for deletion Pod default/web-1');
    expect(result.state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.name === 'web-1' && c.type === 'ADDED')).toHaveLength(1);
    expect(pod(result, 'web-1')?.metadata.uid).toBe(uid);
    expect(outputOf(result, 'kubectl get pods', 2)).toMatch(/web-1\s+1\/1\s+Running\s+0\s/);
    expect(outputOf(result, 'kubectl get sts web')).toMatch(/web\s+3\/3/);
    expect(outputOf(result, 'kubectl describe node node-2')).toMatch(/Taints:\s+<none>/);
    expect(outputOf(result, 'kubectl get pods', 3)).toMatch(/web-1\s+1\/1\s+Running\s+0\s/);
  });
});

describe('S31/R12.11 force-deleting the pod stuck on the dead node', () => {
  const result = runScenarioText(s31Force);
  const forcedAt = stepAt(result, 'kubectl delete pod web-1 --grace-period=0 --force');

  it('prints the force-delete warning and creates the new web-1 at once on a healthy node', () => {
    expect(outputOf(result, 'kubectl delete pod web-1 --grace-period=0 --force')).toMatch(
      /^Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated\. The resource may continue to run on the cluster indefinitely\.\npod "web-1" force deleted/,
    );
    const row = tableRows(outputOf(result, 'kubectl get pods -o wide', 1)).find((r) => r[0] === 'web-1');
    expect(row?.slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
    expect(row?.[6]).not.toBe('node-2');
    // The pending taint eviction of the old pod is cancelled when the object goes.
    expect(eventLines(result, 'pod/web-1')).toContain('TaintManagerEviction Cancelling deletion of Pod default/web-1');
  });

  it('keeps the new web-1 in ContainerCreating with the multi-attach error until the 6-minute force detach', () => {
    expect(podRow(outputOf(result, 'kubectl get pods -o wide', 2), 'web-1')).toBe('0/1 ContainerCreating');
    expect(outputOf(result, 'kubectl describe pod web-1')).toMatch(
      /Warning\s+FailedAttachVolume\s+\S+\s+attachdetach-controller\s+Multi-Attach error for volume "pvc-[0-9a-f-]+" Volume is already exclusively attached to one node and can't be attached to another/,
    );
    const started = result.state.events.find((e) => e.reason === 'Started' && e.involved.name === 'web-1' && e.firstAt > forcedAt);
    expect(started).toBeDefined();
    expect((started?.firstAt ?? 0) - forcedAt).toBeGreaterThanOrEqual(6 * 60 * SECOND);
    expect((started?.firstAt ?? 0) - forcedAt).toBeLessThanOrEqual(6 * 60 * SECOND + 5 * SECOND);
    expect(podRow(outputOf(result, 'kubectl get pods -o wide', 3), 'web-1')).toBe('1/1 Running');
    expect(outputOf(result, 'kubectl exec web-1 -- curl -s http://localhost/')).toBe('web-1-data');
  });
});

describe('R12.8 deleting the Node object of a dead node', () => {
  const result = runScenarioText(s31Remove);
  const removedAt = stepAt(result, 'sim remove-node node-2');

  it('lets PodGC force-delete web-1 after the 40 s quarantine (Failed, DeletionByPodGC), then the set recreates it', () => {
    expect(podRow(outputOf(result, 'kubectl get pods -o wide', 1), 'web-1')).toBe('0/1 Running');
    const deleted = result.state.changes.find((c) => c.kind === 'Pod' && c.type === 'DELETED' && c.object.metadata.name === 'web-1');
    expect(deleted && deleted.at - removedAt).toBe(40 * SECOND);
    const last = deleted?.object as PodObject;
    expect(last.status?.phase).toBe('Failed');
    expect(last.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    const row = tableRows(outputOf(result, 'kubectl get pods -o wide', 2)).find((r) => r[0] === 'web-1');
    expect(row?.slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
    expect(podRow(outputOf(result, 'kubectl get pods -o wide', 3), 'web-1')).toBe('1/1 Running');
    expect(outputOf(result, 'kubectl get nodes')).not.toMatch(/node-2/);
  });
});

describe('R12.10 out-of-service taint on the dead node', () => {
  const result = runScenarioText(s31Oos);
  const taintedAt = stepAt(result, 'kubectl taint nodes node-2 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute');

  it('evicts web-1 at once, PodGC force-deletes it, and the new web-1 runs elsewhere with its data within seconds', () => {
    expect(eventLines(result, 'pod/web-1').filter((l) => l.startsWith('TaintManagerEviction'))).toEqual([
      'TaintManagerEviction Cancelling deletion of Pod default/web-1',
      'TaintManagerEviction Marking for deletion Pod default/web-1',
    ]);
    const deleted = result.state.changes.find((c) => c.kind === 'Pod' && c.type === 'DELETED' && c.object.metadata.name === 'web-1');
    expect(deleted?.at).toBe(taintedAt);
    expect((deleted?.object as PodObject).status?.phase).toBe('Failed');
    const row = tableRows(outputOf(result, 'kubectl get pods -o wide', 2)).find((r) => r[0] === 'web-1');
    expect(row?.slice(1, 3)).toEqual(['1/1', 'Running']);
    expect(row?.[6]).not.toBe('node-2');
    expect(outputOf(result, 'kubectl exec web-1 -- curl -s http://localhost/')).toBe('web-1-data');
  });

  it('leaves the node Ready and untainted once the kubelet is back and the taint removed', () => {
    expect(nodeStatus(outputOf(result, 'kubectl get nodes'), 'node-2')).toBe('Ready');
    const node = getObject<Node>(result.state, 'Node', undefined, 'node-2');
    expect(node?.spec?.taints).toBeUndefined();
    expect(tableRows(outputOf(result, 'kubectl get pods -o wide', 3)).filter((r) => r[0]?.startsWith('web-')).map((r) => r[2])).toEqual(['Running', 'Running', 'Running']);
  });
});
