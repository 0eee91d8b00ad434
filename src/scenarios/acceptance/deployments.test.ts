import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { NAME_ALPHABET } from '../../engine/random';
import type { KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { eventLines, objects, outputOf, runScenarioText, tableRows } from '../../testing/scenarioHarness';
import s35 from './s35-deployment-shared-claim.yaml?raw';

describe('S35 Deployment/ReplicaSet naming, scale-down choice, shared RWO claim', () => {
  const result = runScenarioText(s35);
  const rsName = objects(result, 'ReplicaSet').map((rs) => rs.metadata.name)[0] ?? '';
  const hash = rsName.slice('web-deploy-'.length);
  const added = result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'ADDED');
  const firstThree = added.slice(0, 3).map((c) => c.object as PodObject);
  const firstPod = firstThree[0]?.metadata.name ?? '';
  const pvName = objects<PersistentVolumeClaim & KObject>(result, 'PersistentVolumeClaim')[0]?.spec?.volumeName ?? '';
  /** `NAME STATUS NODE` rows of the wide pod listing taken while two replicas were stuck. */
  const stuckListing = tableRows(outputOf(result, 'kubectl get pods -o wide'))
    .slice(1)
    .map((cells) => ({ name: cells[0] ?? '', ready: cells[1], status: cells[2], node: cells[6] }));
  const running = stuckListing.find((row) => row.status === 'Running');

  it('names one ReplicaSet web-deploy-<hash> and its pods web-deploy-<hash>-<rand5>, created in the same instant', () => {
    expect(objects(result, 'ReplicaSet')).toHaveLength(1);
    expect(hash).toMatch(new RegExp(`^[${NAME_ALPHABET}]{8,10}$`));
    const rs = objects<KObject & { spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } } }>(
      result,
      'ReplicaSet',
    )[0];
    expect(rs?.metadata.labels?.['pod-template-hash']).toBe(hash);
    expect(rs?.spec.selector.matchLabels['pod-template-hash']).toBe(hash);
    expect(rs?.spec.template.metadata.labels['pod-template-hash']).toBe(hash);
    expect(firstThree).toHaveLength(3);
    for (const pod of firstThree) {
      expect(pod.metadata.name).toMatch(new RegExp(`^web-deploy-${hash}-[${NAME_ALPHABET}]{5}$`));
      expect(pod.metadata.labels?.['pod-template-hash']).toBe(hash);
    }
    expect(new Set(firstThree.map((p) => p.metadata.creationTimestamp)).size).toBe(1);
    expect(new Set(added.slice(0, 3).map((c) => c.at)).size).toBe(1);
  });

  it('records the scale-up on the Deployment and one SuccessfulCreate per pod on the ReplicaSet', () => {
    expect(eventLines(result, 'deployment/web-deploy')[0]).toBe(`ScalingReplicaSet Scaled up replica set ${rsName} from 0 to 3`);
    expect(eventLines(result, `replicaset/${rsName}`).slice(0, 3)).toEqual(firstThree.map((p) => `SuccessfulCreate Created pod: ${p.metadata.name}`));
    const sources = result.state.events.filter((e) => e.reason === 'ScalingReplicaSet' || e.involved.kind === 'ReplicaSet').map((e) => `${e.involved.kind} ${e.source}`);
    expect(new Set(sources)).toEqual(new Set(['Deployment deployment-controller', 'ReplicaSet replicaset-controller']));
  });

  it('spreads the pods over three nodes; only the first pod runs, the others wait on the multi-attach error', () => {
    expect(new Set(stuckListing.map((row) => row.node))).toEqual(new Set(['node-1', 'node-2', 'node-3']));
    expect(running?.name).toBe(firstPod);
    const stuck = stuckListing.filter((row) => row.name !== firstPod);
    expect(stuck.map((row) => `${row.ready} ${row.status}`)).toEqual(['0/1 ContainerCreating', '0/1 ContainerCreating']);
    for (const row of stuck) {
      expect(eventLines(result, `pod/${row.name}`)).toContain(
        `FailedAttachVolume Multi-Attach error for volume "${pvName}" Volume is already used by pod(s) ${firstPod}`,
      );
    }
    expect(tableRows(outputOf(result, 'kubectl get deploy web-deploy'))[1]?.slice(0, 4)).toEqual(['web-deploy', '1/3', '3', '1']);
  });

  it('scaling to 1 deletes the two stuck pods and keeps the running one', () => {
    expect(outputOf(result, 'kubectl scale deploy web-deploy --replicas=1')).toBe('deployment.apps/web-deploy scaled');
    expect(eventLines(result, 'deployment/web-deploy')[1]).toBe(`ScalingReplicaSet Scaled down replica set ${rsName} from 3 to 1`);
    const deleted = eventLines(result, `replicaset/${rsName}`).filter((l) => l.startsWith('SuccessfulDelete'));
    const stuckNames = stuckListing.filter((row) => row.name !== firstPod).map((row) => `SuccessfulDelete Deleted pod: ${row.name}`);
    expect([...deleted].sort()).toEqual([...stuckNames].sort());
    const afterScale = tableRows(outputOf(result, 'kubectl get pods', 0)).slice(1);
    expect(afterScale.map((cells) => cells.slice(0, 3))).toEqual([[firstPod, '1/1', 'Running']]);
    expect(tableRows(outputOf(result, 'kubectl get deploy web-deploy', 1))[1]?.[1]).toBe('1/1');
  });

  it('replaces a deleted pod with a new random name', () => {
    expect(outputOf(result, 'kubectl delete pod -l app=web-deploy')).toContain(`pod "${firstPod}" deleted`);
    const replacement = added[3]?.object.metadata.name ?? '';
    expect(added).toHaveLength(4);
    expect(replacement).toMatch(new RegExp(`^web-deploy-${hash}-[${NAME_ALPHABET}]{5}$`));
    expect([...firstThree.map((p) => p.metadata.name)]).not.toContain(replacement);
    expect(eventLines(result, `replicaset/${rsName}`).at(-1)).toBe(`SuccessfulCreate Created pod: ${replacement}`);
    const finalPods = tableRows(outputOf(result, 'kubectl get pods', 1)).slice(1);
    expect(finalPods.map((cells) => cells.slice(0, 3))).toEqual([[replacement, '1/1', 'Running']]);
    expect(tableRows(outputOf(result, 'kubectl get deploy web-deploy', 2))[1]?.[1]).toBe('1/1');
  });

  it('creates the replacement while the deleted pod is still terminating', () => {
    const podChanges = result.state.changes.filter((c) => c.kind === 'Pod');
    const marked = podChanges.findIndex((c) => c.object.metadata.name === firstPod && c.object.metadata.deletionTimestamp);
    const replacementAdded = podChanges.findIndex((c) => c === added[3]);
    const gone = podChanges.findIndex((c) => c.type === 'DELETED' && c.object.metadata.name === firstPod);
    expect(marked).toBeGreaterThan(-1);
    expect(replacementAdded).toBeGreaterThan(marked);
    expect(gone).toBeGreaterThan(replacementAdded);
  });
});
