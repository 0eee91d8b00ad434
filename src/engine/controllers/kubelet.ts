/**
 * The kubelet of every node: admits pods bound to its node, waits for their
 * volumes (claims bound, network disks attached), pulls images and starts
 * containers in order, runs readiness probes, restarts crashed containers with
 * back-off, and terminates deleted pods within their grace period — SIGTERM,
 * terminal phase (R6.2), then the final removal of the pod object.
 * After `pkg/kubelet/kubelet.go` (SyncPod, canAdmitPod), `pod_workers.go`
 * (termination) and `status/status_manager.go`.
 *
 * A node whose kubelet is down (`sim node-down`) does nothing: no status
 * updates, no terminations — its containers keep running (R12).
 * Left out: init containers, sidecars, liveness probes (they only fail by
 * crash here), ephemeral containers, resource limits/OOM.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { setStatus, type KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import type { ClusterState, ContainerRuntime, PodRuntime, Timer } from '../clusterState';
import type { Controller } from '../controller';
import { cancelTimers, schedule } from '../eventQueue';
import { processPlan } from '../images';
import { recordEvent } from '../recorder';
import { boundVolume, isAttachable, podClaimNames, volumeRuntime } from '../storage';
import { getObject, listObjects, removeObject, updateObject } from '../store';
import { beginPull, onExited, onLiveness, onProbe, onPulled, onRestart, onStarted, podOf, restartForNewImage, SOURCE } from './kubeletContainers';
import { syncPodStatus } from './kubeletStatus';

function newContainer(name: string, image: string): ContainerRuntime {
  return {
    name,
    image,
    state: 'waiting',
    reason: 'ContainerCreating',
    restartCount: 0,
    files: {},
    backoffMs: 0,
    pullBackoffMs: 0,
    ready: false,
    probeFailures: 0,
    probeSuccesses: 0,
    probeGen: 0,
    incarnation: 0,
  };
}

function hostPortsOf(pod: Pod): string[] {
  return (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => `${p.protocol ?? 'TCP'}/${p.hostPort}`));
}

/** Kubelet admission: a host port already used on this node rejects the pod (S12). */
function admissionFailure(state: ClusterState, pod: PodObject, node: string): string | undefined {
  const wanted = hostPortsOf(pod);
  if (!wanted.length) return undefined;
  for (const rec of Object.values(state.runtime.pods)) {
    if (rec.node !== node || rec.uid === pod.metadata.uid || rec.phase === 'done') continue;
    const other = podOf(state, rec);
    if (other && hostPortsOf(other).some((p) => wanted.includes(p))) return 'NodePorts';
  }
  return undefined;
}

/** Rejects a pod the kubelet cannot admit: phase Failed with the predicate as reason. */
function reject(state: ClusterState, pod: PodObject, rejected: string): void {
    updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
      setStatus(p, {
        ...p.status,
        phase: 'Failed',
        reason: rejected,
        message: `Pod was rejected: Predicate ${rejected} failed: node(s) didn't have free ports for the requested pod ports`,
      });
    });
}

function admit(state: ClusterState, pod: PodObject, node: string): void {
  if (admissionFailure(state, pod, node)) {
    // The pod worker picks the pod up a moment later; pacing also keeps a
    // reject-recreate cycle (S12) from spinning at one simulated instant.
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (!state.timers.some((t) => t.type === 'kubelet.admit' && t.target === key)) schedule(state, 1000, 'kubelet.admit', key, { uid: pod.metadata.uid ?? '' });
    return;
  }
  const rec: PodRuntime = {
    uid: pod.metadata.uid ?? '',
    key: `${pod.metadata.namespace}/${pod.metadata.name}`,
    node,
    phase: 'mounting',
    nextContainer: 0,
    containers: (pod.spec?.containers ?? []).map((c) => newContainer(c.name, c.image ?? '')),
    emptyDirs: Object.fromEntries((pod.spec?.volumes ?? []).filter((v) => v.emptyDir).map((v) => [v.name, {}])),
    startedAt: state.now,
  };
  state.runtime.pods[rec.uid] = rec;
  syncPodStatus(state, rec);
}

/** Claims bound and attachable volumes attached to this node (the volume manager's WaitForAttachAndMount). */
function volumesReady(state: ClusterState, pod: PodObject, node: string): boolean {
  for (const claim of podClaimNames(pod)) {
    const pvc = getObject<PersistentVolumeClaim & KObject>(state, 'PersistentVolumeClaim', pod.metadata.namespace, claim);
    const pv = pvc && boundVolume(state, pvc);
    if (!pv) return false;
    if (isAttachable(pv) && !volumeRuntime(state, pv.metadata.name).attachedTo.includes(node)) return false;
  }
  return true;
}

/** Starts graceful termination: SIGTERM now, SIGKILL at the grace deadline (R6.1). */
function beginTermination(state: ClusterState, pod: PodObject, rec: PodRuntime): void {
  const started = rec.containers.some((c) => c.state === 'running');
  if (!started || rec.phase === 'done') {
    finishTermination(state, rec);
    return;
  }
  rec.phase = 'terminating';
  const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
  let stopAt = 0;
  pod.spec?.containers.forEach((spec, i) => {
    const c = rec.containers[i];
    if (!c || c.state !== 'running') return;
    recordEvent(state, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, SOURCE, { host: rec.node, fieldPath: `spec.containers{${c.name}}` });
    const plan = processPlan(spec, pod.spec?.restartPolicy !== 'Always', state.config.timing.commandRunMs);
    const ignores = plan.kind === 'exit' && plan.ignoresSigterm;
    stopAt = Math.max(stopAt, ignores ? grace : Math.min(state.config.timing.serverShutdownMs, grace));
  });
  schedule(state, stopAt, 'kubelet.stopped', rec.uid, { grace });
}

/** Containers are gone: report the terminal phase, then delete the pod object for good. */
function finishTermination(state: ClusterState, rec: PodRuntime, killedAfterGrace = false): void {
  const pod = podOf(state, rec);
  for (const c of rec.containers) {
    if (c.state !== 'running') continue;
    const sigkill = killedAfterGrace;
    c.state = 'terminated';
    c.ready = false;
    c.exit = { exitCode: sigkill ? 137 : 0, reason: sigkill ? 'Error' : 'Completed', startedAt: c.startedAt ?? state.now, finishedAt: state.now };
  }
  if (rec.containers.some((c) => c.containerId !== undefined)) {
    rec.result = rec.containers.every((c) => (c.exit?.exitCode ?? 0) === 0) ? 'Succeeded' : 'Failed';
    rec.phase = 'done';
    syncPodStatus(state, rec);
  }
  // The final delete: gone now, or once the last finalizer (e.g. a Job's tracking finalizer) is removed.
  if (pod && !pod.metadata.finalizers?.length) removeObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
  forgetPod(state, rec.uid);
}

/** The pod's containers are gone: drop its record and every timer about it. */
function forgetPod(state: ClusterState, uid: string): void {
  delete state.runtime.pods[uid];
  cancelTimers(state, uid);
}

function kubeletUp(state: ClusterState, node: string): boolean {
  return state.runtime.nodes[node]?.kubeletUp === true;
}

function syncPod(state: ClusterState, pod: PodObject): void {
  const node = pod.spec?.nodeName;
  if (!node || !kubeletUp(state, node)) return;
  const rec = state.runtime.pods[pod.metadata.uid ?? ''];
  if (pod.metadata.deletionTimestamp) {
    if (!rec) {
      if (!pod.metadata.finalizers?.length) removeObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name);
      return;
    }
    if (rec.phase !== 'terminating') beginTermination(state, pod, rec);
    return;
  }
  if (!rec) {
    if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') admit(state, pod, node);
    return;
  }
  pod.spec?.containers.forEach((spec, i) => {
    const c = rec.containers[i];
    if (c && spec.image && spec.image !== c.image && c.state === 'running') restartForNewImage(state, rec, i, spec.image);
  });
  if (rec.phase === 'mounting' && volumesReady(state, pod, node)) {
    rec.phase = 'starting';
    beginPull(state, rec, 0);
  }
}

/** Drops runtime records of pods whose objects are gone (force-deleted) on live nodes. */
function collectOrphans(state: ClusterState): void {
  for (const rec of Object.values(state.runtime.pods)) {
    if (!kubeletUp(state, rec.node)) continue;
    if (!podOf(state, rec)) forgetPod(state, rec.uid);
  }
}

/** Kubelet work that fell due while its node's kubelet was down: replayed by `resumeKubelet`, retried meanwhile. */
const DEFERRED = 'kubelet.deferred';

function withRecord(handler: (state: ClusterState, rec: PodRuntime, timer: Timer) => void) {
  return (state: ClusterState, timer: Timer) => {
    const rec = state.runtime.pods[timer.target];
    if (!rec || !state.runtime.nodes[rec.node]) return;
    if (!kubeletUp(state, rec.node)) {
      schedule(state, state.config.timing.nodeMonitorGraceMs, DEFERRED, timer.target, { ...timer.data, deferred: timer.type });
      return;
    }
    const c = rec.containers[Number(timer.data?.['c'] ?? 0)];
    if (timer.data?.['inc'] !== undefined && c && timer.data['inc'] !== c.incarnation) return;
    if (timer.data?.['gen'] !== undefined && c && timer.data['gen'] !== c.probeGen) return;
    handler(state, rec, timer);
  };
}

const index = (timer: Timer) => Number(timer.data?.['c'] ?? 0);

function undeferred(timer: Timer): { type: string; data: Timer['data'] } {
  const { deferred, ...data } = timer.data ?? {};
  return { type: String(deferred), data };
}

/** `sim node-up`: the kubelet re-posts the status of its pods and resumes the work it deferred while down. */
export function resumeKubelet(state: ClusterState, node: string): void {
  const mine = (t: Timer) => t.type === DEFERRED && state.runtime.pods[t.target]?.node === node;
  const deferred = state.timers.filter(mine);
  cancelTimers(state, mine);
  for (const timer of deferred) {
    const { type, data } = undeferred(timer);
    schedule(state, 0, type, timer.target, data);
  }
  // A pod being deleted is stopped right away instead; its status changes when its containers do.
  for (const rec of Object.values(state.runtime.pods)) if (rec.node === node && !podOf(state, rec)?.metadata.deletionTimestamp) syncPodStatus(state, rec);
}

/** The kubelet (all nodes). */
export const kubelet: Controller = {
  name: SOURCE,
  reconcile(state) {
    for (const pod of listObjects<PodObject>(state, 'Pod')) syncPod(state, pod);
    collectOrphans(state);
  },
  timers: {
    'kubelet.admit': (state, timer) => {
      const [namespace, name] = timer.target.split('/') as [string, string];
      const pod = getObject<PodObject>(state, 'Pod', namespace, name);
      const node = pod?.spec?.nodeName;
      if (!pod || pod.metadata.uid !== timer.data?.['uid'] || !node || pod.metadata.deletionTimestamp) return;
      const rejected = admissionFailure(state, pod, node);
      if (rejected) reject(state, pod, rejected);
    },
    'kubelet.pulled': withRecord((state, rec, t) => onPulled(state, rec, index(t), t.data?.['fresh'] === true)),
    'kubelet.retryPull': withRecord((state, rec, t) => {
      const pod = podOf(state, rec);
      const c = rec.containers[index(t)];
      if (!pod || !c) return;
      recordEvent(state, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, SOURCE, { host: rec.node, fieldPath: `spec.containers{${c.name}}` });
      schedule(state, state.config.timing.imagePullMs, 'kubelet.pulled', rec.uid, { c: index(t), inc: c.incarnation, fresh: true });
    }),
    'kubelet.started': withRecord((state, rec, t) => onStarted(state, rec, index(t))),
    'kubelet.probe': withRecord((state, rec, t) => onProbe(state, rec, index(t))),
    'kubelet.probeSoon': withRecord((state, rec, t) => onProbe(state, rec, index(t))),
    'kubelet.liveness': withRecord((state, rec, t) => onLiveness(state, rec, index(t))),
    'kubelet.exited': withRecord((state, rec, t) => onExited(state, rec, index(t), Number(t.data?.['code'] ?? 0))),
    'kubelet.restart': withRecord((state, rec, t) => onRestart(state, rec, index(t))),
    'kubelet.stopped': withRecord((state, rec, t) => {
      const pod = podOf(state, rec);
      const grace = Number(t.data?.['grace'] ?? 0);
      const killed = pod ? rec.containers.some((c, i) => {
        const spec = pod.spec?.containers[i];
        if (!spec || c.state !== 'running') return false;
        const plan = processPlan(spec, pod.spec?.restartPolicy !== 'Always', state.config.timing.commandRunMs);
        return plan.kind === 'exit' && plan.ignoresSigterm && grace > state.config.timing.serverShutdownMs;
      }) : false;
      finishTermination(state, rec, killed);
    }),
    [DEFERRED]: (state, timer) => {
      const { type, data } = undeferred(timer);
      kubelet.timers?.[type]?.(state, { ...timer, type, data });
    },
  },
  quietTimers: ['kubelet.probe', DEFERRED],
};
