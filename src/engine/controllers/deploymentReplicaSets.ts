/**
 * How the Deployment controller finds, creates and resizes its ReplicaSets,
 * after upstream `pkg/controller/deployment/deployment_controller.go`
 * (getReplicaSetsForDeployment through the ReplicaSetControllerRefManager,
 * getPodMapForDeployment) and `sync.go` (getAllReplicaSetsAndSyncRevision,
 * getNewReplicaSet, scaleReplicaSet, scaleReplicaSetAndRecordEvent).
 *
 * The new ReplicaSet is `<deployment>-<pod-template-hash>` (R15.1) with the
 * hash label added to its selector, labels and template; its annotations
 * carry the revision and the Deployment size it was scaled for. A name taken
 * by a ReplicaSet with another template is a hash collision: the Deployment's
 * `status.collisionCount` goes up and the next pass tries the next name.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { selectorMatches } from '../../model/labelSelector';
import { controllerOf, ownerRef } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import { recordEvent } from '../recorder';
import { createObject, getObject, listObjects, updateObject } from '../store';
import { getCondition, hasProgressDeadline, newCondition, setCondition } from './deploymentStatus';
import {
  equalIgnoreHash,
  findNewReplicaSet,
  findOldReplicaSets,
  maxSurge,
  REVISION_ANNOTATION,
  replicasOf,
  revisionOf,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  newRSNewReplicas,
  type DeployObject,
} from './deploymentUtil';
import { POD_TEMPLATE_HASH_LABEL, podTemplateHash } from './podTemplateHash';
import type { RsObject } from './replicaSetController';

export const SOURCE = 'deployment-controller';

/** One sync of one Deployment: `d` is a working copy whose annotations and status are written back at the end. */
export interface DeploymentSync {
  state: ClusterState;
  d: DeployObject;
}

/** The new ReplicaSet and the old ones, as `getAllReplicaSetsAndSyncRevision` returns them. */
export interface ReplicaSets {
  newRS: RsObject | undefined;
  oldRSs: RsObject[];
}

/** Thrown when a sync must stop and retry on the next pass (upstream returns an error and requeues). */
export class RequeueSync extends Error {}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The stored version of a set this sync may have changed. */
export function fresh(state: ClusterState, rs: RsObject): RsObject {
  return getObject<RsObject>(state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name) ?? rs;
}

/** `ClaimReplicaSets`: owned sets still selected, matching orphans adopted, unselected ones released. */
export function claimReplicaSets(state: ClusterState, d: DeployObject): RsObject[] {
  const owned: RsObject[] = [];
  const uid = d.metadata.uid;
  const deleting = Boolean(d.metadata.deletionTimestamp);
  for (const rs of listObjects<RsObject>(state, 'ReplicaSet', d.metadata.namespace)) {
    const matches = selectorMatches(d.spec?.selector, rs.metadata.labels);
    const ctrl = controllerOf(rs);
    if (ctrl) {
      if (ctrl.uid !== uid) continue;
      if (matches) owned.push(rs);
      else if (!deleting) {
        updateObject<RsObject>(state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name, (r) => {
          r.metadata.ownerReferences = r.metadata.ownerReferences?.filter((o) => o.uid !== uid);
          if (!r.metadata.ownerReferences?.length) delete r.metadata.ownerReferences;
        });
      }
      continue;
    }
    if (deleting || !matches || rs.metadata.deletionTimestamp) continue;
    const adopted = updateObject<RsObject>(state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name, (r) => {
      r.metadata.ownerReferences = [...(r.metadata.ownerReferences ?? []), ownerRef(d)];
    });
    if (adopted) owned.push(adopted);
  }
  return owned;
}

/** `getPodMapForDeployment`: the Deployment's pods (terminating ones too) by the uid of their ReplicaSet. */
export function podsBySet(state: ClusterState, d: DeployObject, sets: RsObject[]): Map<string, PodObject[]> {
  const map = new Map<string, PodObject[]>(sets.map((rs) => [rs.metadata.uid ?? '', []]));
  for (const pod of listObjects<PodObject>(state, 'Pod', d.metadata.namespace)) {
    if (!selectorMatches(d.spec?.selector, pod.metadata.labels)) continue;
    map.get(controllerOf(pod)?.uid ?? '')?.push(pod);
  }
  return map;
}

/** `SetDeploymentRevision`: true when the Deployment's revision annotation changed. */
function setDeploymentRevision(d: DeployObject, revision: string): boolean {
  const annotations = (d.metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}

/** `getNewReplicaSet` for a set that already exists: sync its annotations and minReadySeconds, adopt its revision. */
function syncExistingNewRS(sync: DeploymentSync, existing: RsObject, newRevision: number): RsObject {
  const { state, d } = sync;
  const copy = clone(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
  const minReady = d.spec?.minReadySeconds ?? 0;
  if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
    const updated = updateObject<RsObject>(state, 'ReplicaSet', existing.metadata.namespace, existing.metadata.name, (r) => {
      r.metadata.annotations = copy.metadata.annotations;
      if (!r.spec) return;
      if (minReady) r.spec.minReadySeconds = minReady;
      else delete r.spec.minReadySeconds;
    });
    return updated ?? existing;
  }
  setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  const status = (d.status ??= {});
  if (hasProgressDeadline(d) && !getCondition(status, 'Progressing')) {
    setCondition(status, newCondition(state, 'Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${existing.metadata.name}"`));
  }
  return existing;
}

/** `getNewReplicaSet` creating the set: `<deployment>-<hash>`, sized by NewRSNewReplicas. */
function createNewRS(sync: DeploymentSync, oldRSs: RsObject[], newRevision: number): RsObject {
  const { state, d } = sync;
  const template = clone(d.spec?.template ?? {}) as PodTemplateSpec;
  const hash = podTemplateHash(d.spec?.template, d.status?.collisionCount);
  const meta = (template.metadata ??= {});
  meta.labels = { ...meta.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = clone(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const minReady = d.spec?.minReadySeconds ?? 0;
  const rs: RsObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...meta.labels },
      ownerReferences: [ownerRef(d)],
    },
    spec: { replicas: 0, ...(minReady ? { minReadySeconds: minReady } : {}), selector, template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  (rs.spec as NonNullable<ReplicaSet['spec']>).replicas = replicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);

  let created: RsObject;
  let alreadyExists = false;
  const taken = getObject<RsObject>(state, 'ReplicaSet', d.metadata.namespace, rs.metadata.name);
  if (taken) {
    if (controllerOf(taken)?.uid !== d.metadata.uid || !equalIgnoreHash(d.spec?.template, taken.spec?.template)) {
      // A hash collision: count it, so the next attempt hashes differently.
      const status = (d.status ??= {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      throw new RequeueSync(`replicasets.apps "${rs.metadata.name}" already exists`);
    }
    created = taken;
    alreadyExists = true;
  } else {
    created = createObject(state, rs);
  }
  setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    const status = (d.status ??= {});
    setCondition(status, newCondition(state, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`));
  }
  if (!alreadyExists && replicas > 0) {
    recordEvent(state, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`, SOURCE);
  }
  return created;
}

/**
 * `getAllReplicaSetsAndSyncRevision`: the new set (created when `create` and
 * missing) and the old ones, with the revision annotations brought up to date.
 */
export function getAllReplicaSets(sync: DeploymentSync, rsList: RsObject[], create: boolean): ReplicaSets {
  const sets = rsList.map((rs) => fresh(sync.state, rs));
  const oldRSs = findOldReplicaSets(sync.d, sets);
  const newRevision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
  const existing = findNewReplicaSet(sync.d, sets);
  let newRS: RsObject | undefined;
  if (existing) newRS = syncExistingNewRS(sync, existing, newRevision);
  else if (create) newRS = createNewRS(sync, oldRSs, newRevision);
  return { newRS, oldRSs };
}

/**
 * `scaleReplicaSet`: writes the new size and the replica annotations; records
 * `ScalingReplicaSet` when the size changed (R15.5). Returns whether it
 * scaled and the stored set.
 */
export function scaleReplicaSet(sync: DeploymentSync, rs: RsObject, newScale: number, operation: 'up' | 'down' | ''): [boolean, RsObject] {
  const { state, d } = sync;
  const oldScale = replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const copy = clone(rs);
  const annotationsNeedUpdate = setReplicasAnnotations(copy, replicasOf(d), replicasOf(d) + maxSurge(d));
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const updated = updateObject<RsObject>(state, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name, (r) => {
    r.metadata.annotations = copy.metadata.annotations;
    if (r.spec) r.spec.replicas = newScale;
  });
  if (!updated) return [false, rs];
  if (sizeNeedsUpdate) {
    const direction = operation === 'up' ? 'up' : 'down';
    recordEvent(state, d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`, SOURCE);
  }
  return [sizeNeedsUpdate, updated];
}

/** `scaleReplicaSetAndRecordEvent`: scales when the size differs, picking the direction. */
export function scaleAndRecord(sync: DeploymentSync, rs: RsObject, newScale: number): [boolean, RsObject] {
  if (replicasOf(rs) === newScale) return [false, rs];
  return scaleReplicaSet(sync, rs, newScale, replicasOf(rs) < newScale ? 'up' : 'down');
}
