/**
 * Storage lookups shared by the scheduler, the volume controllers and the
 * kubelet: which claims a pod uses, which class a claim has, where a volume may
 * be used and whether it must be attached (the simulated backends of R9.2).
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KObject } from '../model/objects';
import { termsMatch } from '../model/nodeSelector';
import { PROVISIONERS } from './bootstrap';
import type { ClusterState, VolumeRuntime } from './clusterState';
import { getObject, listObjects } from './store';

export type PvcObject = PersistentVolumeClaim & KObject;
export type PvObject = PersistentVolume & KObject;
export type StorageClassObject = StorageClass & KObject;

/** Names of the PersistentVolumeClaims a pod mounts, in volume order. */
export function podClaimNames(pod: Pod): string[] {
  // A plain loop: this runs for every pod in several controllers' passes.
  const names: string[] = [];
  for (const volume of pod.spec?.volumes ?? []) if (volume.persistentVolumeClaim) names.push(volume.persistentVolumeClaim.claimName);
  return names;
}

/** The StorageClass annotated as default, if any (R9.1). */
export function defaultStorageClass(state: ClusterState): StorageClassObject | undefined {
  return listObjects<StorageClassObject>(state, 'StorageClass').find(
    (sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
  );
}

/** The class object of a claim (undefined for `""` or an unknown class). */
export function claimStorageClass(state: ClusterState, pvc: PersistentVolumeClaim): StorageClassObject | undefined {
  const name = pvc.spec?.storageClassName;
  return name ? getObject<StorageClassObject>(state, 'StorageClass', undefined, name) : undefined;
}

/** `WaitForFirstConsumer` or `Immediate` (the default when unset, R9.3). */
export function bindingMode(sc: StorageClass | undefined): 'Immediate' | 'WaitForFirstConsumer' {
  return sc?.volumeBindingMode === 'WaitForFirstConsumer' ? 'WaitForFirstConsumer' : 'Immediate';
}

/** True when the volume must be attached to a node by the attach-detach controller (net-block, any CSI volume except net-file). */
export function isAttachable(pv: PersistentVolume): boolean {
  const driver = pv.spec?.csi?.driver;
  return driver !== undefined && driver !== PROVISIONERS.netFile;
}

/** True when the PV may be used from this node (its required node affinity, R9.13). */
export function pvAllowsNode(pv: PersistentVolume, node: Node): boolean {
  return termsMatch(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms, node);
}

/** The runtime record of a volume (its files and attachments), created on first use. */
export function volumeRuntime(state: ClusterState, pvName: string): VolumeRuntime {
  let vol = state.runtime.volumes[pvName];
  if (!vol) {
    vol = { files: {}, attachedTo: [] };
    state.runtime.volumes[pvName] = vol;
  }
  return vol;
}

/** The PV bound to a claim, when the claim is Bound. */
export function boundVolume(state: ClusterState, pvc: PersistentVolumeClaim): PvObject | undefined {
  const name = pvc.spec?.volumeName;
  if (!name || pvc.status?.phase !== 'Bound') return undefined;
  return getObject<PvObject>(state, 'PersistentVolume', undefined, name);
}
