/**
 * Storage object in use protection (spec R9.9, R7.5, R7.8): the
 * PVC-protection controller
 * (`pkg/controller/volume/pvcprotection/pvc_protection_controller.go`) and the
 * PV-protection controller (`pkg/controller/volume/pvprotection/pv_protection_controller.go`).
 *
 * A claim being deleted keeps its `kubernetes.io/pvc-protection` finalizer,
 * and so stays `Terminating`, while any pod object in its namespace that is
 * bound to a node (`spec.nodeName`, whatever its phase) mounts it; a pod that
 * was never scheduled does not hold it. A volume being deleted keeps
 * `kubernetes.io/pv-protection` while it is Bound. Once the last finalizer is
 * gone the store removes the object. Like upstream, both controllers also add
 * their finalizer to objects that lack it (admission normally does).
 *
 * Left out: generic ephemeral volumes (`spec.volumes[].ephemeral`).
 */
import { CORE_KINDS, type Controller } from '../controller';
import type { ClusterState } from '../clusterState';
import { writableMeta, type KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { podClaimNames, type PvcObject, type PvObject } from '../storage';
import { listObjects, updateObject } from '../store';

/** Finalizer that keeps a claim while a scheduled pod uses it. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
/** Finalizer that keeps a volume while it is bound. */
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** Removes the protection finalizers of claims and volumes nobody uses any more. */
export const pvcProtectionController: Controller = {
  name: 'pvc-protection-controller',
  watches: CORE_KINDS,
  reconcile(state) {
    // Only a claim being deleted asks whether it is used; this controller writes no pods, so building the set late sees the same pods.
    let inUse: Set<string> | undefined;
    for (const pvc of listObjects<PvcObject>(state, 'PersistentVolumeClaim')) {
      const used = () => (inUse ??= claimsInUse(state)).has(`${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}`);
      protect(state, pvc, PVC_PROTECTION_FINALIZER, used);
    }
    for (const pv of listObjects<PvObject>(state, 'PersistentVolume')) {
      protect(state, pv, PV_PROTECTION_FINALIZER, () => pv.status?.phase === 'Bound');
    }
  },
};

/** `namespace/claim` of every claim mounted by a pod bound to a node (podUsesPVC). */
function claimsInUse(state: ClusterState): Set<string> {
  const used = new Set<string>();
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    if (!pod.spec?.nodeName) continue;
    for (const claim of podClaimNames(pod)) used.add(`${pod.metadata.namespace ?? ''}/${claim}`);
  }
  return used;
}

/** Adds the finalizer to a live object; drops it from a deleting one that is no longer used. */
function protect(state: ClusterState, obj: KObject, finalizer: string, used: () => boolean): void {
  const finalizers = obj.metadata.finalizers ?? [];
  const has = finalizers.includes(finalizer);
  const deleting = Boolean(obj.metadata.deletionTimestamp);
  if (deleting && has && !used()) {
    updateObject(state, obj.kind, obj.metadata.namespace, obj.metadata.name, (draft) => {
      writableMeta(draft).finalizers = (draft.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    });
  } else if (!deleting && !has) {
    updateObject(state, obj.kind, obj.metadata.namespace, obj.metadata.name, (draft) => {
      writableMeta(draft).finalizers = [...(draft.metadata.finalizers ?? []), finalizer];
    });
  }
}
