/**
 * Evaluates lesson checks on a ClusterState: pure, read-only (nothing is created, not even a
 * volume's runtime record), so evaluating after every change cannot alter the simulation.
 * The worker runs it for the lesson panel; the headless player and the tests run it directly.
 */
import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Node, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../engine/clusterState';
import { getObject, listObjects } from '../engine/store';
import { resolveAddresses } from '../dns/resolve';
import { matches, parseSelector } from '../model/labelSelector';
import type { KObject } from '../model/objects';
import { isPodReady, podRestarts, type PodObject } from '../model/pod';
import type { ClaimCheck, LessonBaseline, LessonCheck, NodeCheck, PodCheck, PodsCheck, WorkloadCheck } from './checks';

const DEFAULT_NAMESPACE = 'default';

const podKey = (namespace: string | undefined, name: string) => `${namespace ?? DEFAULT_NAMESPACE}/${name}`;

/** The pods of the cluster as a step begins: what the "before" fields compare with. */
export function captureBaseline(state: ClusterState): LessonBaseline {
  const pods: LessonBaseline['pods'] = {};
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    const entry: { uid: string; node?: string } = { uid: pod.metadata.uid ?? '' };
    if (pod.spec?.nodeName) entry.node = pod.spec.nodeName;
    pods[podKey(pod.metadata.namespace, pod.metadata.name)] = entry;
  }
  return { pods };
}

/** Whether each check holds, in order. */
export function evaluateChecks(checks: readonly LessonCheck[], state: ClusterState, baseline: LessonBaseline): boolean[] {
  return checks.map((check) => evaluateCheck(check, state, baseline));
}

/** True when every check holds (and there is at least one). */
export function allChecksHold(checks: readonly LessonCheck[], state: ClusterState, baseline: LessonBaseline): boolean {
  return checks.length > 0 && evaluateChecks(checks, state, baseline).every(Boolean);
}

/** Whether one check holds. */
export function evaluateCheck(check: LessonCheck, state: ClusterState, baseline: LessonBaseline): boolean {
  switch (check.on) {
    case 'pod':
      return podHolds(check, state, baseline);
    case 'pods':
      return podsHold(check, state, baseline);
    case 'claim':
      return claimHolds(check, state);
    case 'dns':
      return resolveAddresses(state, check.name, check.namespace ?? DEFAULT_NAMESPACE).length === check.addresses;
    case 'statefulSet':
    case 'deployment':
      return workloadHolds(check, state);
    case 'node':
      return nodeHolds(check, state);
  }
}

function podHolds(check: PodCheck, state: ClusterState, baseline: LessonBaseline): boolean {
  const pod = getObject<PodObject>(state, 'Pod', check.namespace ?? DEFAULT_NAMESPACE, check.name);
  if (check.exists === false) return pod === undefined;
  if (!pod) return false;
  const node = pod.spec?.nodeName;
  const before = (name: string) => baseline.pods[podKey(check.namespace, name)];
  if (check.phase !== undefined && pod.status?.phase !== check.phase) return false;
  if (check.ready !== undefined && isPodReady(pod) !== check.ready) return false;
  if (check.minRestarts !== undefined && podRestarts(pod) < check.minRestarts) return false;
  if (check.node !== undefined && node !== check.node) return false;
  if (check.notNode !== undefined && node === check.notNode) return false;
  if (check.sameNodeAsBefore !== undefined) {
    const earlier = before(check.sameNodeAsBefore)?.node;
    if (earlier === undefined || node !== earlier) return false;
  }
  if (check.otherNodeThanBefore !== undefined) {
    const earlier = before(check.otherNodeThanBefore)?.node;
    if (node === undefined || earlier === undefined || node === earlier) return false;
  }
  if (check.replaced !== undefined) {
    const earlier = before(check.name);
    const replaced = earlier !== undefined && earlier.uid !== pod.metadata.uid;
    if (replaced !== check.replaced) return false;
  }
  return true;
}

function podsHold(check: PodsCheck, state: ClusterState, baseline: LessonBaseline): boolean {
  let selector;
  try {
    selector = parseSelector(check.selector);
  } catch {
    return false;
  }
  const namespace = check.namespace ?? DEFAULT_NAMESPACE;
  const pods = listObjects<PodObject>(state, 'Pod', namespace).filter((p) => !p.metadata.deletionTimestamp && matches(selector, p.metadata.labels));
  if (check.count !== undefined && pods.length !== check.count) return false;
  if (check.readyCount !== undefined && pods.filter(isPodReady).length !== check.readyCount) return false;
  if (check.allNew !== undefined) {
    const allNew = pods.length > 0 && pods.every((p) => baseline.pods[podKey(namespace, p.metadata.name)] === undefined);
    if (allNew !== check.allNew) return false;
  }
  return true;
}

function claimHolds(check: ClaimCheck, state: ClusterState): boolean {
  const pvc = getObject<PersistentVolumeClaim & KObject>(state, 'PersistentVolumeClaim', check.namespace ?? DEFAULT_NAMESPACE, check.name);
  if (check.exists === false) return pvc === undefined;
  if (!pvc) return false;
  if (check.phase !== undefined && pvc.status?.phase !== check.phase) return false;
  if (check.file !== undefined) {
    // Read the volume's files without volumeRuntime(), which would create a missing record.
    const volume = pvc.status?.phase === 'Bound' ? pvc.spec?.volumeName : undefined;
    const files = volume === undefined ? undefined : state.runtime.volumes[volume]?.files;
    const content = files?.[`/${check.file.replace(/^\/+/, '')}`];
    if (content === undefined) return false;
    if (check.contains !== undefined && !content.includes(check.contains)) return false;
  }
  return true;
}

function workloadHolds(check: WorkloadCheck, state: ClusterState): boolean {
  const kind = check.on === 'statefulSet' ? 'StatefulSet' : 'Deployment';
  const workload = getObject<(StatefulSet | Deployment) & KObject>(state, kind, check.namespace ?? DEFAULT_NAMESPACE, check.name);
  if (check.exists === false) return workload === undefined;
  if (!workload) return false;
  if (check.replicas !== undefined && (workload.spec?.replicas ?? 1) !== check.replicas) return false;
  if (check.readyReplicas !== undefined && (workload.status?.readyReplicas ?? 0) !== check.readyReplicas) return false;
  return true;
}

function nodeHolds(check: NodeCheck, state: ClusterState): boolean {
  const node = getObject<Node & KObject>(state, 'Node', undefined, check.name);
  if (!node) return false;
  if (check.schedulable !== undefined && (node.spec?.unschedulable !== true) !== check.schedulable) return false;
  if (check.ready !== undefined) {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready !== check.ready) return false;
  }
  return true;
}
