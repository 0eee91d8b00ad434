/**
 * Builds the initial cluster: nodes (fixture C3 of the scenarios by default),
 * the StorageClasses `standard` (network block, default) and `local-path`,
 * namespaces and the `kubernetes` Service — what a fresh kind/k3s cluster
 * shows before the learner applies anything.
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KObject } from '../model/objects';
import { parseQuantity } from '../model/quantity';
import type { ClusterConfig, ClusterState } from './clusterState';
import { createRng } from './random';
import { createObject, listObjects, nowTimestamp } from './store';
import { DEFAULT_TIMING, type Timing } from './timing';

/** A node as a scenario describes it. */
export interface NodeShape {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  zone?: string;
}

export interface ClusterOptions {
  seed?: number;
  /** RFC 3339 start time of the simulated clock; default 2025-01-01T00:00:00Z. */
  startTime?: string;
  nodes?: NodeShape[];
  timing?: Partial<Timing>;
  missingImages?: string[];
  /** Name of the StorageClass to mark default instead of `standard`. */
  defaultStorageClass?: string;
}

export const DEFAULT_NODES: NodeShape[] = [
  { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'a' } },
  { name: 'node-2', labels: { 'topology.kubernetes.io/zone': 'b' } },
  { name: 'node-3', labels: { 'topology.kubernetes.io/zone': 'c' } },
];

export const KUBELET_VERSION = 'v1.33.1';
const DEFAULT_START = Date.parse('2025-01-01T00:00:00Z');

/** The provisioner names of the simulated storage backends (R9.2). */
export const PROVISIONERS = {
  netBlock: 'sim.csi/net-block',
  localPath: 'rancher.io/local-path',
  netFile: 'sim.csi/net-file',
  none: 'kubernetes.io/no-provisioner',
} as const;

/** Creates an empty cluster state with nodes, storage classes and system objects. */
export function createClusterState(options: ClusterOptions = {}): ClusterState {
  const config: ClusterConfig = {
    clusterDomain: 'cluster.local',
    timing: { ...DEFAULT_TIMING, ...options.timing },
    kubeletVersion: KUBELET_VERSION,
  };
  const state: ClusterState = {
    epochMs: options.startTime ? Date.parse(options.startTime) : DEFAULT_START,
    now: 0,
    rng: createRng(options.seed ?? 1),
    counters: { rv: 0, seq: 0, timerSeq: 0, clusterIp: 0, eventName: 0 },
    objects: {},
    index: {},
    changes: [],
    events: [],
    eventIndex: {},
    timers: [],
    runtime: {
      pods: {},
      nodes: {},
      volumes: {},
      assumed: {},
      brokenReadiness: {},
      missingImages: options.missingImages ?? [],
    },
    config,
  };
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    createObject(state, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  createObject(state, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' },
    status: { loadBalancer: {} },
  });
  createObject(state, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: {} },
  });
  for (const sc of defaultStorageClasses(options.defaultStorageClass ?? 'standard')) createObject(state, sc);
  (options.nodes ?? DEFAULT_NODES).forEach((shape) => addNode(state, shape));
  return state;
}

function defaultStorageClasses(defaultName: string): KObject[] {
  const sc = (name: string, provisioner: string): StorageClass & KObject => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      annotations: name === defaultName ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {},
    },
    provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: name === 'standard',
  });
  return [sc('standard', PROVISIONERS.netBlock), sc('local-path', PROVISIONERS.localPath)];
}

/** Adds a Ready node (`sim add-node`, cluster bootstrap). Returns the Node. */
export function addNode(state: ClusterState, shape: NodeShape): Node & KObject {
  const index = Object.keys(state.runtime.nodes).length + 1;
  const cidrIndex = Math.max(0, ...Object.values(state.runtime.nodes).map((n) => n.cidrIndex)) + 1;
  const cpu = shape.cpu ?? '2';
  const memory = shape.memory ?? '4Gi';
  const pods = String(shape.pods ?? 110);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': shape.name,
    'kubernetes.io/os': 'linux',
    ...(shape.zone ? { 'topology.kubernetes.io/zone': shape.zone } : {}),
    ...shape.labels,
  };
  const now = nowTimestamp(state);
  if (parseQuantity(cpu) === undefined || parseQuantity(memory) === undefined) {
    throw new Error(`node ${shape.name}: invalid cpu "${cpu}" or memory "${memory}"`);
  }
  const node: Node & KObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: shape.name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: {
      podCIDR: `10.244.${cidrIndex}.0/24`,
      podCIDRs: [`10.244.${cidrIndex}.0/24`],
      ...(shape.taints?.length ? { taints: shape.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity: { cpu, memory, pods, 'ephemeral-storage': '100Gi' },
      allocatable: { cpu, memory, pods, 'ephemeral-storage': '100Gi' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now),
      ],
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${index + 1}` },
        { type: 'Hostname', address: shape.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://2.0.3',
        kernelVersion: '6.1.0-31-amd64',
        kubeProxyVersion: '',
        kubeletVersion: state.config.kubeletVersion,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
    },
  };
  const created = createObject(state, node);
  state.runtime.nodes[shape.name] = { kubeletUp: true, images: [], nextIp: 2, cidrIndex, lastHeartbeat: state.now };
  return created;
}

function cond(type: string, status: string, reason: string, message: string, at: string) {
  return { type, status, reason, message, lastHeartbeatTime: at, lastTransitionTime: at };
}

/** Names of the nodes in creation order. */
export function nodeNames(state: ClusterState): string[] {
  return listObjects(state, 'Node').map((n) => n.metadata.name);
}
