/**
 * Container lifecycle inside the kubelet: image pulls (`Pulling`/`Pulled`,
 * `ErrImagePull`/`ImagePullBackOff`), create/start, readiness probes,
 * crashes with CrashLoopBackOff (10 s doubling to 300 s, reset after 10 min of
 * clean running, R11.5–R11.7), and exits of finite commands. After the
 * kubelet's `kuberuntime_manager.go` SyncPod, `prober` workers and the
 * container back-off in `kubelet.go`.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import { goDuration } from '../../model/duration';
import type { PodObject } from '../../model/pod';
import type { ClusterState, ContainerRuntime, PodRuntime } from '../clusterState';
import { schedule } from '../eventQueue';
import { imageIsMissing, imageSize, processPlan, pseudoDigest, qualifiedImage } from '../images';
import { recordEvent } from '../recorder';
import { getObjectByKey } from '../store';
import { syncPodStatus } from './kubeletStatus';

export const SOURCE = 'kubelet';

export function podOf(state: ClusterState, rec: PodRuntime): PodObject | undefined {
  // `rec.key` is the pod's store key (`namespace/name`): look it up as is.
  const pod = getObjectByKey<PodObject>(state, 'Pod', rec.key);
  return pod && pod.metadata.uid === rec.uid ? pod : undefined;
}

export function specOf(pod: Pod, index: number): Container | undefined {
  return pod.spec?.containers[index];
}

function event(state: ClusterState, rec: PodRuntime, pod: PodObject, c: ContainerRuntime, type: 'Normal' | 'Warning', reason: string, message: string) {
  recordEvent(state, pod, type, reason, message, SOURCE, { host: rec.node, fieldPath: `spec.containers{${c.name}}` });
}

function timerData(rec: PodRuntime, index: number, c: ContainerRuntime) {
  return { c: index, inc: c.incarnation };
}

/** Starts pulling the image of container `index` (first start of a pod's containers, in order). */
export function beginPull(state: ClusterState, rec: PodRuntime, index: number): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  if (!pod || !c) return;
  const node = state.runtime.nodes[rec.node];
  const policy = specOf(pod, index)?.imagePullPolicy ?? 'IfNotPresent';
  const cached = node?.images.includes(c.image) && policy !== 'Always';
  if (cached) {
    event(state, rec, pod, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
    schedule(state, 0, 'kubelet.pulled', rec.uid, timerData(rec, index, c));
    return;
  }
  event(state, rec, pod, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
  schedule(state, state.config.timing.imagePullMs, 'kubelet.pulled', rec.uid, { ...timerData(rec, index, c), fresh: true });
}

/** The pull finished: fail (missing image) or create the container and start it after the start delay. */
export function onPulled(state: ClusterState, rec: PodRuntime, index: number, fresh: boolean): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  if (!pod || !c) return;
  const timing = state.config.timing;
  if (fresh && imageIsMissing(c.image, state.runtime.missingImages)) {
    const ref = qualifiedImage(c.image);
    event(state, rec, pod, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`);
    event(state, rec, pod, c, 'Warning', 'Failed', 'Error: ErrImagePull');
    c.state = 'waiting';
    c.reason = 'ErrImagePull';
    c.message = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
    syncPodStatus(state, rec);
    const delay = c.pullBackoffMs || timing.backoffInitialMs;
    c.pullBackoffMs = Math.min(delay * 2, timing.backoffMaxMs);
    c.reason = 'ImagePullBackOff';
    c.message = `Back-off pulling image "${c.image}"`;
    event(state, rec, pod, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
    event(state, rec, pod, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    syncPodStatus(state, rec);
    schedule(state, delay, 'kubelet.retryPull', rec.uid, timerData(rec, index, c));
    return;
  }
  const node = state.runtime.nodes[rec.node];
  if (fresh) {
    const d = goDuration(timing.imagePullMs);
    event(state, rec, pod, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${d} (${d} including waiting). Image size: ${imageSize(c.image)} bytes.`);
    if (node && !node.images.includes(c.image)) node.images.push(c.image);
  }
  event(state, rec, pod, c, 'Normal', 'Created', `Created container: ${c.name}`);
  schedule(state, timing.containerStartMs, 'kubelet.started', rec.uid, timerData(rec, index, c));
}

function nodeIp(state: ClusterState, rec: PodRuntime): string {
  const node = state.runtime.nodes[rec.node];
  if (!node) return '';
  // Addresses are handed out in order; only after wrapping can a candidate still be taken.
  const used = node.ipWrapped ? new Set(Object.values(state.runtime.pods).filter((p) => p.node === rec.node && p.ip).map((p) => p.ip)) : new Set<string>();
  for (let attempts = 0; attempts < 253; attempts++) {
    const host = node.nextIp;
    if (host >= 254) node.ipWrapped = true;
    node.nextIp = host >= 254 ? 2 : host + 1;
    const ip = `10.244.${node.cidrIndex}.${host}`;
    if (!used.has(ip)) return ip;
  }
  return '';
}

function readinessProbe(pod: Pod, index: number): Probe | undefined {
  return specOf(pod, index)?.readinessProbe;
}

/** The container process is up: Started event, readiness, planned exits; then the next container. */
export function onStarted(state: ClusterState, rec: PodRuntime, index: number): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  const spec = pod && specOf(pod, index);
  if (!pod || !c || !spec) return;
  if (!rec.ip) rec.ip = nodeIp(state, rec);
  const restart = c.containerId !== undefined;
  if (restart) {
    c.last = c.exit ?? c.last;
    c.restartCount += 1;
    c.files = {};
  }
  c.incarnation += 1;
  c.containerId = pseudoDigest(`${rec.uid}/${c.name}/${c.incarnation}`);
  c.state = 'running';
  c.reason = undefined;
  c.message = undefined;
  c.exit = undefined;
  c.startedAt = state.now;
  c.probeFailures = 0;
  c.probeSuccesses = 0;
  event(state, rec, pod, c, 'Normal', 'Started', `Started container ${c.name}`);
  const probe = readinessProbe(pod, index);
  // A crash-looping app dies while starting up: it never gets to serve, so it is never Ready.
  c.ready = !probe && !rec.readinessBroken && !c.crashLoop;
  if (probe || rec.readinessBroken) scheduleProbe(state, rec, index, (probe?.initialDelaySeconds ?? 0) * 1000, true);
  if (rec.livenessBroken && spec.livenessProbe) scheduleLiveness(state, rec, index, (spec.livenessProbe.initialDelaySeconds ?? 0) * 1000);
  const batch = pod.spec?.restartPolicy !== 'Always';
  const plan = processPlan(spec, batch, state.config.timing.commandRunMs);
  if (c.crashLoop) schedule(state, 1000, 'kubelet.exited', rec.uid, { ...timerData(rec, index, c), code: 1 });
  else if (plan.kind === 'exit') schedule(state, plan.afterMs, 'kubelet.exited', rec.uid, { ...timerData(rec, index, c), code: plan.exitCode });
  if (rec.phase === 'starting') {
    if (index + 1 < rec.containers.length) {
      rec.nextContainer = index + 1;
      beginPull(state, rec, index + 1);
    } else rec.phase = 'running';
  }
  syncPodStatus(state, rec);
}

/** Schedules a readiness probe; `eager` probes are not quiet (their result may change the pod). */
export function scheduleProbe(state: ClusterState, rec: PodRuntime, index: number, delayMs: number, eager: boolean): void {
  const c = rec.containers[index];
  if (!c) return;
  schedule(state, delayMs, eager ? 'kubelet.probeSoon' : 'kubelet.probe', rec.uid, { c: index, gen: c.probeGen, inc: c.incarnation });
}

function probePeriodMs(pod: Pod, index: number): number {
  return (readinessProbe(pod, index)?.periodSeconds ?? 10) * 1000;
}

function probeFailureText(probe: Probe | undefined, ip: string): string {
  if (probe?.exec) return 'command terminated with non-zero exit code: exit status 1';
  if (probe?.tcpSocket) return `dial tcp ${ip}:${probe.tcpSocket.port}: connect: connection refused`;
  return 'HTTP probe failed with statuscode: 404';
}

/** One readiness probe run (prober worker). */
export function onProbe(state: ClusterState, rec: PodRuntime, index: number): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  if (!pod || !c || c.state !== 'running' || rec.phase === 'terminating') return;
  const probe = readinessProbe(pod, index);
  const success = !rec.readinessBroken;
  const failureThreshold = probe?.failureThreshold ?? (probe ? 3 : 1);
  const successThreshold = probe?.successThreshold ?? 1;
  if (success) {
    c.probeSuccesses += 1;
    c.probeFailures = 0;
    if (!c.ready && c.probeSuccesses >= successThreshold) c.ready = true;
  } else {
    c.probeFailures += 1;
    c.probeSuccesses = 0;
    event(state, rec, pod, c, 'Warning', 'Unhealthy', `Readiness probe failed: ${probeFailureText(probe, rec.ip ?? '')}`);
    if (c.ready && c.probeFailures >= failureThreshold) c.ready = false;
  }
  syncPodStatus(state, rec);
  if (!probe && success) return; // the implicit probe of a probe-less pod stops once it passes again
  const settled = success ? c.ready : !c.ready;
  scheduleProbe(state, rec, index, probePeriodMs(pod, index), !settled);
}

/** `sim break-readiness` / `sim fix-readiness`: restarts probe timing so the change shows within one period. */
export function setReadinessBroken(state: ClusterState, rec: PodRuntime, broken: boolean): void {
  rec.readinessBroken = broken;
  const pod = podOf(state, rec);
  if (!pod) return;
  rec.containers.forEach((c, index) => {
    if (c.state !== 'running') return;
    c.probeGen += 1;
    const period = probePeriodMs(pod, index);
    const elapsed = state.now - (c.startedAt ?? state.now);
    scheduleProbe(state, rec, index, period - (elapsed % period), true);
  });
}

function scheduleLiveness(state: ClusterState, rec: PodRuntime, index: number, delayMs: number): void {
  const c = rec.containers[index];
  if (c) schedule(state, delayMs, 'kubelet.liveness', rec.uid, { c: index, inc: c.incarnation });
}

/**
 * `sim break-liveness` / `sim fix-liveness`: the container's liveness probe
 * fails (or passes again) from its next run. Returns the names of the
 * containers without a liveness probe (nothing watches their health).
 */
export function setLivenessBroken(state: ClusterState, rec: PodRuntime, broken: boolean): string[] {
  rec.livenessBroken = broken;
  const pod = podOf(state, rec);
  const unprobed: string[] = [];
  rec.containers.forEach((c, index) => {
    const probe = pod && specOf(pod, index)?.livenessProbe;
    if (!probe) {
      unprobed.push(c.name);
      return;
    }
    c.livenessFailures = 0;
    if (!broken || c.state !== 'running') return;
    const period = (probe.periodSeconds ?? 10) * 1000;
    const elapsed = state.now - (c.startedAt ?? state.now);
    scheduleLiveness(state, rec, index, period - (elapsed % period));
  });
  return unprobed;
}

/** One liveness probe run: after failureThreshold failures the kubelet kills the container and restarts it (R11.4). */
export function onLiveness(state: ClusterState, rec: PodRuntime, index: number): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  const spec = pod && specOf(pod, index);
  const probe = spec?.livenessProbe;
  if (!pod || !c || !spec || !probe || c.state !== 'running' || rec.phase === 'terminating' || !rec.livenessBroken) return;
  c.livenessFailures = (c.livenessFailures ?? 0) + 1;
  event(state, rec, pod, c, 'Warning', 'Unhealthy', `Liveness probe failed: ${probeFailureText(probe, rec.ip ?? '').replace('404', '500')}`);
  if (c.livenessFailures < (probe.failureThreshold ?? 3)) {
    scheduleLiveness(state, rec, index, (probe.periodSeconds ?? 10) * 1000);
    return;
  }
  c.livenessFailures = 0;
  event(state, rec, pod, c, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`);
  // SIGTERM: servers exit cleanly; a shell that ignores it is killed at the end of the grace period.
  const plan = processPlan(spec, pod.spec?.restartPolicy !== 'Always', state.config.timing.commandRunMs);
  const killed = plan.kind === 'exit' && plan.ignoresSigterm;
  onExited(state, rec, index, killed ? 137 : 0, killed ? 'Error' : 'Completed');
}

/** The container process ended with `code` (a crash, `sim crash`, or a finite command). */
export function onExited(state: ClusterState, rec: PodRuntime, index: number, code: number, reason?: string): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  if (!pod || !c || c.state !== 'running') return;
  const timing = state.config.timing;
  c.state = 'terminated';
  c.ready = false;
  c.exit = { exitCode: code, reason: reason ?? (code === 0 ? 'Completed' : 'Error'), startedAt: c.startedAt ?? state.now, finishedAt: state.now };
  syncPodStatus(state, rec);
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
  if (!restart) {
    if (rec.containers.every((x) => x.state === 'terminated')) {
      rec.result = rec.containers.every((x) => x.exit?.exitCode === 0) ? 'Succeeded' : 'Failed';
      rec.phase = 'done';
      syncPodStatus(state, rec);
    }
    return;
  }
  const ranLong = state.now - (c.startedAt ?? state.now) >= timing.backoffResetMs;
  const delay = ranLong ? 0 : c.backoffMs;
  c.backoffMs = delay === 0 ? timing.backoffInitialMs : Math.min(delay * 2, timing.backoffMaxMs);
  if (delay > 0) {
    c.last = c.exit;
    c.state = 'waiting';
    c.reason = 'CrashLoopBackOff';
    c.message = `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    event(state, rec, pod, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`);
    syncPodStatus(state, rec);
  }
  schedule(state, delay, 'kubelet.restart', rec.uid, timerData(rec, index, c));
}

/** Restarts a container after its back-off: the image is on the node, so Pulled (present) → Created → Started. */
export function onRestart(state: ClusterState, rec: PodRuntime, index: number): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  if (!pod || !c || c.state === 'running' || rec.phase === 'terminating') return;
  if (c.exit) c.last = c.exit;
  // Pulled ("already present") or, after an image change, Pulling → Pulled; then Created → Started.
  beginPull(state, rec, index);
}

/**
 * The pod spec names a different image for a running container (`kubectl set
 * image pod/…`): the kubelet kills it and starts the new one in the same pod
 * (`Container nginx definition changed, will be restarted`). Not a crash, so no back-off.
 */
export function restartForNewImage(state: ClusterState, rec: PodRuntime, index: number, image: string): void {
  const pod = podOf(state, rec);
  const c = rec.containers[index];
  if (!pod || !c || c.state !== 'running') return;
  event(state, rec, pod, c, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
  c.state = 'terminated';
  c.ready = false;
  c.exit = { exitCode: 0, reason: 'Completed', startedAt: c.startedAt ?? state.now, finishedAt: state.now };
  c.image = image;
  syncPodStatus(state, rec);
  schedule(state, 0, 'kubelet.restart', rec.uid, timerData(rec, index, c));
}

/** `sim crash <pod> [exit N] [--loop]`: the main (or named) container exits now. */
export function crashContainer(state: ClusterState, rec: PodRuntime, index: number, code: number, loop: boolean): void {
  const c = rec.containers[index];
  if (!c) return;
  c.crashLoop = loop;
  onExited(state, rec, index, code);
}
