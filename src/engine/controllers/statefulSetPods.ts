/**
 * Building the pods and claims of a StatefulSet: identity (R2), claims from
 * `volumeClaimTemplates` (R7.1, R7.2) and their retention owner references
 * (R7.4), after `stateful_set_utils.go` (newVersionedStatefulSetPod,
 * initIdentity, updateStorage, getPersistentVolumeClaims,
 * updateClaimOwnerRefForSetAndPod) and `stateful_pod_control.go`
 * (createPersistentVolumeClaims and the event texts).
 */
import type { PersistentVolumeClaim, Pod, PodTemplateSpec, Volume } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { ownerRef, type KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { admitPod, admitClaim } from '../admission';
import type { ClusterState } from '../clusterState';
import { recordEvent, recordEventOnce } from '../recorder';
import { jsonClone, jsonEqual } from '../jsonData';
import { createObject, getObject, updateObject } from '../store';
import type { StsObject } from './statefulSetRevisions';

const SOURCE = 'statefulset-controller';

/** `<template>-<set>-<ordinal>` (R7.1). */
export function claimName(templateName: string, set: StsObject, ordinal: number): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`;
}

/** The claims a pod of this ordinal uses, keyed by template (volume) name. */
export function claimNamesFor(set: StsObject, ordinal: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
    const name = tmpl.metadata?.name ?? '';
    out.set(name, claimName(name, set, ordinal));
  }
  return out;
}

/** A new pod object for `ordinal` from `template` at `revisionName` (R2.3–R2.5, R7.2 volume wiring). */
export function newPod(set: StsObject, template: PodTemplateSpec, revisionName: string, ordinal: number): PodObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const claims = claimNamesFor(set, ordinal);
  const templateVolumes = (template.spec?.volumes ?? []).filter((v) => !claims.has(v.name));
  const claimVolumes: Volume[] = [...claims].map(([volume, claim]) => ({ name: volume, persistentVolumeClaim: { claimName: claim } }));
  const spec = jsonClone(template.spec ?? { containers: [] }) as NonNullable<Pod['spec']>;
  spec.volumes = [...claimVolumes, ...templateVolumes];
  if (spec.volumes.length === 0) delete spec.volumes;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: {
        ...template.metadata?.labels,
        'apps.kubernetes.io/pod-index': String(ordinal),
        'controller-revision-hash': revisionName,
        'statefulset.kubernetes.io/pod-name': name,
      },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [ownerRef(set)],
    },
    spec,
  };
}

/** True when the pod carries the identity labels and claim volumes its ordinal needs (identityMatches/storageMatches). */
export function identityMatches(set: StsObject, pod: Pod, ordinal: number): boolean {
  const labels = pod.metadata?.labels ?? {};
  if (labels['statefulset.kubernetes.io/pod-name'] !== pod.metadata?.name) return false;
  if (labels['apps.kubernetes.io/pod-index'] !== String(ordinal)) return false;
  const volumes = pod.spec?.volumes ?? [];
  for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
    const volume = tmpl.metadata?.name ?? '';
    if (claimOfVolume(volumes, volume) !== claimName(volume, set, ordinal)) return false;
  }
  return true;
}

/** The claim the last volume named `volume` mounts (the last one wins, as when volumes are put in a map by name). */
function claimOfVolume(volumes: readonly Volume[], volume: string): string | undefined {
  for (let i = volumes.length - 1; i >= 0; i--) if (volumes[i]?.name === volume) return volumes[i]?.persistentVolumeClaim?.claimName;
  return undefined;
}

/** Restores the identity labels (the pod-level part of UpdateStatefulPod). */
export function repairIdentity(state: ClusterState, set: StsObject, pod: PodObject, ordinal: number): void {
  updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
    p.metadata.labels = {
      ...p.metadata.labels,
      'apps.kubernetes.io/pod-index': String(ordinal),
      'statefulset.kubernetes.io/pod-name': p.metadata.name,
    };
  });
  recordEvent(state, set, 'Normal', 'SuccessfulUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, SOURCE);
}

/**
 * Creates the missing claims of a pod (R7.2). Returns an error text when a
 * claim exists but is being deleted (R7.10), which blocks the pod's creation.
 */
export function createMissingClaims(state: ClusterState, set: StsObject, podName: string, ordinal: number): string | undefined {
  for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
    const name = claimName(tmpl.metadata?.name ?? '', set, ordinal);
    const existing = getObject<PersistentVolumeClaim & KObject>(state, 'PersistentVolumeClaim', set.metadata.namespace, name);
    if (existing) {
      if (existing.metadata.deletionTimestamp) return `pvc ${name} is being deleted`;
      continue;
    }
    const claim: PersistentVolumeClaim & KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: set.metadata.namespace,
        labels: { ...tmpl.metadata?.labels, ...set.spec?.selector.matchLabels },
        ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
      },
      spec: jsonClone(tmpl.spec ?? {}),
    };
    createObject(state, admitClaim(state, claim));
    recordEvent(state, set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`, SOURCE);
  }
  return undefined;
}

/** Creates claims then the pod, with the controller's events (CreateStatefulPod). */
export function createStatefulPod(state: ClusterState, set: StsObject, pod: PodObject, ordinal: number): void {
  const setName = set.metadata.name;
  const claimError = createMissingClaims(state, set, pod.metadata.name, ordinal);
  if (claimError) {
    recordEvent(state, set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${setName} failed error: ${claimError}`, SOURCE);
    return;
  }
  if (getObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name)) {
    // A terminating pod we did not adopt still holds the name: the API server refuses the create.
    const message = `create Pod ${pod.metadata.name} in StatefulSet ${setName} failed error: pods "${pod.metadata.name}" already exists`;
    recordEventOnce(state, set, 'Warning', 'FailedCreate', message, SOURCE);
    return;
  }
  const created = createObject(state, admitPod(state, pod));
  recordEvent(state, set, 'Normal', 'SuccessfulCreate', `create Pod ${created.metadata.name} in StatefulSet ${setName} successful`, SOURCE);
}

/**
 * Owner references a claim should carry under the retention policy (R7.4):
 * in-range pods' claims point at the set when whenDeleted=Delete; a condemned
 * pod's claim points at the pod when whenScaled=Delete, else at the set when
 * whenDeleted=Delete.
 */
export function desiredClaimOwners(set: StsObject, pod: KObject, condemned: boolean): OwnerReference[] {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
  const whenDeleted = policy?.whenDeleted ?? 'Retain';
  const whenScaled = policy?.whenScaled ?? 'Retain';
  if (condemned && whenScaled === 'Delete') return [ownerRef(pod)];
  if (whenDeleted === 'Delete') return [ownerRef(set)];
  return [];
}

/** Applies the retention owner references to every claim of a pod (UpdatePodClaimForRetentionPolicy). */
export function syncClaimOwners(state: ClusterState, set: StsObject, pod: KObject, ordinal: number, condemned: boolean): void {
  const desired = desiredClaimOwners(set, pod, condemned);
  const ours = new Set([set.metadata.uid, pod.metadata.uid]);
  for (const claim of claimNamesFor(set, ordinal).values()) {
    const pvc = getObject<KObject>(state, 'PersistentVolumeClaim', set.metadata.namespace, claim);
    if (!pvc || pvc.metadata.deletionTimestamp) continue;
    const refs = pvc.metadata.ownerReferences ?? [];
    if (desired.length === 0 && refs.length === 0) continue;
    const foreign = refs.find((r) => r.controller && !ours.has(r.uid));
    if (foreign) {
      if (desired.length) {
        const message = `PersistentVolumeClaim ${claim} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`;
        recordEventOnce(state, set, 'Warning', 'ConflictingController', message, SOURCE);
      }
      continue;
    }
    const kept = refs.filter((r) => !ours.has(r.uid));
    const next = [...kept, ...desired];
    if (jsonEqual(next, refs)) continue;
    updateObject(state, 'PersistentVolumeClaim', pvc.metadata.namespace, claim, (c) => {
      if (next.length) c.metadata.ownerReferences = next;
      else delete c.metadata.ownerReferences;
    });
  }
}
