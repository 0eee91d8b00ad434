/**
 * The PersistentVolume controller ("persistentvolume-binder" in
 * kube-controller-manager): `syncClaim`, `syncUnboundClaim` and
 * `syncBoundClaim` of `pkg/controller/volume/persistentvolume/pv_controller.go`
 * (spec R9.1, R9.3–R9.8). Each pass syncs every volume, then every claim:
 *
 * - volumes move between Available, Bound, Released and Failed and are
 *   reclaimed (pvReclaimer.ts);
 * - an unbound claim binds to a matching static volume (pvBinder.ts); failing
 *   that it gets the default class if it has no class field (R9.1,
 *   retroactive), waits for its first consumer (WaitForFirstConsumer class
 *   without `volume.kubernetes.io/selected-node`), is provisioned
 *   (pvProvisioner.ts) and bound in the same pass, or, with no class, reports
 *   FailedBinding;
 * - a bound claim whose volume vanished or was taken becomes Lost.
 *
 * Contract with the scheduler: for a WaitForFirstConsumer claim it writes the
 * selected-node annotation and waits for the claim to be Bound before binding
 * the pod; this controller then binds a static volume usable from that node or
 * provisions one there. Unlike upstream (where the scheduler pre-binds static
 * volumes itself) both cases go through the annotation.
 *
 * Incremental passes: a volume at rest or a bound claim is synced again only
 * when it, or the object on the other side of the binding, was written since
 * the previous pass (changeTracker.ts); everything else is synced every pass.
 *
 * Left out: the periodic 15 s resync (repeated events are recorded once),
 * volume expansion, VolumeAttributesClasses, and the `Recycle` policy.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { KObject } from '../../model/objects';
import { createPassTracker, writtenSince, type ChangeTracker } from '../changeTracker';
import { CORE_KINDS, type Controller } from '../controller';
import type { ClusterState } from '../clusterState';
import { isTerminal, type PodObject } from '../../model/pod';
import { recordEvent, recordEventOnce } from '../recorder';
import { bindingMode, claimStorageClass, defaultStorageClass, podClaimNames, type PvcObject, type PvObject } from '../storage';
import { getObject, listObjects, updateObject } from '../store';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  bindVolumeAndClaim,
  claimClassName,
  findMatchingVolume,
  setClaimPhase,
  volumeMismatch,
  isVolumeBoundToClaim,
} from './pvBinder';
import { provisionClaim } from './pvProvisioner';
import { syncVolume } from './pvReclaimer';

const SOURCE = 'persistentvolume-controller';

/** Binds, provisions and reclaims volumes for claims (event source `persistentvolume-controller`). */
export const persistentVolumeController: Controller = {
  name: SOURCE,
  watches: CORE_KINDS,
  reconcile(state) {
    const changes = changesSincePreviousPass(state);
    // Volumes first: a volume created in the same instant as its claim is Available before the claim looks for it.
    for (const pv of listObjects<PvObject>(state, 'PersistentVolume')) {
      if (volumeMayNeedSync(state, changes, pv)) syncVolume(state, pv.metadata.name);
    }
    // Only unbound WaitForFirstConsumer claims ask who waits for them; this controller writes no pods, so building it late sees the same pods.
    let consumers: Map<string, string[]> | undefined;
    const waiting: Consumers = (key) => (consumers ??= unscheduledConsumers(state)).get(key) ?? [];
    for (const pvc of listObjects<PvcObject>(state, 'PersistentVolumeClaim')) {
      if (claimMayNeedSync(state, changes, pvc)) syncClaim(state, pvc.metadata.namespace ?? 'default', pvc.metadata.name, waiting);
    }
  },
};

const changesSincePreviousPass = createPassTracker(['PersistentVolume', 'PersistentVolumeClaim']);

/**
 * False for a volume at rest (Available, or Bound) when neither it nor the
 * claim it names was written since the previous pass: its sync depends on
 * those two objects only and found nothing to do then. Released and Failed
 * volumes are always synced (reclaiming also touches runtime data).
 */
function volumeMayNeedSync(state: ClusterState, changes: ChangeTracker, pv: PvObject): boolean {
  const phase = pv.status?.phase;
  if (phase !== 'Available' && phase !== 'Bound') return true;
  if (writtenSince(changes, 'PersistentVolume', undefined, pv.metadata.name)) return true;
  const ref = pv.spec?.claimRef;
  return ref ? writtenSince(changes, 'PersistentVolumeClaim', ref.namespace, ref.name ?? '') : false;
}

/**
 * False for a bound claim (bind completed, volume named, the volume's runtime
 * record present) when neither it nor its volume was written since the
 * previous pass: syncBoundClaim depends on those two objects only. Unbound
 * claims are always synced: they also depend on classes, nodes, pods and
 * every free volume.
 */
function claimMayNeedSync(state: ClusterState, changes: ChangeTracker, pvc: PvcObject): boolean {
  const volumeName = pvc.spec?.volumeName;
  if (!pvc.metadata.annotations?.[ANN_BIND_COMPLETED] || !volumeName || !state.runtime.volumes[volumeName]) return true;
  return writtenSince(changes, 'PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name) || writtenSince(changes, 'PersistentVolume', undefined, volumeName);
}

/** Names of the unscheduled, non-terminal pods using the claim `namespace/claim` (built at most once per pass). */
type Consumers = (claimKey: string) => string[];

function unscheduledConsumers(state: ClusterState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    if (pod.spec?.nodeName || isTerminal(pod)) continue;
    for (const claim of podClaimNames(pod)) {
      const key = `${pod.metadata.namespace}/${claim}`;
      const list = out.get(key) ?? [];
      list.push(pod.metadata.name);
      out.set(key, list);
    }
  }
  return out;
}

function getClaim(state: ClusterState, namespace: string, name: string): PvcObject | undefined {
  return getObject<PvcObject>(state, 'PersistentVolumeClaim', namespace, name);
}

function syncClaim(state: ClusterState, namespace: string, name: string, waiting: Consumers): void {
  const pvc = getClaim(state, namespace, name);
  if (!pvc) return;
  if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED]) syncBoundClaim(state, pvc);
  else syncUnboundClaim(state, pvc, waiting);
}

function syncUnboundClaim(state: ClusterState, pvc: PvcObject, waiting: Consumers): void {
  if (!pvc.status?.phase) setClaimPhase(state, pvc, 'Pending');
  const claim = getClaim(state, pvc.metadata.namespace ?? 'default', pvc.metadata.name) ?? pvc;
  if (claim.spec?.volumeName) {
    syncPreboundClaim(state, claim, claim.spec.volumeName);
    return;
  }
  // A claim on its way out gets no new volume.
  if (claim.metadata.deletionTimestamp) return;

  const sc = claimStorageClass(state, claim);
  const delayBinding = sc !== undefined && bindingMode(sc) === 'WaitForFirstConsumer';
  const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
  const node = selectedNode ? getObject<Node & KObject>(state, 'Node', undefined, selectedNode) : undefined;
  // Static volumes are only considered where the claim will be used: the selected node, if it still exists.
  const match = findMatchingVolume(state, claim, delayBinding ? { node, delayBinding: !node } : {});
  if (match) {
    bindVolumeAndClaim(state, match.metadata.name, claim.metadata.namespace ?? 'default', claim.metadata.name);
    return;
  }
  // R9.1 retroactive default class: only a claim with no class field at all, and only when nothing matched.
  if (claim.spec?.storageClassName === undefined || claim.spec.storageClassName === null) {
    const fallback = defaultStorageClass(state);
    if (fallback) {
      updateObject<PvcObject>(state, 'PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name, (draft) => {
        draft.spec = { ...draft.spec, storageClassName: fallback.metadata.name };
      });
      return;
    }
  }
  if (delayBinding && !selectedNode) {
    emitWaitingForConsumer(state, claim, waiting(`${claim.metadata.namespace}/${claim.metadata.name}`));
    return;
  }
  const className = claimClassName(claim);
  if (className !== '') {
    const pv = provisionClaim(state, claim, className, selectedNode);
    if (pv) bindVolumeAndClaim(state, pv.metadata.name, claim.metadata.namespace ?? 'default', claim.metadata.name);
    return;
  }
  recordEventOnce(state, claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', SOURCE);
}

/** WaitForFirstConsumer / WaitForPodScheduled (emitEventForUnboundDelayBindingClaim, R9.4). */
function emitWaitingForConsumer(state: ClusterState, pvc: PvcObject, waiting: string[]): void {
  if (waiting.length === 0) {
    recordEventOnce(state, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', SOURCE);
  } else if (waiting.length === 1) {
    recordEventOnce(state, pvc, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0] ?? ''} to be scheduled`, SOURCE);
  } else {
    recordEventOnce(state, pvc, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`, SOURCE);
  }
}

/** The user named a volume in `spec.volumeName`. */
function syncPreboundClaim(state: ClusterState, pvc: PvcObject, pvName: string): void {
  const pv = getObject<PvObject>(state, 'PersistentVolume', undefined, pvName);
  const namespace = pvc.metadata.namespace ?? 'default';
  // A volume that does not exist yet may still be created: keep waiting.
  if (!pv) return;
  if (!pv.spec?.claimRef) {
    const mismatch = volumeMismatch(pv, pvc);
    if (mismatch) {
      recordEventOnce(state, pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pvName}": ${mismatch}`, SOURCE);
      return;
    }
    bindVolumeAndClaim(state, pvName, namespace, pvc.metadata.name);
  } else if (isVolumeBoundToClaim(pv, pvc)) {
    bindVolumeAndClaim(state, pvName, namespace, pvc.metadata.name);
  } else if (pvc.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
    recordEventOnce(state, pvc, 'Warning', 'FailedBinding', `volume "${pvName}" already bound to a different claim.`, SOURCE);
  }
}

/** A claim bound before: keep both sides consistent, or mark it Lost (syncBoundClaim). */
function syncBoundClaim(state: ClusterState, pvc: PvcObject): void {
  const pvName = pvc.spec?.volumeName;
  if (!pvName) {
    lose(state, pvc, 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
    return;
  }
  const pv = getObject<PvObject>(state, 'PersistentVolume', undefined, pvName);
  if (!pv) {
    lose(state, pvc, 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    return;
  }
  const ref = pv.spec?.claimRef;
  if (!ref || ref.uid === pvc.metadata.uid) {
    bindVolumeAndClaim(state, pvName, pvc.metadata.namespace ?? 'default', pvc.metadata.name);
    return;
  }
  lose(state, pvc, 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}

/** Phase Lost, with its Warning event only on the transition. */
function lose(state: ClusterState, pvc: PvcObject, reason: string, message: string): void {
  if (pvc.status?.phase === 'Lost') return;
  if (setClaimPhase(state, pvc, 'Lost')) recordEvent(state, pvc, 'Warning', reason, message, SOURCE);
}
