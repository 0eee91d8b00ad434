/**
 * The scheduler's view of the cluster for one reconcile pass, like
 * kube-scheduler's cache snapshot (`pkg/scheduler/backend/cache`,
 * `framework.NodeInfo`): per node, the pods placed on it (bound or assumed),
 * the sum of their requests, their host ports and their owners.
 *
 * Which pods count follows the upstream informer: pods in a terminal phase
 * (Succeeded/Failed) are invisible to the scheduler, terminating pods still
 * hold their resources, and pods assumed on a node while their
 * WaitForFirstConsumer claims provision count as if they were bound.
 *
 * The snapshot also carries a signature of everything the filters read, so
 * the scheduler can skip re-filtering an unschedulable pod when nothing that
 * matters changed (status churn from the kubelet does not count).
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../model/objects';
import { objectKey } from '../../../model/objects';
import { isTerminal, type PodObject } from '../../../model/pod';
import { parseQuantity } from '../../../model/quantity';
import type { ClusterState } from '../../clusterState';
import { podClaimNames } from '../../storage';
import { listObjects } from '../../store';

export type NodeObject = Node & KObject;

/** CPU in millicores and memory in bytes, the units kube-scheduler compares. */
export interface Resources {
  milliCpu: number;
  memory: number;
}

/** A host port a container asks for (`ports[].hostPort`). */
export interface HostPort {
  port: number;
  protocol: string;
  hostIP: string;
}

/** One node and what is placed on it. */
export interface NodeInfo {
  name: string;
  node: NodeObject;
  pods: PodObject[];
  /** Sum of the effective requests of `pods` (what NodeResourcesFit compares). */
  requested: Resources;
  /** The same with kube-scheduler's non-zero defaults (what scoring compares). */
  nonZeroRequested: Resources;
  allocatable: Resources & { pods: number };
  ports: HostPort[];
  /** Number of pods per controller owner uid (for spreading replicas). */
  owners: Map<string, number>;
}

/** The whole view for one pass. */
export interface Snapshot {
  state: ClusterState;
  nodes: NodeInfo[];
  byName: Map<string, NodeInfo>;
  /** `<ns>/<claim>` → number of placed pods that use the claim (ReadWriteOncePod). */
  claimUsers: Map<string, number>;
  /** Placed pods with required anti-affinity terms, by uid (the symmetric InterPodAffinity check). */
  antiAffinityPods: Map<string, { pod: PodObject; info: NodeInfo }>;
  /** Hash of what the filters read (see snapshotSignature); undefined until computed or after a change. */
  signature?: string;
}

/** kube-scheduler's defaults for containers without requests, used for scoring only. */
const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

function containerRequests(container: Container, nonZero: boolean): Resources {
  const req = container.resources?.requests ?? {};
  const cpu = parseQuantity(req['cpu']);
  const memory = parseQuantity(req['memory']);
  return {
    // Quantity.MilliValue and Value round up.
    milliCpu: cpu !== undefined ? Math.ceil(cpu * 1000 - 1e-9) : nonZero ? DEFAULT_MILLI_CPU : 0,
    memory: memory !== undefined ? Math.ceil(memory) : nonZero ? DEFAULT_MEMORY : 0,
  };
}

const add = (a: Resources, b: Resources): Resources => ({ milliCpu: a.milliCpu + b.milliCpu, memory: a.memory + b.memory });
const max = (a: Resources, b: Resources): Resources => ({
  milliCpu: Math.max(a.milliCpu, b.milliCpu),
  memory: Math.max(a.memory, b.memory),
});

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/**
 * The effective request of a pod (`resourcehelper.PodRequests`): the sum of
 * its containers and sidecars, or the largest init container (plus the
 * sidecars started before it) when that is bigger, plus `spec.overhead`.
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  let total: Resources = { milliCpu: 0, memory: 0 };
  for (const c of pod.spec?.containers ?? []) total = add(total, containerRequests(c, nonZero));
  let sidecars: Resources = { milliCpu: 0, memory: 0 };
  let init: Resources = { milliCpu: 0, memory: 0 };
  for (const c of pod.spec?.initContainers ?? []) {
    const req = containerRequests(c, nonZero);
    if (isSidecar(c)) {
      total = add(total, req);
      sidecars = add(sidecars, req);
      init = max(init, sidecars);
    } else {
      init = max(init, add(req, sidecars));
    }
  }
  total = max(total, init);
  const overhead = pod.spec?.overhead;
  if (overhead) total = add(total, containerRequests({ name: '', resources: { requests: overhead } }, false));
  return total;
}

/** Host ports of a pod's containers and sidecars (NodePorts plugin). */
export function podHostPorts(pod: Pod): HostPort[] {
  const containers = [...(pod.spec?.initContainers ?? []).filter(isSidecar), ...(pod.spec?.containers ?? [])];
  const out: HostPort[] = [];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ port: p.hostPort, protocol: p.protocol ?? 'TCP', hostIP: p.hostIP || '0.0.0.0' });
    }
  }
  return out;
}

/** True when two host ports collide (same port and protocol, overlapping addresses). */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return (
    a.port === b.port &&
    a.protocol === b.protocol &&
    (a.hostIP === b.hostIP || a.hostIP === '0.0.0.0' || b.hostIP === '0.0.0.0')
  );
}

/** The uid of the pod's controller owner, if any. */
export function ownerUid(pod: Pod): string | undefined {
  return pod.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
}

function allocatableOf(node: Node): Resources & { pods: number } {
  const alloc = node.status?.allocatable ?? {};
  const cpu = parseQuantity(alloc['cpu']) ?? 0;
  return {
    milliCpu: Math.floor(cpu * 1000 + 1e-9),
    memory: Math.floor(parseQuantity(alloc['memory']) ?? 0),
    pods: Math.floor(parseQuantity(alloc['pods']) ?? 0),
  };
}

function emptyNodeInfo(node: NodeObject): NodeInfo {
  return {
    name: node.metadata.name,
    node,
    pods: [],
    requested: { milliCpu: 0, memory: 0 },
    nonZeroRequested: { milliCpu: 0, memory: 0 },
    allocatable: allocatableOf(node),
    ports: [],
    owners: new Map(),
  };
}

/** What the snapshot needs of a pod, derived once per stored object (objects are copy-on-write). */
export interface PodFacts {
  request: Resources;
  nonZero: Resources;
  ports: HostPort[];
  owner: string | undefined;
  claimKeys: string[];
  hasAntiAffinity: boolean;
}

const factsCache = new WeakMap<PodObject, PodFacts>();

/** The requests, host ports, owner and claims of a pod, cached per stored object. */
export function podFacts(pod: PodObject): PodFacts {
  let facts = factsCache.get(pod);
  if (!facts) {
    facts = {
      request: podRequests(pod),
      nonZero: podRequests(pod, true),
      ports: podHostPorts(pod),
      owner: ownerUid(pod),
      claimKeys: podClaimNames(pod).map((claim) => objectKey(pod.metadata.namespace, claim)),
      hasAntiAffinity: Boolean(pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length),
    };
    factsCache.set(pod, facts);
  }
  return facts;
}

function shift(snapshot: Snapshot, info: NodeInfo, pod: PodObject, sign: 1 | -1): void {
  const facts = podFacts(pod);
  info.requested = {
    milliCpu: info.requested.milliCpu + sign * facts.request.milliCpu,
    memory: info.requested.memory + sign * facts.request.memory,
  };
  info.nonZeroRequested = {
    milliCpu: info.nonZeroRequested.milliCpu + sign * facts.nonZero.milliCpu,
    memory: info.nonZeroRequested.memory + sign * facts.nonZero.memory,
  };
  if (facts.owner) info.owners.set(facts.owner, (info.owners.get(facts.owner) ?? 0) + sign);
  for (const key of facts.claimKeys) snapshot.claimUsers.set(key, (snapshot.claimUsers.get(key) ?? 0) + sign);
  snapshot.signature = undefined;
}

/** Places a pod on a node of the snapshot (a bind or an assume during this pass). */
export function addPod(snapshot: Snapshot, info: NodeInfo, pod: PodObject): void {
  info.pods.push(pod);
  info.ports.push(...podFacts(pod).ports);
  if (podFacts(pod).hasAntiAffinity) snapshot.antiAffinityPods.set(pod.metadata.uid ?? '', { pod, info });
  shift(snapshot, info, pod, 1);
}

/** Takes a pod off its node again (a dropped assumption). */
export function removePod(snapshot: Snapshot, info: NodeInfo, pod: PodObject): void {
  const at = info.pods.findIndex((p) => p.metadata.uid === pod.metadata.uid);
  if (at < 0) return;
  info.pods.splice(at, 1);
  for (const port of podFacts(pod).ports) {
    const i = info.ports.findIndex((p) => p.port === port.port && p.protocol === port.protocol && p.hostIP === port.hostIP);
    if (i >= 0) info.ports.splice(i, 1);
  }
  snapshot.antiAffinityPods.delete(pod.metadata.uid ?? '');
  shift(snapshot, info, pod, -1);
}

/**
 * Builds the snapshot from the store: every Node, and every non-terminal pod
 * bound to an existing node or assumed on one (`assumed`: pod key → node).
 */
export function buildSnapshot(state: ClusterState, assumed: Record<string, string>): Snapshot {
  const snapshot: Snapshot = { state, nodes: [], byName: new Map(), claimUsers: new Map(), antiAffinityPods: new Map() };
  for (const node of listObjects<NodeObject>(state, 'Node')) {
    const info = emptyNodeInfo(node);
    snapshot.nodes.push(info);
    snapshot.byName.set(info.name, info);
  }
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    if (isTerminal(pod)) continue;
    const nodeName = pod.spec?.nodeName ?? assumed[objectKey(pod.metadata.namespace, pod.metadata.name)];
    const info = nodeName === undefined ? undefined : snapshot.byName.get(nodeName);
    if (info) addPod(snapshot, info, pod);
  }
  return snapshot;
}

/** FNV-1a over a string, continuing from `h` (two lanes make collisions negligible). */
function hashInto(h: [number, number], text: string): void {
  let a = h[0];
  let b = h[1];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  h[0] = a >>> 0;
  h[1] = b >>> 0;
}

function labelsText(labels: Record<string, string> | undefined): string {
  let out = '';
  for (const key in labels) out += `${key}=${labels[key]};`;
  return out;
}

/**
 * A hash of everything the filters read: nodes (labels, taints, cordon,
 * allocatable), the placed pods (identity, node, labels, terminating) and the
 * storage objects and namespaces (by resourceVersion). Kubelet status churn
 * does not change it. Computed on first use and after every placement.
 */
export function snapshotSignature(snapshot: Snapshot): string {
  if (snapshot.signature !== undefined) return snapshot.signature;
  const hash: [number, number] = [0x811c9dc5, 0x12345678];
  for (const info of snapshot.nodes) {
    const node = info.node;
    hashInto(hash, `N${info.name}|${node.spec?.unschedulable === true}|${JSON.stringify(node.spec?.taints ?? [])}`);
    hashInto(hash, `${labelsText(node.metadata.labels)}|${JSON.stringify(node.status?.allocatable ?? {})}`);
    for (const pod of info.pods) {
      hashInto(hash, `P${pod.metadata.uid}|${pod.metadata.deletionTimestamp ? 'D' : ''}|${labelsText(pod.metadata.labels)}`);
    }
  }
  // Storage and namespaces change rarely; their resourceVersions are a cheap, exact summary.
  for (const kind of ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Namespace']) {
    for (const obj of listObjects(snapshot.state, kind)) {
      hashInto(hash, `${kind[0]}${objectKey(obj.metadata.namespace, obj.metadata.name)}|${obj.metadata.resourceVersion}`);
    }
  }
  snapshot.signature = `${hash[0].toString(16)}${hash[1].toString(16)}`;
  return snapshot.signature;
}
