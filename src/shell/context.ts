/**
 * Builds the context a command runs in from a pod and one of its containers,
 * looking up the kubelet's runtime record (`state.runtime.pods[uid]`, created
 * by the kubelet; no record means no container is running).
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../engine/clusterState';
import type { PodObject } from '../model/pod';
import { workingDir } from './imageContent';
import type { ShellContext, ShellSession } from './types';

/** A fresh session in the image's working directory. */
export function newSession(container: Container): ShellSession {
  return { cwd: workingDir(container.image ?? ''), vars: {}, exported: [], lastExit: 0, exited: false };
}

/** Every container spec of a pod: regular, then init, then ephemeral ones. */
export function allContainers(pod: PodObject): Container[] {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])];
}

/**
 * The context for running commands in `containerName` of `pod`, or undefined
 * when that container is not running (no runtime record, or not `running`).
 */
export function containerContext(
  state: ClusterState,
  pod: PodObject,
  containerName: string,
  session?: ShellSession,
): ShellContext | undefined {
  const container = allContainers(pod).find((c) => c.name === containerName);
  const runtime = state.runtime.pods[pod.metadata.uid ?? ''];
  const containerRuntime = runtime?.containers.find((c) => c.name === containerName);
  if (!container || !runtime || containerRuntime?.state !== 'running') return undefined;
  return { state, pod, container, runtime, containerRuntime, session: session ?? newSession(container), stdin: '' };
}
