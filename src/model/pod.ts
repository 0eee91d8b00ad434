/**
 * Pod helpers shared by controllers and printers: readiness, availability and
 * the STATUS / READY / RESTARTS columns exactly as kubectl's server-side
 * printer derives them (`pkg/printers/internalversion/printers.go` printPod,
 * spec R17.2, R11.7).
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KObject } from './objects';

/** A Pod as stored: metadata.name is always set. */
export type PodObject = Pod & KObject;

export function getCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** Ready condition is True (R11.2). */
export function isPodReady(pod: Pod): boolean {
  return getCondition(pod, 'Ready')?.status === 'True';
}

/** Phase Running and Ready (the StatefulSet controller's `isRunningAndReady`). */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** Ready for at least `minReadySeconds` at simulated wall time `nowMs` (R3.5 step 6). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isRunningAndReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = getCondition(pod, 'Ready')?.lastTransitionTime;
  return since !== undefined && Date.parse(since) + minReadySeconds * 1000 <= nowMs;
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** kubectl's STATUS column (R17.2). */
export function podStatusText(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    if (!c) continue;
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${pod.spec?.initContainers?.length ?? initStatuses.length}`;
    }
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    const statuses = pod.status?.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      if (!c) continue;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) {
        reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      } else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = isPodReady(pod) ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !isTerminal(pod)) reason = 'Terminating';
  return reason;
}

/** READY column: `<ready>/<total>` containers. */
export function podReadyText(pod: Pod): string {
  const total = pod.spec?.containers.length ?? 0;
  const ready = (pod.status?.containerStatuses ?? []).filter((c) => c.ready && c.state?.running).length;
  return `${ready}/${total}`;
}

/** Sum of container restart counts. */
export function podRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}

/** Time (ms, simulated wall clock) of the most recent container termination, if any restarts happened. */
export function lastRestartAt(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const c of pod.status?.containerStatuses ?? []) {
    const finished = c.lastState?.terminated?.finishedAt;
    if (c.restartCount && finished) {
      const t = Date.parse(finished);
      if (latest === undefined || t > latest) latest = t;
    }
  }
  return latest;
}

/** The ordinal of a StatefulSet pod name (`web-12` → 12), per R2.2; -1 when it does not parse. */
export function ordinalOf(podName: string, setName: string): number {
  if (!podName.startsWith(`${setName}-`)) return -1;
  const suffix = podName.slice(setName.length + 1);
  return /^\d+$/.test(suffix) ? Number(suffix) : -1;
}

/** The value a Downward API `fieldRef` names (`metadata.name`, `metadata.labels['app']`, `status.podIP`…). */
export function podFieldValue(pod: Pod, path: string): string {
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return (label[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[label[2] as string] ?? '';
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return fields[path] ?? '';
}
