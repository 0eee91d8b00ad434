/**
 * The pod status the kubelet reports, derived from its runtime record
 * (kubelet `status_manager` + `generateAPIPodStatus`): phase, conditions,
 * container statuses, IPs. Written only when it differs from what the API
 * holds, and condition transition times move only when a condition flips.
 */
import type { ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { setStatus } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import type { ClusterState, ContainerExit, ContainerRuntime, PodRuntime } from '../clusterState';
import { qualifiedImage, pseudoDigest } from '../images';
import { getObjectByKey, timestampAt, updateObject } from '../store';

function exitState(state: ClusterState, exit: ContainerExit) {
  return {
    containerID: '',
    exitCode: exit.exitCode,
    finishedAt: timestampAt(state.epochMs + exit.finishedAt),
    reason: exit.reason,
    startedAt: timestampAt(state.epochMs + exit.startedAt),
  };
}

function containerStatus(state: ClusterState, c: ContainerRuntime): ContainerStatus {
  const image = qualifiedImage(c.image);
  const everStarted = c.containerId !== undefined;
  const status: ContainerStatus = {
    ...(everStarted ? { containerID: `containerd://${c.containerId}` } : {}),
    image,
    imageID: everStarted ? `${image.replace(/:[^/:]+$/, '')}@sha256:${pseudoDigest(image)}` : '',
    lastState: c.last ? { terminated: { ...exitState(state, c.last), containerID: `containerd://${c.containerId ?? ''}` } } : {},
    name: c.name,
    ready: c.state === 'running' && c.ready,
    restartCount: c.restartCount,
    started: c.state === 'running',
    state: {},
  };
  if (c.state === 'running') status.state = { running: { startedAt: timestampAt(state.epochMs + (c.startedAt ?? 0)) } };
  else if (c.state === 'terminated' && c.exit) status.state = { terminated: { ...exitState(state, c.exit), containerID: `containerd://${c.containerId ?? ''}` } };
  else status.state = { waiting: { reason: c.reason ?? 'ContainerCreating', ...(c.message ? { message: c.message } : {}) } };
  return status;
}

function condition(prev: PodCondition[] | undefined, type: string, ok: boolean, nowTs: string, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = prev?.find((c) => c.type === type);
  const since = old && old.status === status ? old.lastTransitionTime : nowTs;
  return {
    lastProbeTime: null as unknown as string,
    lastTransitionTime: since,
    ...(!ok && reason ? { message, reason } : {}),
    status,
    type,
  };
}

/** Derives the API status of a pod from the kubelet's record. */
export function derivePodStatus(state: ClusterState, pod: Pod, rec: PodRuntime, hostIP: string): PodStatus {
  const nowTs = timestampAt(state.epochMs + state.now);
  const prev = pod.status?.conditions;
  const containers = rec.containers;
  const unready = containers.filter((c) => !(c.state === 'running' && c.ready)).map((c) => c.name);
  const allReady = unready.length === 0 && containers.length > 0;
  const sandbox = rec.ip !== undefined;
  const terminal = rec.result !== undefined;
  const anyStarted = containers.some((c) => c.containerId !== undefined);
  const phase = terminal ? rec.result : anyStarted ? 'Running' : 'Pending';
  const notReadyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = prev?.find((c) => c.type === 'PodScheduled');
  const conditions: PodCondition[] = [
    condition(prev, 'PodReadyToStartContainers', sandbox && !terminal, nowTs),
    condition(prev, 'Initialized', true, nowTs),
    condition(prev, 'Ready', allReady && !terminal, nowTs, notReadyReason, notReadyMessage),
    condition(prev, 'ContainersReady', allReady && !terminal, nowTs, notReadyReason, notReadyMessage),
    ...(scheduled ? [scheduled] : []),
  ];
  for (const c of prev ?? []) {
    if (!conditions.some((x) => x.type === c.type)) conditions.push(c);
  }
  return {
    ...(pod.status?.reason ? { reason: pod.status.reason } : {}),
    conditions,
    containerStatuses: containers.map((c) => containerStatus(state, c)),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    phase,
    ...(rec.ip ? { podIP: rec.ip, podIPs: [{ ip: rec.ip }] } : {}),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
    startTime: timestampAt(state.epochMs + rec.startedAt),
  };
}

/** Writes the derived status for the pod behind `rec` (no write when unchanged). */
export function syncPodStatus(state: ClusterState, rec: PodRuntime): void {
  const pod = getObjectByKey<PodObject>(state, 'Pod', rec.key);
  if (!pod || pod.metadata.uid !== rec.uid) return;
  const node = getObjectByKey<{ status?: { addresses?: { type: string; address: string }[] } } & PodObject>(state, 'Node', rec.node);
  const hostIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  const status = derivePodStatus(state, pod, rec, hostIP);
  updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
    setStatus(p, status);
  });
}
