/**
 * The volume plugins of kube-scheduler v1.33: VolumeRestrictions
 * (`plugins/volumerestrictions`, ReadWriteOncePod, R9.14) and VolumeBinding
 * (`plugins/volumebinding`, `binder.go` FindPodVolumes, R9.3, R9.4, R9.13).
 *
 * PreFilter rejects a pod whose claim is missing, being deleted, or unbound in
 * an Immediate class (the PV controller must bind those first). Filter checks,
 * per node: claims already bound need their PV's node affinity to allow the
 * node; unbound WaitForFirstConsumer claims need either an Available static PV
 * that fits and allows the node, or a class whose provisioner can create one
 * there (any provisioner except `kubernetes.io/no-provisioner`, within the
 * class's `allowedTopologies`).
 *
 * Left out: generic ephemeral volumes, CSIStorageCapacity, in-tree volume
 * conflicts (GCE PD, EBS, RBD, iSCSI).
 */
import type { Node, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { PROVISIONERS } from '../../bootstrap';
import { fromLabelSelector, matches } from '../../../model/labelSelector';
import { objectKey } from '../../../model/objects';
import type { PodObject } from '../../../model/pod';
import { parseQuantity } from '../../../model/quantity';
import type { ClusterState } from '../../clusterState';
import {
  bindingMode,
  claimStorageClass,
  podClaimNames,
  pvAllowsNode,
  type PvcObject,
  type PvObject,
} from '../../storage';
import { getObject, listObjects } from '../../store';
import { REASONS, unresolvable, type Cycle, type FilterStatus } from './cycle';
import type { NodeInfo } from './snapshot';

/** The annotation through which the scheduler tells the PV controller where a WFFC claim's pod will run. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';

/**
 * The spec (R10.2) counts a ReadWriteOncePod conflict as not resolvable by
 * preemption. Upstream v1.33 returns `Unschedulable` (resolvable) here; flip
 * this constant to follow upstream instead.
 */
const READ_WRITE_ONCE_POD_UNRESOLVABLE = true;

/** What PreFilter learnt about the pod's claims. */
export interface VolumeCycle {
  /** Claims bound to a PV (`pv` undefined when that PV object does not exist). */
  bound: { claim: PvcObject; pv: PvObject | undefined }[];
  /** Unbound claims of WaitForFirstConsumer classes: their node is chosen with the pod's. */
  delayed: PvcObject[];
  /** Claims with ReadWriteOncePod access. */
  readWriteOncePod: PvcObject[];
  /** Per delayed claim (by name): static PVs that could bind it on some node, best first. */
  candidates: Map<string, PvObject[]>;
  /** PVs promised to pods placed earlier in this pass. */
  reserved: Set<string>;
  /** Per node: the static PVs the delayed claims would take there (filled by Filter). */
  staticChoice: Map<string, string[]>;
}

/** Either the PreFilter rejection message or the pod's volume cycle. */
export type VolumePreFilter = { message: string } | { volumes: VolumeCycle };

function isBound(claim: PersistentVolumeClaim): boolean {
  return claim.status?.phase === 'Bound' && Boolean(claim.spec?.volumeName);
}

function storageOf(capacity: Record<string, string> | undefined): number {
  return parseQuantity(capacity?.['storage']) ?? 0;
}

function preBoundTo(pv: PvObject, claim: PvcObject): boolean {
  const ref = pv.spec?.claimRef;
  return (
    ref !== undefined &&
    ref.name === claim.metadata.name &&
    (ref.namespace ?? 'default') === claim.metadata.namespace &&
    (!ref.uid || ref.uid === claim.metadata.uid)
  );
}

/**
 * Static PVs that satisfy a claim apart from node affinity (pv_controller
 * `checkVolumeSatisfyClaim`, R9.6): same class, free or pre-bound to this
 * claim, access modes, size, volume mode, selector. Pre-bound first, then
 * smallest, then by name.
 */
function staticCandidates(freeVolumes: PvObject[], claim: PvcObject): PvObject[] {
  const className = claim.spec?.storageClassName ?? '';
  const wanted = claim.spec?.accessModes ?? [];
  const size = storageOf(claim.spec?.resources?.requests);
  const mode = claim.spec?.volumeMode ?? 'Filesystem';
  const selector = claim.spec?.selector ? fromLabelSelector(claim.spec.selector) : undefined;
  const named = claim.spec?.volumeName;
  const fits = freeVolumes.filter((pv) => {
    // A claim that names its volume can only get that one.
    if (named && pv.metadata.name !== named) return false;
    if ((pv.spec?.storageClassName ?? '') !== className) return false;
    if (pv.spec?.claimRef && !preBoundTo(pv, claim)) return false;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== mode) return false;
    if (!wanted.every((m) => pv.spec?.accessModes?.includes(m))) return false;
    if (storageOf(pv.spec?.capacity) < size) return false;
    return selector === undefined || matches(selector, pv.metadata.labels);
  });
  return fits.sort(
    (a, b) =>
      Number(preBoundTo(b, claim)) - Number(preBoundTo(a, claim)) ||
      storageOf(a.spec?.capacity) - storageOf(b.spec?.capacity) ||
      (a.metadata.name < b.metadata.name ? -1 : 1),
  );
}

/** Volume facts shared by every pod scheduled in one pass. */
export interface VolumePass {
  /** PVs promised to pods placed earlier in this pass. */
  reserved: Set<string>;
  /** PVs that could still be bound (not Bound, Released, Failed or deleting), computed on first use. */
  freeVolumes?: PvObject[];
}

function freeVolumesOf(state: ClusterState, pass: VolumePass): PvObject[] {
  pass.freeVolumes ??= listObjects<PvObject>(state, 'PersistentVolume').filter(
    (pv) => !pv.metadata.deletionTimestamp && !['Bound', 'Released', 'Failed'].includes(pv.status?.phase ?? ''),
  );
  return pass.freeVolumes;
}

/** VolumeRestrictions + VolumeBinding PreFilter: the claims must exist, not be deleting, and be bound unless WFFC. */
export function preFilterVolumes(state: ClusterState, pod: PodObject, pass: VolumePass): VolumePreFilter {
  const ns = pod.metadata.namespace;
  const claims: PvcObject[] = [];
  for (const name of podClaimNames(pod)) {
    const claim = getObject<PvcObject>(state, 'PersistentVolumeClaim', ns, name);
    if (!claim) return { message: `persistentvolumeclaim "${name}" not found` };
    if (claim.metadata.deletionTimestamp) return { message: `persistentvolumeclaim "${name}" is being deleted` };
    claims.push(claim);
  }
  const volumes: VolumeCycle = {
    bound: [],
    delayed: [],
    readWriteOncePod: claims.filter((c) => c.spec?.accessModes?.includes('ReadWriteOncePod')),
    candidates: new Map(),
    reserved: pass.reserved,
    staticChoice: new Map(),
  };
  let unboundImmediate = false;
  for (const claim of claims) {
    if (isBound(claim)) {
      const pv = getObject<PvObject>(state, 'PersistentVolume', undefined, claim.spec?.volumeName ?? '');
      volumes.bound.push({ claim, pv });
    } else if (bindingMode(claimStorageClass(state, claim)) === 'WaitForFirstConsumer') {
      volumes.delayed.push(claim);
      volumes.candidates.set(claim.metadata.name, staticCandidates(freeVolumesOf(state, pass), claim));
    } else {
      unboundImmediate = true;
    }
  }
  if (unboundImmediate) return { message: 'pod has unbound immediate PersistentVolumeClaims' };
  return { volumes };
}

/** Whether the claim's class can provision a volume usable from this node. */
function canProvision(state: ClusterState, claim: PvcObject, node: Node): boolean {
  const sc = claimStorageClass(state, claim);
  if (!sc || sc.provisioner === PROVISIONERS.none) return false;
  const terms = sc.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  const labels = node.metadata?.labels ?? {};
  return terms.some((term) =>
    (term.matchLabelExpressions ?? []).every((e) => e.values.includes(labels[e.key] ?? '\u0000')),
  );
}

/** VolumeRestrictions Filter: a ReadWriteOncePod claim already used by a placed pod blocks every node. */
export function volumeRestrictionsFilter(cycle: Cycle, _info: NodeInfo): FilterStatus | undefined {
  for (const claim of cycle.volumes.readWriteOncePod) {
    if ((cycle.snapshot.claimUsers.get(objectKey(claim.metadata.namespace, claim.metadata.name)) ?? 0) > 0) {
      return { reasons: [REASONS.readWriteOncePod], unresolvable: READ_WRITE_ONCE_POD_UNRESOLVABLE };
    }
  }
  return undefined;
}

/** VolumeBinding Filter (FindPodVolumes): bound PVs must allow the node, unbound WFFC claims must be satisfiable on it. */
export function volumeBindingFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  const { volumes } = cycle;
  let boundFits = true;
  let pvsExist = true;
  for (const { pv } of volumes.bound) {
    if (!pv) pvsExist = false;
    else if (!pvAllowsNode(pv, info.node)) boundFits = false;
  }
  let unboundFits = true;
  const chosen: string[] = [];
  for (const claim of volumes.delayed) {
    const selected = claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
    // A claim already promised to a node pins the pod there (binder.go "fast path, skip unmatched node").
    if (selected !== undefined && selected !== info.name) {
      unboundFits = false;
      break;
    }
    if (selected === undefined) {
      const pv = (volumes.candidates.get(claim.metadata.name) ?? []).find(
        (c) => !volumes.reserved.has(c.metadata.name) && !chosen.includes(c.metadata.name) && pvAllowsNode(c, info.node),
      );
      if (pv) {
        chosen.push(pv.metadata.name);
        continue;
      }
    }
    if (!canProvision(cycle.state, claim, info.node)) {
      unboundFits = false;
      break;
    }
  }
  volumes.staticChoice.set(info.name, chosen);
  const reasons: string[] = [];
  if (!boundFits) reasons.push(REASONS.volumeNodeConflict);
  if (!unboundFits) reasons.push(REASONS.volumeBindConflict);
  if (!pvsExist) reasons.push(REASONS.volumeMissing);
  return reasons.length ? unresolvable(...reasons) : undefined;
}
