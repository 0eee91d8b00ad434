/**
 * The attach/detach controller (spec R9.10–R9.12, R12.10–R12.11): the
 * reconciler of `pkg/controller/volume/attachdetach/reconciler/reconciler.go`
 * over a desired state built from pod objects. It maintains
 * `runtime.volumes[pv].attachedTo`; the kubelet starts a pod's containers
 * only once each attachable volume is attached to its node.
 *
 * Each pass detaches first, then attaches:
 * - Detach from a node when no pod object bound there still uses the volume
 *   (a Terminating pod still does; a terminal or vanished one does not). On a
 *   node whose Ready condition is not True the kubelet cannot unmount, so the
 *   volume stays until the force-detach timeout (`timing.forceDetachMs`, 6 min)
 *   counted from the deletion of its last pods there, or at once if the node
 *   is tainted `node.kubernetes.io/out-of-service`.
 * - Attach for every scheduled, non-terminal, non-terminating pod whose
 *   claims are Bound to attachable volumes (`isAttachable`). A volume attached
 *   elsewhere whose PV offers neither ReadWriteMany nor ReadOnlyMany is not
 *   attached: the pod gets the Multi-Attach `FailedAttachVolume` warning.
 *   Earlier-created pods are served first.
 *
 * Deviation: upstream keeps the volume attached as long as a Terminating pod
 * on the dead node exists and starts the 6-minute clock when the pod object
 * goes; here the clock also runs for such pods, from their deletionTimestamp.
 * Left out: VolumeAttachment objects, attach latency, node `volumesInUse`
 * reporting, inline (non-PVC) volumes.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { CORE_KINDS, type Controller } from '../controller';
import type { ClusterState, Timer } from '../clusterState';
import { schedule } from '../eventQueue';
import { recordEvent, recordEventOnce } from '../recorder';
import { getObject, listObjects } from '../store';
import { isAttachable, podClaimNames, volumeRuntime, type PvcObject, type PvObject } from '../storage';
import type { KObject } from '../../model/objects';
import { isTerminal, type PodObject } from '../../model/pod';

const SOURCE = 'attachdetach-controller';
/** Timer that wakes the controller when a force detach becomes due; target `PersistentVolume/<pv>`, data `{node}`. */
export const FORCE_DETACH_TIMER = 'attachDetach.forceDetach';
/** The taint of a non-graceful node shutdown (R12.10). */
export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

/** Attaches volumes to the nodes of the pods that use them and detaches them when unused. */
export const attachDetachController: Controller = {
  name: SOURCE,
  watches: CORE_KINDS,
  reconcile(state) {
    const users = volumeUsers(state);
    detachUnused(state, users);
    attachNeeded(state, users);
  },
  timers: {
    [FORCE_DETACH_TIMER]: (state: ClusterState, timer: Timer) => {
      const pvName = timer.target.slice('PersistentVolume/'.length);
      const node = String(timer.data?.['node'] ?? '');
      const vol = state.runtime.volumes[pvName];
      if (!vol?.attachedTo.includes(node) || isNodeHealthy(state, node)) return;
      const onNode = (volumeUsers(state).get(pvName) ?? []).filter((pod) => pod.spec?.nodeName === node);
      // The clock that this timer ran out: from a pod object's disappearance, or from its deletion request.
      if (onNode.length === 0 || onNode.every((pod) => forceDetachDueAt(state, pod) <= state.now)) detach(vol, node);
    },
  },
};

/** Pods (bound to a node, not terminal) using each volume, by PV name; sorted by creation, then namespace/name. */
function volumeUsers(state: ClusterState): Map<string, PodObject[]> {
  const users = new Map<string, PodObject[]>();
  const pods = listObjects<PodObject>(state, 'Pod').filter((pod) => pod.spec?.nodeName && !isTerminal(pod));
  pods.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  for (const pod of pods) {
    for (const claim of podClaimNames(pod)) {
      const pvc = getObject<PvcObject>(state, 'PersistentVolumeClaim', pod.metadata.namespace, claim);
      const pvName = pvc?.status?.phase === 'Bound' ? pvc.spec?.volumeName : undefined;
      if (!pvName) continue;
      const list = users.get(pvName) ?? [];
      if (!list.includes(pod)) list.push(pod);
      users.set(pvName, list);
    }
  }
  return users;
}

function isNodeHealthy(state: ClusterState, nodeName: string): boolean {
  const node = getObject<Node & KObject>(state, 'Node', undefined, nodeName);
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

function outOfService(state: ClusterState, nodeName: string): boolean {
  const node = getObject<Node & KObject>(state, 'Node', undefined, nodeName);
  return (node?.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE_TAINT);
}

/**
 * When a terminating pod's volumes may be force-detached from an unhealthy
 * node: `forceDetachMs` after its deletion was requested (the deletionTimestamp
 * lies a grace period after the request). Infinity if it is not terminating.
 */
function forceDetachDueAt(state: ClusterState, pod: PodObject): number {
  const deletion = pod.metadata.deletionTimestamp;
  if (!deletion) return Infinity;
  const requested = Date.parse(deletion) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return requested - state.epochMs + state.config.timing.forceDetachMs;
}

function detach(vol: { attachedTo: string[] }, node: string): void {
  vol.attachedTo = vol.attachedTo.filter((n) => n !== node);
}

function pendingForceDetach(state: ClusterState, pvName: string, node: string): boolean {
  return state.timers.some((t) => t.type === FORCE_DETACH_TIMER && t.target === `PersistentVolume/${pvName}` && t.data?.['node'] === node);
}

function detachUnused(state: ClusterState, users: Map<string, PodObject[]>): void {
  // Node objects do not change during this loop (it only moves attachments): ask about each node once.
  const healthy = new Map<string, boolean>();
  const nodeHealthy = (node: string): boolean => {
    let ok = healthy.get(node);
    if (ok === undefined) {
      ok = isNodeHealthy(state, node);
      healthy.set(node, ok);
    }
    return ok;
  };
  for (const pvName of Object.keys(state.runtime.volumes).sort()) {
    const vol = state.runtime.volumes[pvName];
    if (!vol) continue;
    for (const node of [...vol.attachedTo]) {
      const onNode = (users.get(pvName) ?? []).filter((pod) => pod.spec?.nodeName === node);
      const allTerminating = onNode.every((pod) => pod.metadata.deletionTimestamp);
      if (onNode.length === 0 && nodeHealthy(node)) {
        detach(vol, node);
      } else if (allTerminating && outOfService(state, node)) {
        detach(vol, node);
      } else if (allTerminating && !nodeHealthy(node)) {
        const due = onNode.length ? Math.max(...onNode.map((pod) => forceDetachDueAt(state, pod))) : undefined;
        if (due !== undefined && due <= state.now) detach(vol, node);
        else if (!pendingForceDetach(state, pvName, node)) {
          // A vanished pod's clock starts now (upstream: when the volume left the desired state).
          const delay = due === undefined ? state.config.timing.forceDetachMs : due - state.now;
          schedule(state, delay, FORCE_DETACH_TIMER, `PersistentVolume/${pvName}`, { node });
        }
      }
    }
  }
}

/** isMultiAttachAllowed: only volumes offering ReadWriteMany or ReadOnlyMany may sit on several nodes. */
function multiAttachAllowed(pv: PvObject): boolean {
  const modes = pv.spec?.accessModes ?? [];
  return modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany');
}

function attachNeeded(state: ClusterState, users: Map<string, PodObject[]>): void {
  for (const [pvName, pods] of [...users.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pv = getObject<PvObject>(state, 'PersistentVolume', undefined, pvName);
    if (!pv || !isAttachable(pv)) continue;
    for (const pod of pods) {
      const node = pod.spec?.nodeName ?? '';
      // Nothing attaches to a node object that does not exist (the controller only manages known nodes).
      if (pod.metadata.deletionTimestamp || !getObject(state, 'Node', undefined, node)) continue;
      const vol = volumeRuntime(state, pvName);
      if (vol.attachedTo.includes(node)) continue;
      if (vol.attachedTo.length > 0 && !multiAttachAllowed(pv)) {
        reportMultiAttach(state, pod, pvName, vol.attachedTo, pods);
        continue;
      }
      vol.attachedTo = [...vol.attachedTo, node];
      for (const user of pods) {
        if (user.spec?.nodeName !== node || user.metadata.deletionTimestamp) continue;
        recordEvent(state, user, 'Normal', 'SuccessfulAttachVolume', `AttachVolume.Attach succeeded for volume "${pvName}"`, SOURCE);
      }
    }
  }
}

/** The Multi-Attach warning of reportMultiAttachError: who holds the volume, as far as this namespace may know. */
function reportMultiAttach(state: ClusterState, pod: PodObject, pvName: string, attachedTo: string[], users: PodObject[]): void {
  const holders = users.filter((user) => attachedTo.includes(user.spec?.nodeName ?? ''));
  let detail: string;
  if (holders.length === 0) {
    detail = "Volume is already exclusively attached to one node and can't be attached to another";
  } else {
    const local = holders.filter((h) => h.metadata.namespace === pod.metadata.namespace).map((h) => h.metadata.name);
    const others = holders.length - local.length;
    if (local.length === 0) detail = `Volume is already used by ${others} pod(s) in different namespaces`;
    else {
      detail = `Volume is already used by pod(s) ${local.join(', ')}`;
      if (others > 0) detail += ` and ${others} pod(s) in different namespaces`;
    }
  }
  recordEventOnce(state, pod, 'Warning', 'FailedAttachVolume', `Multi-Attach error for volume "${pvName}" ${detail}`, SOURCE);
}
