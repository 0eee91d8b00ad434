import { describe, expect, it } from 'vitest';
import type { DeploymentCondition } from 'kubernetes-types/apps/v1';
import { Session } from '../../kubectl/session';
import type { PodObject } from '../../model/pod';
import { isPodReady } from '../../model/pod';
import { createClusterState, type ClusterOptions } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import { reconcile } from '../simulation';
import { createObject, getObject, listObjects } from '../store';
import { deploymentController } from './deploymentController';
import type { DeployObject } from './deploymentUtil';
import { podTemplateHash } from './podTemplateHash';
import { replicaSetController, type RsObject } from './replicaSetController';

interface DeploymentShape {
  name?: string;
  replicas?: number;
  image?: string;
  strategy?: string;
  extra?: string;
  /** A nodeSelector no node satisfies, so the pods stay Pending. */
  unschedulable?: boolean;
}

function manifest(shape: DeploymentShape = {}): string {
  const name = shape.name ?? 'web';
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}}`,
    'spec:',
    `  replicas: ${shape.replicas ?? 3}`,
    ...(shape.strategy ? [`  strategy: {type: ${shape.strategy}}`] : []),
    ...(shape.extra ? [`  ${shape.extra}`] : []),
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    `      containers: [{name: nginx, image: "${shape.image ?? 'nginx:1.25'}"}]`,
    ...(shape.unschedulable ? ['      nodeSelector: {disk: none}'] : []),
  ].join('\n');
}

/** A cluster driven through kubectl, like a learner would. */
function cluster(options: ClusterOptions = {}) {
  const state = createClusterState(options);
  reconcile(state);
  const session = new Session(state, {});
  const run = (line: string) => session.run(line).output;
  return {
    state,
    run,
    apply(shape: DeploymentShape = {}) {
      session.files['deploy.yaml'] = manifest(shape);
      return run('kubectl apply -f deploy.yaml');
    },
  };
}

function deployment(state: ClusterState, name = 'web'): DeployObject {
  return getObject<DeployObject>(state, 'Deployment', 'default', name) as DeployObject;
}

function replicaSets(state: ClusterState): RsObject[] {
  return listObjects<RsObject>(state, 'ReplicaSet');
}

function scalingEvents(state: ClusterState): string[] {
  return state.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
}

function condition(d: DeployObject, type: string): string | undefined {
  const c = d.status?.conditions?.find((x: DeploymentCondition) => x.type === type);
  return c && `${c.status} ${c.reason} ${c.message}`;
}

/** Replays the pod watch log and returns the lowest number of Ready, non-terminating pods seen after `fromSeq`. */
function minReadyPods(state: ClusterState, fromSeq: number): number {
  const latest = new Map<string, PodObject>();
  let min = Infinity;
  for (const change of state.changes) {
    if (change.kind !== 'Pod') continue;
    if (change.type === 'DELETED') latest.delete(change.key);
    else latest.set(change.key, change.object as PodObject);
    if (change.seq < fromSeq) continue;
    const ready = [...latest.values()].filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
    min = Math.min(min, ready);
  }
  return min;
}

/** The highest sum of ReplicaSet `spec.replicas` any write left behind. */
function maxDesiredPods(state: ClusterState): number {
  const latest = new Map<string, RsObject>();
  let max = 0;
  for (const change of state.changes) {
    if (change.kind !== 'ReplicaSet') continue;
    if (change.type === 'DELETED') latest.delete(change.key);
    else latest.set(change.key, change.object as RsObject);
    max = Math.max(max, [...latest.values()].reduce((sum, rs) => sum + (rs.spec?.replicas ?? 0), 0));
  }
  return max;
}

describe('deploymentController', () => {
  it('creates the ReplicaSet <deployment>-<pod-template-hash> with the hash label and revision annotations', () => {
    const c = cluster();
    c.apply();
    c.run('sim wait --stable');
    const d = deployment(c.state);
    const [rs] = replicaSets(c.state);
    const hash = podTemplateHash(d.spec?.template);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.spec?.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true });
    expect(rs?.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(scalingEvents(c.state)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(c.state.events.find((e) => e.reason === 'ScalingReplicaSet')?.source).toBe('deployment-controller');
  });

  it('reports status and the Available/Progressing conditions once the rollout completes', () => {
    const c = cluster();
    c.apply();
    c.run('sim wait --stable');
    const d = deployment(c.state);
    const rsName = replicaSets(c.state)[0]?.metadata.name ?? '';
    expect(d.status).toMatchObject({ availableReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3, updatedReplicas: 3 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(d.status?.conditions?.map((x) => x.type)).toEqual(['Available', 'Progressing']);
    expect(condition(d, 'Available')).toBe('True MinimumReplicasAvailable Deployment has minimum availability.');
    expect(condition(d, 'Progressing')).toBe(`True NewReplicaSetAvailable ReplicaSet "${rsName}" has successfully progressed.`);
    expect(replicaSets(c.state)[0]?.status).toEqual({ availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3 });
    expect(c.run('kubectl get deploy web').split('\n')[1]).toMatch(/^web\s+3\/3\s+3\s+3\s+/);
    expect(c.run('kubectl get rs').split('\n')[1]).toMatch(new RegExp(`^${rsName}\\s+3\\s+3\\s+3\\s+`));
  });

  it('rolls out a new template in maxSurge/maxUnavailable steps and bumps the revision', () => {
    const c = cluster();
    c.apply({ replicas: 4 });
    c.run('sim wait --stable');
    const oldName = replicaSets(c.state)[0]?.metadata.name ?? '';
    const fromSeq = c.state.counters.seq;
    c.apply({ replicas: 4, image: 'nginx:1.26' });
    c.run('sim wait --stable');
    const newName = replicaSets(c.state).find((rs) => rs.metadata.name !== oldName)?.metadata.name ?? '';
    expect(scalingEvents(c.state).slice(1)).toEqual([
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldName} from 4 to 3`,
      `Scaled up replica set ${newName} from 1 to 2`,
      `Scaled down replica set ${oldName} from 3 to 1`,
      `Scaled up replica set ${newName} from 2 to 4`,
      `Scaled down replica set ${oldName} from 1 to 0`,
    ]);
    // 25% of 4: one surge pod (4 + 1 desired at most), one unavailable pod (3 Ready at least).
    expect(maxDesiredPods(c.state)).toBe(5);
    expect(minReadyPods(c.state, fromSeq)).toBe(3);
    const revisions = Object.fromEntries(replicaSets(c.state).map((rs) => [rs.metadata.name, rs.metadata.annotations?.['deployment.kubernetes.io/revision']]));
    expect(revisions).toEqual({ [oldName]: '1', [newName]: '2' });
    expect(deployment(c.state).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(listObjects<PodObject>(c.state, 'Pod').every((p) => p.metadata.name.startsWith(`${newName}-`))).toBe(true);
  });

  it('Recreate: scales the old ReplicaSet to 0 and creates the new one only after its pods are gone', () => {
    const c = cluster();
    c.apply({ replicas: 2, strategy: 'Recreate' });
    c.run('sim wait --stable');
    const oldName = replicaSets(c.state)[0]?.metadata.name ?? '';
    c.apply({ replicas: 2, strategy: 'Recreate', image: 'nginx:1.26' });
    c.run('sim wait --stable');
    const newName = replicaSets(c.state).find((rs) => rs.metadata.name !== oldName)?.metadata.name ?? '';
    expect(scalingEvents(c.state).slice(1)).toEqual([`Scaled down replica set ${oldName} from 2 to 0`, `Scaled up replica set ${newName} from 0 to 2`]);
    const lastOldGone = c.state.changes.filter((x) => x.kind === 'Pod' && x.type === 'DELETED' && x.object.metadata.name.startsWith(`${oldName}-`)).at(-1);
    const newCreated = c.state.changes.find((x) => x.kind === 'ReplicaSet' && x.type === 'ADDED' && x.object.metadata.name === newName);
    expect(lastOldGone && newCreated && newCreated.seq > lastOldGone.seq).toBe(true);
  });

  it('scales active ReplicaSets in proportion when replicas change mid-rollout', () => {
    const c = cluster({ missingImages: ['nginx:broken'], nodes: [{ name: 'node-1', pods: 110, cpu: '64', memory: '256Gi' }] });
    c.apply({ replicas: 10 });
    c.run('sim wait --stable');
    const oldName = replicaSets(c.state)[0]?.metadata.name ?? '';
    c.apply({ replicas: 10, image: 'nginx:broken' });
    c.run('sim advance 30s');
    const newName = replicaSets(c.state).find((rs) => rs.metadata.name !== oldName)?.metadata.name ?? '';
    const sizes = () => Object.fromEntries(replicaSets(c.state).map((rs) => [rs.metadata.name, rs.spec?.replicas]));
    // The new pods never become Ready: 8 old (10 − 2 unavailable) + 5 new = 13 (10 + 3 surge).
    expect(sizes()).toEqual({ [oldName]: 8, [newName]: 5 });
    c.apply({ replicas: 20, image: 'nginx:broken' });
    // 20 + 5 surge = 25 shared out as 8/13 and 5/13 of the growth.
    expect(sizes()).toEqual({ [oldName]: 15, [newName]: 10 });
    expect(scalingEvents(c.state).slice(-2)).toEqual([`Scaled up replica set ${oldName} from 8 to 15`, `Scaled up replica set ${newName} from 5 to 10`]);
  });

  it('gives up on a stuck rollout after progressDeadlineSeconds without holding sim wait --stable', () => {
    const c = cluster();
    c.apply({ replicas: 1, unschedulable: true });
    expect(c.run('sim wait --stable')).toBe('');
    expect(c.state.now).toBeLessThan(60_000);
    const rsName = replicaSets(c.state)[0]?.metadata.name ?? '';
    expect(condition(deployment(c.state), 'Progressing')).toBe(`True ReplicaSetUpdated ReplicaSet "${rsName}" is progressing.`);
    expect(condition(deployment(c.state), 'Available')).toBe('False MinimumReplicasUnavailable Deployment does not have minimum availability.');
    c.run('sim advance 11m');
    expect(condition(deployment(c.state), 'Progressing')).toBe(`False ProgressDeadlineExceeded ReplicaSet "${rsName}" has timed out progressing.`);
  });

  it('deleting a Deployment cascades through its ReplicaSets to the pods', () => {
    const c = cluster();
    c.apply();
    c.run('sim wait --stable');
    c.run('kubectl delete deploy web');
    c.run('sim wait --stable');
    expect(replicaSets(c.state)).toEqual([]);
    expect(listObjects(c.state, 'Pod')).toEqual([]);
  });

  it('an orphaned ReplicaSet is adopted by a new Deployment with the same template, keeping its pods', () => {
    const c = cluster();
    c.apply();
    c.run('sim wait --stable');
    const podsBefore = listObjects<PodObject>(c.state, 'Pod').map((p) => p.metadata.name);
    c.run('kubectl delete deploy web --cascade=orphan');
    c.run('sim wait --stable');
    expect(replicaSets(c.state)[0]?.metadata.ownerReferences).toBeUndefined();
    c.apply();
    c.run('sim wait --stable');
    const [rs] = replicaSets(c.state);
    expect(replicaSets(c.state)).toHaveLength(1);
    expect(rs?.metadata.ownerReferences?.[0]?.uid).toBe(deployment(c.state).metadata.uid);
    expect(listObjects<PodObject>(c.state, 'Pod').map((p) => p.metadata.name)).toEqual(podsBefore);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const c = cluster();
    for (const image of ['nginx:1.24', 'nginx:1.25', 'nginx:1.26']) {
      c.apply({ replicas: 1, image, extra: 'revisionHistoryLimit: 1' });
      c.run('sim wait --stable');
    }
    const revisions = replicaSets(c.state).map((rs) => `${rs.spec?.template?.spec?.containers[0]?.image} ${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}`);
    expect(revisions.sort()).toEqual(['nginx:1.25 2', 'nginx:1.26 3']);
  });

  it('does not roll out while paused, and rolls out once resumed', () => {
    const c = cluster();
    c.apply({ replicas: 2 });
    c.run('sim wait --stable');
    c.run(`kubectl patch deploy web -p '{"spec":{"paused":true}}'`);
    c.apply({ replicas: 2, image: 'nginx:1.26', extra: 'paused: true' });
    c.run('sim wait --stable');
    expect(replicaSets(c.state)).toHaveLength(1);
    expect(condition(deployment(c.state), 'Progressing')).toBe('Unknown DeploymentPaused Deployment is paused');
    c.run(`kubectl patch deploy web -p '{"spec":{"paused":null}}'`);
    c.run('sim wait --stable');
    expect(replicaSets(c.state)).toHaveLength(2);
    expect(deployment(c.state).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('passes minReadySeconds to its ReplicaSet', () => {
    const c = cluster();
    c.apply({ replicas: 1, extra: 'minReadySeconds: 5' });
    expect(replicaSets(c.state)[0]?.spec?.minReadySeconds).toBe(5);
    c.run('sim advance 4s');
    expect(deployment(c.state).status?.readyReplicas).toBe(1);
    expect(deployment(c.state).status?.availableReplicas).toBeUndefined();
    c.run('sim wait --stable');
    expect(deployment(c.state).status?.availableReplicas).toBe(1);
  });

  it('counts a hash collision and names the ReplicaSet with the next hash', () => {
    const state = createClusterState();
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };
    const taken = `web-${podTemplateHash(template)}`;
    createObject<RsObject>(state, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: taken, namespace: 'default', labels: { app: 'other' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'x', image: 'x' }] } } },
    });
    createObject<DeployObject>(state, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template, progressDeadlineSeconds: 600, revisionHistoryLimit: 10 },
    });
    deploymentController.reconcile(state);
    expect(deployment(state).status?.collisionCount).toBe(1);
    deploymentController.reconcile(state);
    replicaSetController.reconcile(state);
    const ours = replicaSets(state).filter((rs) => rs.metadata.name !== taken);
    expect(ours.map((rs) => rs.metadata.name)).toEqual([`web-${podTemplateHash(template, 1)}`]);
    expect(listObjects<PodObject>(state, 'Pod')).toHaveLength(1);
  });
});
