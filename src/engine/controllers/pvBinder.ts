/**
 * Binding claims to volumes, the half of the PersistentVolume controller that
 * pairs objects: the matching rules of `FindMatchingVolume`, `CheckAccessModes`
 * and `checkVolumeSatisfyClaim` (`k8s.io/component-helpers/storage/volume/pv_helpers.go`,
 * `pkg/controller/volume/persistentvolume/index.go`) and the `bind` sequence of
 * `pkg/controller/volume/persistentvolume/pv_controller.go` (spec R9.6).
 *
 * Left out: VolumeAttributesClass matching, the legacy beta storage-class
 * annotations, and the API conflicts that make the real controller retry.
 */
import type { Node, ObjectReference } from 'kubernetes-types/core/v1';
import { setStatus, writableMeta } from '../../model/objects';
import { parseQuantity } from '../../model/quantity';
import { selectorMatches } from '../../model/labelSelector';
import type { ClusterState } from '../clusterState';
import { pvAllowsNode, volumeRuntime, type PvcObject, type PvObject } from '../storage';
import { jsonEqual } from '../jsonData';
import { getObject, nowTimestamp, updateObject } from '../store';
import { lookupIndex, type StoreIndex } from '../storeIndex';

/** Set on a claim once the controller finished binding it (`pv.kubernetes.io/bind-completed`). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** Set on whichever side the controller (not the user) pointed at the other. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** The node the scheduler picked for a WaitForFirstConsumer claim (written by the scheduler, R9.4). */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** The provisioner asked to create a volume for a claim (R9.5). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
/** The beta spelling of {@link ANN_STORAGE_PROVISIONER}, still written for old provisioners. */
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** The provisioner that created a volume. */
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

/** The class a claim asks for; a missing field and `""` both mean "no class" when matching. */
export function claimClassName(pvc: PvcObject): string {
  return pvc.spec?.storageClassName ?? '';
}

/** The class of a volume (`""` when it has none). */
export function volumeClassName(pv: PvObject): string {
  return pv.spec?.storageClassName ?? '';
}

/** Requested storage in bytes (0 when absent or unparsable). */
export function claimRequest(pvc: PvcObject): number {
  return parseQuantity(pvc.spec?.resources?.requests?.['storage']) ?? 0;
}

/** Capacity of a volume in bytes (0 when absent or unparsable). */
export function volumeCapacity(pv: PvObject): number {
  return parseQuantity(pv.spec?.capacity?.['storage']) ?? 0;
}

/** Every access mode the claim requests is offered by the volume (CheckAccessModes). */
export function accessModesSatisfied(pvc: PvcObject, pv: PvObject): boolean {
  const offered = pv.spec?.accessModes ?? [];
  return (pvc.spec?.accessModes ?? []).every((mode) => offered.includes(mode));
}

/** Same volume mode on both sides; unset means Filesystem. */
export function volumeModesMatch(pvc: PvcObject, pv: PvObject): boolean {
  return (pvc.spec?.volumeMode ?? 'Filesystem') === (pv.spec?.volumeMode ?? 'Filesystem');
}

/** The volume's claimRef names this claim (and its uid, once one is recorded): IsVolumeBoundToClaim. */
export function isVolumeBoundToClaim(pv: PvObject, pvc: PvcObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/**
 * Why a volume the user asked for by name (`spec.volumeName`) cannot serve
 * the claim, in checkVolumeSatisfyClaim's words; undefined when it can.
 */
export function volumeMismatch(pv: PvObject, pvc: PvcObject): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (volumeCapacity(pv) < claimRequest(pvc)) return 'requested PV is too small';
  if (volumeClassName(pv) !== claimClassName(pvc)) return 'storageClassName does not match';
  if (!volumeModesMatch(pvc, pv)) return 'incompatible volumeMode';
  if (!accessModesSatisfied(pvc, pv)) return 'incompatible accessMode';
  return undefined;
}

const UNCLAIMED = '';

function claimKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** Volumes by the claim their `spec.claimRef` names (`namespace/name`), or {@link UNCLAIMED} without one. */
const VOLUMES_BY_CLAIM: StoreIndex<PvObject> = {
  name: 'volumesByClaim',
  kind: 'PersistentVolume',
  keysOf: (pv) => {
    const ref = pv.spec?.claimRef;
    return [ref ? claimKey(ref.namespace, ref.name) : UNCLAIMED];
  },
};

/** Options of {@link findMatchingVolume}. */
export interface MatchOptions {
  /** Only volumes usable from this node qualify (scheduler path, or a WFFC claim with a selected node). */
  node?: Node;
  /** WaitForFirstConsumer claim with no node yet: only volumes pre-bound to it qualify. */
  delayBinding?: boolean;
  /** Volume names already promised to other claims of the same pod (scheduler path). */
  excluded?: ReadonlySet<string>;
}

/**
 * The volume a claim should bind to (R9.6): one pre-bound to it if any,
 * otherwise the smallest Available volume of the same class whose access
 * modes, volume mode, capacity, labels (claim selector) and node affinity fit;
 * ties go to the first by name. Without a node, volumes offering fewer access
 * modes are preferred before size is compared, like the controller's index;
 * with one, only size counts, like the scheduler's FindPodVolumes (so the
 * volume bound for a selected node is the one the scheduler counted on).
 */
export function findMatchingVolume(state: ClusterState, pvc: PvcObject, options: MatchOptions = {}): PvObject | undefined {
  const { node, delayBinding = false, excluded } = options;
  const request = claimRequest(pvc);
  const className = claimClassName(pvc);
  let best: PvObject | undefined;
  // Volumes whose claimRef names another claim never qualify: only free ones and those naming this claim are looked at.
  const candidates = lookupIndex(state, VOLUMES_BY_CLAIM, UNCLAIMED, claimKey(pvc.metadata.namespace, pvc.metadata.name));
  for (const pv of candidates) {
    if (excluded?.has(pv.metadata.name)) continue;
    if (!volumeModesMatch(pvc, pv) || pv.metadata.deletionTimestamp) continue;
    const fitsNode = !node || pvAllowsNode(pv, node);
    if (isVolumeBoundToClaim(pv, pvc)) {
      // A volume reserved for this claim wins outright, or the claim does not fit this node at all.
      return fitsNode ? pv : undefined;
    }
    // Without a node the scheduler, not this controller, picks static volumes for delayed claims.
    if (delayBinding && !node) continue;
    if (pv.status?.phase !== 'Available' || pv.spec?.claimRef) continue;
    if (pvc.spec?.selector && !selectorMatches(pvc.spec.selector, pv.metadata.labels)) continue;
    if (volumeClassName(pv) !== className || !fitsNode || !accessModesSatisfied(pvc, pv)) continue;
    if (volumeCapacity(pv) < request) continue;
    if (!best || preferred(pv, best, !node)) best = pv;
  }
  return best;
}

/** Smaller first; on the controller's own path (no node) volumes offering fewer access modes come first, as its index does. */
function preferred(a: PvObject, b: PvObject, byModes: boolean): boolean {
  const modesA = a.spec?.accessModes?.length ?? 0;
  const modesB = b.spec?.accessModes?.length ?? 0;
  if (byModes && modesA !== modesB) return modesA < modesB;
  return volumeCapacity(a) < volumeCapacity(b);
}

/** An ObjectReference to a claim, as `reference.GetReference` builds it for `spec.claimRef`. */
export function claimRefOf(pvc: PvcObject): ObjectReference {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    name: pvc.metadata.name,
    namespace: pvc.metadata.namespace,
    resourceVersion: pvc.metadata.resourceVersion,
    uid: pvc.metadata.uid,
  };
}

/**
 * Moves a volume to `phase`, stamping `lastPhaseTransitionTime` when the phase
 * changes. Writes nothing when phase and message are already as asked.
 */
export function setVolumePhase(state: ClusterState, pvName: string, phase: string, message?: string): void {
  const current = getObject<PvObject>(state, 'PersistentVolume', undefined, pvName);
  if (current?.status?.phase === phase && current.status.message === message) return;
  updateObject<PvObject>(state, 'PersistentVolume', undefined, pvName, (pv) => {
    const status = { ...pv.status };
    if (status.phase === phase && status.message === message) return;
    if (status.phase !== phase) status.lastPhaseTransitionTime = nowTimestamp(state);
    status.phase = phase;
    if (message === undefined) delete status.message;
    else status.message = message;
    setStatus(pv, status);
  });
}

/**
 * Sets a claim's phase. Bound copies the volume's access modes and capacity
 * into the status; any other phase clears them (updateClaimStatus). Returns
 * true when something changed.
 */
export function setClaimPhase(state: ClusterState, pvc: PvcObject, phase: string, pv?: PvObject): boolean {
  const status = pvc.status;
  if (status?.phase === phase && (pv ? jsonEqual(status.accessModes, pv.spec?.accessModes) && jsonEqual(status.capacity, pv.spec?.capacity) : !status.accessModes && !status.capacity)) {
    return false;
  }
  const before = pvc.metadata.resourceVersion;
  const after = updateObject<PvcObject>(state, 'PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name, (draft) => {
    const status = { ...draft.status, phase };
    if (pv) {
      status.accessModes = [...(pv.spec?.accessModes ?? [])];
      status.capacity = { ...pv.spec?.capacity };
    } else {
      delete status.accessModes;
      delete status.capacity;
    }
    setStatus(draft, status);
  });
  return after !== undefined && after.metadata.resourceVersion !== before;
}

/**
 * Binds a volume and a claim to each other, each step written only if needed
 * (pv_controller `bind`): the volume's claimRef, the volume's phase Bound, the
 * claim's `volumeName` and annotations, the claim's status Bound with the
 * volume's capacity and access modes. The two objects' specs and statuses are
 * separate writes, as the real status subresource makes them, so a watch sees
 * `Pending` with a VOLUME before `Bound`.
 */
export function bindVolumeAndClaim(state: ClusterState, pvName: string, namespace: string, claimName: string): void {
  const pvc = getObject<PvcObject>(state, 'PersistentVolumeClaim', namespace, claimName);
  const pv = getObject<PvObject>(state, 'PersistentVolume', undefined, pvName);
  if (!pvc || !pv) return;
  // A claim already naming another volume is never re-pointed (bindClaimToVolume refuses too).
  if (pvc.spec?.volumeName && pvc.spec.volumeName !== pvName) return;
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== pvc.metadata.name || ref.namespace !== namespace || ref.uid !== pvc.metadata.uid) {
    const byController = !isVolumeBoundToClaim(pv, pvc);
    updateObject<PvObject>(state, 'PersistentVolume', undefined, pvName, (draft) => {
      draft.spec = { ...draft.spec, claimRef: claimRefOf(pvc) };
      if (byController) writableMeta(draft).annotations = { ...draft.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    });
  }
  setVolumePhase(state, pvName, 'Bound');

  const annotations = pvc.metadata.annotations ?? {};
  if (!pvc.spec?.volumeName || !annotations[ANN_BIND_COMPLETED]) updateObject<PvcObject>(state, 'PersistentVolumeClaim', namespace, claimName, (draft) => {
    const annotations = { ...draft.metadata.annotations };
    if (!draft.spec?.volumeName) {
      draft.spec = { ...draft.spec, volumeName: pvName };
      annotations[ANN_BOUND_BY_CONTROLLER] ??= 'yes';
    }
    annotations[ANN_BIND_COMPLETED] ??= 'yes';
    writableMeta(draft).annotations = annotations;
  });
  const claim = getObject<PvcObject>(state, 'PersistentVolumeClaim', namespace, claimName);
  const volume = getObject<PvObject>(state, 'PersistentVolume', undefined, pvName);
  if (claim && volume) setClaimPhase(state, claim, 'Bound', volume);
  volumeRuntime(state, pvName);
}
