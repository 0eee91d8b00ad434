/**
 * The neutral graph model of a cluster: what the browser's graph view draws, as plain data.
 * `toGraphModel` projects a ClusterState to it and `layoutGraph` places it; only
 * `app/graph/toFlowElements.ts` knows React Flow. Everything here crosses postMessage.
 */

/** Display status of a card, chosen for colour; the UI always prints the text next to it. */
export type Tone = 'ok' | 'progress' | 'warning' | 'error' | 'terminating' | 'neutral';

/**
 * A worker node of the cluster, drawn as a horizontal lane.
 *
 * @example
 * { name: 'node-1', ready: true, cordoned: false, cpu: { requested: '250m', allocatable: '4' },
 *   memory: { requested: '0', allocatable: '8Gi' }, podCount: 1 }
 */
export interface LaneModel {
  name: string;
  ready: boolean;
  cordoned: boolean;
  /** Taints as `key:Effect` (`node.kubernetes.io/unreachable:NoExecute`), in the Node's order. */
  taints: string[];
  cpu: { requested: string; allocatable: string; fraction: number };
  memory: { requested: string; allocatable: string; fraction: number };
  podCount: number;
}

/**
 * A pod card: the columns of `kubectl get pods -o wide` plus its stable DNS name.
 *
 * @example
 * { name: 'web-0', namespace: 'default', status: 'Running', ready: '1/1', restarts: 0, ip: '10.244.1.2',
 *   node: 'node-1', dnsName: 'web-0.nginx.default.svc.cluster.local', tone: 'ok', owner: 'StatefulSet/default/web' }
 */
export interface PodModel {
  name: string;
  namespace: string;
  status: string;
  ready: string;
  restarts: number;
  ip?: string;
  /** Where it runs; undefined while unscheduled (drawn in the Pending area). */
  node?: string;
  dnsName?: string;
  /** The scheduler's message while Pending (`0/3 nodes are available: …`). */
  message?: string;
  tone: Tone;
  /** `Kind/namespace/name` of its controller, if any. */
  owner?: string;
  claims: string[];
  /** True when its node is not Ready (the card is dimmed like the lane). */
  nodeNotReady?: boolean;
  /** Why it does not go away (`stuck: node unreachable`): deleting, on a NotReady node. */
  stuck?: string;
  /**
   * A drain's eviction of it would be refused now: the PodDisruptionBudget that forbids it and its
   * cause (`web-pdb: needs 2 healthy pods and has 2 currently`). Only for pods on a cordoned node.
   */
  evictionBlocked?: string;
  /** StatefulSet pods: the `controller-revision-hash` suffix, and whether it is the set's update revision. */
  revision?: { hash: string; current: boolean };
  /** Database pods (`src/apps/`): the role recorded on the volume and how many rows it holds. */
  database?: { role: 'primary' | 'replica' | 'standalone'; rows: number };
}

/**
 * A PodDisruptionBudget: `kubectl get pdb`'s columns and its selector.
 *
 * @example
 * { name: 'web-pdb', namespace: 'default', selector: 'app=nginx', minAvailable: '2', maxUnavailable: 'N/A',
 *   allowedDisruptions: 1, currentHealthy: 3, desiredHealthy: 2, tone: 'ok' }
 */
export interface BudgetModel {
  name: string;
  namespace: string;
  selector: string;
  minAvailable: string;
  maxUnavailable: string;
  allowedDisruptions: number;
  currentHealthy: number;
  desiredHealthy: number;
  /** `warning` while no disruption is allowed. */
  tone: Tone;
}

/** A PersistentVolumeClaim, hung under the pod that mounts it. */
export interface ClaimModel {
  name: string;
  namespace: string;
  phase: string;
  volume?: string;
  storageClass?: string;
  capacity?: string;
  /** Pod (same namespace) mounting it, if one exists. */
  pod?: string;
  tone: Tone;
}

/** A PersistentVolume: inside a node's lane when local to it, otherwise in the storage lane. */
export interface VolumeModel {
  name: string;
  phase: string;
  capacity?: string;
  /** `namespace/name` of the bound claim. */
  claim?: string;
  /** Node a local (hostPath / local-path) volume lives on. */
  node?: string;
  /** Nodes a network volume is attached to. */
  attachedTo: string[];
  tone: Tone;
}

/** A Service with the DNS records it publishes. */
export interface ServiceModel {
  name: string;
  namespace: string;
  headless: boolean;
  clusterIP?: string;
  /** Service name, then (headless) one `<pod>.<service>…` record per ready pod. */
  records: string[];
}

/** A workload controller (StatefulSet, Deployment, ReplicaSet, Job, …). */
export interface OwnerModel {
  kind: string;
  name: string;
  namespace: string;
  /** `ready/desired`, as `kubectl get` prints READY. */
  ready: string;
  /** `Kind/namespace/name` of its own controller (ReplicaSet → Deployment). */
  owner?: string;
  /** Jobs: `Complete`, `Failed`, `Suspended` or `Running`; CronJobs: `Active` or `Suspended`. */
  status?: string;
  /** CronJobs: `spec.schedule`. */
  schedule?: string;
  tone?: Tone;
}

/** A link between two objects, by their ids (see `objectId`). */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: 'owns' | 'mounts' | 'binds' | 'selects';
}

/**
 * Everything the graph shows, sorted canonically (lanes by node name, the rest by namespace/name).
 *
 * @example
 * toGraphModel(state).pods.map((p) => `${p.name} ${p.node ?? 'Pending'}`) // ['web-0 node-2', 'web-1 node-3']
 */
export interface GraphModel {
  lanes: LaneModel[];
  pods: PodModel[];
  claims: ClaimModel[];
  volumes: VolumeModel[];
  services: ServiceModel[];
  owners: OwnerModel[];
  budgets: BudgetModel[];
  edges: GraphEdge[];
}

/** The id of an object in the graph and in test ids: `pod.web-0`, `claim.www-web-0`, `node.node-1`. */
export function objectId(kind: 'pod' | 'claim' | 'volume' | 'service' | 'owner' | 'node' | 'budget', namespace: string | undefined, name: string, ownerKind?: string): string {
  const ns = namespace && namespace !== 'default' ? `${namespace}/` : '';
  if (kind === 'owner') return `${(ownerKind ?? '').toLowerCase()}.${ns}${name}`;
  return `${kind}.${ns}${name}`;
}
