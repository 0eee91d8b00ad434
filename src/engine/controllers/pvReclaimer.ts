/**
 * The volume side of the PersistentVolume controller: `syncVolume` and
 * `reclaimVolume` of `pkg/controller/volume/persistentvolume/pv_controller.go`
 * plus the external provisioner's delete (spec R9.7, R9.8, R7.5).
 *
 * Phases: a volume with no claimRef (or one pre-bound by name only) is
 * Available; one whose claim exists and points back is Bound; one whose claim
 * is gone (or was recreated with a new uid) is Released and then reclaimed:
 * Retain keeps it Released with its CLAIM; Delete removes the backing storage
 * and deletes the object (it goes Terminating until pv-protection lets go).
 *
 * Left out: Recycle (deprecated, treated like Retain), deletion retries with
 * back-off, and in-tree deleters: a static volume with policy Delete that no
 * simulated provisioner owns fails to delete, as with no plugin for it.
 */
import { PROVISIONERS } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import { recordEvent } from '../recorder';
import type { PvcObject, PvObject } from '../storage';
import { getObject, nowTimestamp, updateObject } from '../store';
import { writableMeta } from '../../model/objects';
import { ANN_BOUND_BY_CONTROLLER, ANN_PROVISIONED_BY, setVolumePhase } from './pvBinder';
import { isSimulatedProvisioner } from './pvProvisioner';

const SOURCE = 'persistentvolume-controller';

/** One pass over one volume: its phase and, once released, its reclaim policy. */
export function syncVolume(state: ClusterState, pvName: string): void {
  const pv = getObject<PvObject>(state, 'PersistentVolume', undefined, pvName);
  if (!pv) return;
  const ref = pv.spec?.claimRef;
  if (!ref || !ref.uid) {
    // Unused, or reserved for a claim by name that has not bound yet.
    setVolumePhase(state, pvName, 'Available');
    return;
  }
  let claim = getObject<PvcObject>(state, 'PersistentVolumeClaim', ref.namespace, ref.name ?? '');
  // A claim of the same name but another uid is a new claim: the old one is gone.
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    release(state, pv);
    return;
  }
  const volumeName = claim.spec?.volumeName;
  // Claim not bound yet: the claim sync completes the binding.
  if (!volumeName) return;
  if (volumeName === pvName) {
    setVolumePhase(state, pvName, 'Bound');
    return;
  }
  // The claim ended up bound to another volume.
  if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] && pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    release(state, pv);
    return;
  }
  unbindVolume(state, pv);
}

/** Claim gone: Released (Failed stays Failed), then the reclaim policy. */
function release(state: ClusterState, pv: PvObject): void {
  const phase = pv.status?.phase;
  if (phase !== 'Released' && phase !== 'Failed') setVolumePhase(state, pv.metadata.name, 'Released');
  if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || phase === 'Failed') return;
  const deleter = deleterOf(pv);
  if (deleter === 'none') {
    const message = `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
    setVolumePhase(state, pv.metadata.name, 'Failed', message);
    recordEvent(state, pv, 'Warning', 'VolumeFailedDelete', message, SOURCE);
    return;
  }
  // An external provisioner the simulation does not run never deletes anything.
  if (deleter === 'absent') return;
  deleteVolume(state, pv.metadata.name);
}

/** Who deletes the backing storage: a simulated provisioner, an absent external one, or nobody. */
function deleterOf(pv: PvObject): 'simulated' | 'absent' | 'none' {
  const provisionedBy = pv.metadata.annotations?.[ANN_PROVISIONED_BY];
  if (provisionedBy) {
    if (isSimulatedProvisioner(provisionedBy)) return 'simulated';
    return provisionedBy.startsWith('kubernetes.io/') ? 'none' : 'absent';
  }
  const driver = pv.spec?.csi?.driver;
  if (driver === PROVISIONERS.netBlock || driver === PROVISIONERS.netFile) return 'simulated';
  return 'none';
}

/**
 * Deletes a volume's backing storage and its object: the data is gone at
 * once; the object gets a deletionTimestamp and disappears when its last
 * finalizer (pv-protection) is removed, right away if it has none.
 */
export function deleteVolume(state: ClusterState, pvName: string): void {
  delete state.runtime.volumes[pvName];
  updateObject<PvObject>(state, 'PersistentVolume', undefined, pvName, (draft) => {
    if (draft.metadata.deletionTimestamp) return;
    const meta = writableMeta(draft);
    meta.deletionTimestamp = nowTimestamp(state);
    meta.deletionGracePeriodSeconds = 0;
  });
}

/**
 * The claim is bound elsewhere (unbindVolume): a volume the controller bound
 * goes back to the pool; one the user pre-bound keeps its claim name but
 * loses the uid, so it is reserved for that claim again.
 */
function unbindVolume(state: ClusterState, pv: PvObject): void {
  updateObject<PvObject>(state, 'PersistentVolume', undefined, pv.metadata.name, (draft) => {
    const spec = { ...draft.spec };
    if (draft.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
      delete spec.claimRef;
      const annotations = { ...draft.metadata.annotations };
      delete annotations[ANN_BOUND_BY_CONTROLLER];
      writableMeta(draft).annotations = annotations;
    } else if (spec.claimRef) {
      spec.claimRef = { ...spec.claimRef };
      delete spec.claimRef.uid;
    }
    draft.spec = spec;
  });
  setVolumePhase(state, pv.metadata.name, 'Available');
}
