/**
 * Projects a ClusterState onto the neutral GraphModel the browser draws: node lanes, pods with
 * their `kubectl get pods -o wide` columns and stable DNS names, claims, volumes, Services with
 * their DNS records, and workload owners. Read-only: it never writes to the state.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, Service } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../engine/clusterState';
import { getObject, listObjects } from '../engine/store';
import { serviceFqdn, serviceViews } from '../dns/dnsRecords';
import type { KObject } from '../model/objects';
import { controllerOf } from '../model/objects';
import type { PodObject } from '../model/pod';
import { getCondition, isPodReady, isTerminal, podReadyText, podRestarts, podStatusText } from '../model/pod';
import { formatBytes, formatCpu, parseQuantity } from '../model/quantity';
import type { ClaimModel, GraphEdge, GraphModel, LaneModel, OwnerModel, PodModel, ServiceModel, Tone, VolumeModel } from './graphModel';
import { objectId } from './graphModel';
import { budgetModels, databaseFacts, nodeReady, evictionBlocked, jobStatus, jobTone, podRevision, stuckReason, taintTexts } from './facts';

type NodeObject = Node & KObject;
type PvcObject = PersistentVolumeClaim & KObject;
type PvObject = PersistentVolume & KObject;
type ServiceObject = Service & KObject;

/** Workload kinds drawn as owners, in the order `kubectl get all` lists them. */
export const OWNER_KINDS = ['StatefulSet', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Job', 'CronJob'] as const;

const ERROR_STATUSES = /^(CrashLoopBackOff|Error|ErrImagePull|ImagePullBackOff|InvalidImageName|OOMKilled|CreateContainerConfigError|ContainerStatusUnknown|Failed|Init:.*Error|Init:CrashLoopBackOff|ExitCode:.*|Signal:.*)$/;
const LOCAL_PROVISIONERS = new Set(['rancher.io/local-path']);
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Colour class of a pod status; the card prints the status text as well (never colour alone). */
export function podTone(pod: PodObject, status: string): Tone {
  if (status === 'Terminating') return 'terminating';
  if (ERROR_STATUSES.test(status)) return 'error';
  if (status === 'Unknown' || status === 'NotReady') return 'warning';
  if (status === 'Completed' || status === 'Succeeded') return 'neutral';
  if (status === 'Running') return isPodReady(pod) ? 'ok' : 'progress';
  return 'progress';
}

function ownerKey(ref: { kind: string; name: string }, namespace: string): string {
  return `${ref.kind}/${namespace}/${ref.name}`;
}

/** What the pods bound to one node and still holding resources request, and how many they are. */
interface NodeUsage {
  cpu: number;
  memory: number;
  pods: number;
}

/** Usage by node name, in one pass over the pods. */
function usageByNode(pods: PodObject[]): Map<string, NodeUsage> {
  const usage = new Map<string, NodeUsage>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (!node || isTerminal(pod)) continue;
    let u = usage.get(node);
    if (!u) usage.set(node, (u = { cpu: 0, memory: 0, pods: 0 }));
    u.pods += 1;
    for (const c of pod.spec?.containers ?? []) {
      u.cpu += parseQuantity(c.resources?.requests?.['cpu']) ?? 0;
      u.memory += parseQuantity(c.resources?.requests?.['memory']) ?? 0;
    }
  }
  return usage;
}

function toLane(node: NodeObject, usage: NodeUsage | undefined): LaneModel {
  const name = node.metadata.name;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const cpuAlloc = parseQuantity(node.status?.allocatable?.['cpu']) ?? 0;
  const memAlloc = parseQuantity(node.status?.allocatable?.['memory']) ?? 0;
  const cpuReq = usage?.cpu ?? 0;
  const memReq = usage?.memory ?? 0;
  return {
    name,
    ready,
    cordoned: node.spec?.unschedulable === true,
    taints: taintTexts(node),
    cpu: { requested: formatCpu(cpuReq), allocatable: formatCpu(cpuAlloc), fraction: cpuAlloc ? cpuReq / cpuAlloc : 0 },
    memory: { requested: memReq ? formatBytes(memReq) : '0', allocatable: formatBytes(memAlloc), fraction: memAlloc ? memReq / memAlloc : 0 },
    podCount: usage?.pods ?? 0,
  };
}

function toPod(state: ClusterState, pod: PodObject, headless: Set<string>): PodModel {
  const namespace = pod.metadata.namespace ?? 'default';
  const status = podStatusText(pod);
  const model: PodModel = {
    name: pod.metadata.name,
    namespace,
    status,
    ready: podReadyText(pod),
    restarts: podRestarts(pod),
    tone: podTone(pod, status),
    claims: (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [])),
  };
  if (pod.status?.podIP) model.ip = pod.status.podIP;
  if (pod.spec?.nodeName) model.node = pod.spec.nodeName;
  const { hostname, subdomain } = pod.spec ?? {};
  // A pod gets its own A record only with hostname + subdomain naming a headless Service (R14.9).
  if (hostname && subdomain && headless.has(`${namespace}/${subdomain}`)) {
    model.dnsName = `${hostname}.${subdomain}.${namespace}.svc.${state.config.clusterDomain}`;
  }
  const scheduled = getCondition(pod, 'PodScheduled');
  if (!model.node && scheduled?.status === 'False' && scheduled.message) model.message = scheduled.message;
  const controller = controllerOf(pod);
  if (controller) model.owner = ownerKey(controller, namespace);
  if (model.node && !nodeReady(getObject<NodeObject>(state, 'Node', undefined, model.node))) model.nodeNotReady = true;
  const stuck = stuckReason(state, pod);
  if (stuck) model.stuck = stuck;
  const blocked = evictionBlocked(state, pod);
  if (blocked) model.evictionBlocked = blocked;
  const revision = podRevision(state, pod);
  if (revision) model.revision = revision;
  const database = databaseFacts(state, pod);
  if (database) model.database = database;
  return model;
}

function claimTone(phase: string): Tone {
  return phase === 'Bound' ? 'ok' : phase === 'Lost' ? 'error' : 'progress';
}

/** The node a volume lives on when it is local storage (hostPath, local, or a local-path provisioner). */
function localNode(pv: PvObject): string | undefined {
  const provisioner = pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'];
  const local = Boolean(pv.spec?.hostPath || pv.spec?.local || (provisioner && LOCAL_PROVISIONERS.has(provisioner)));
  if (!local) return undefined;
  for (const term of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const expr of term.matchExpressions ?? []) {
      if (expr.key === HOSTNAME_LABEL && expr.operator === 'In' && expr.values?.[0]) return expr.values[0];
    }
  }
  return undefined;
}

function toOwner(obj: KObject): OwnerModel {
  const namespace = obj.metadata.namespace ?? 'default';
  const spec = (obj['spec'] ?? {}) as { replicas?: number; completions?: number };
  const status = (obj['status'] ?? {}) as { readyReplicas?: number; succeeded?: number; numberReady?: number; desiredNumberScheduled?: number };
  let ready: string;
  if (obj.kind === 'Job') ready = `${status.succeeded ?? 0}/${spec.completions ?? 1}`;
  else if (obj.kind === 'DaemonSet') ready = `${status.numberReady ?? 0}/${status.desiredNumberScheduled ?? 0}`;
  else if (obj.kind === 'CronJob') ready = '';
  else ready = `${status.readyReplicas ?? 0}/${spec.replicas ?? 1}`;
  const model: OwnerModel = { kind: obj.kind, name: obj.metadata.name, namespace, ready };
  if (obj.kind === 'Job') {
    model.status = jobStatus(obj);
    model.tone = jobTone(model.status);
  } else if (obj.kind === 'CronJob') {
    const cron = obj as KObject & { spec?: { schedule?: string; suspend?: boolean }; status?: { active?: unknown[] } };
    if (cron.spec?.schedule) model.schedule = cron.spec.schedule;
    model.status = cron.spec?.suspend ? 'Suspended' : cron.status?.active?.length ? 'Active' : 'Scheduled';
    model.tone = cron.spec?.suspend ? 'warning' : cron.status?.active?.length ? 'progress' : 'neutral';
  }
  const controller = controllerOf(obj);
  if (controller) model.owner = ownerKey(controller, namespace);
  return model;
}

/** Graph id of an owner given as `Kind/namespace/name`. */
export function ownerId(key: string): string {
  const [kind = '', namespace, name = ''] = key.split('/');
  return objectId('owner', namespace, name, kind);
}

/** Projects the cluster onto the graph model. Pure and deterministic: same state, same model. */
export function toGraphModel(state: ClusterState): GraphModel {
  const pods = listObjects<PodObject>(state, 'Pod');
  const services = listObjects<ServiceObject>(state, 'Service');
  const headless = new Set(services.filter((s) => s.spec?.clusterIP === 'None').map((s) => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`));
  const edges: GraphEdge[] = [];
  const edge = (source: string, target: string, kind: GraphEdge['kind']) => edges.push({ id: `${kind}:${source}->${target}`, source, target, kind });

  const usage = usageByNode(pods);
  const lanes = listObjects<NodeObject>(state, 'Node').map((n) => toLane(n, usage.get(n.metadata.name)));
  const podModels = pods.map((p) => toPod(state, p, headless));

  const owners: OwnerModel[] = OWNER_KINDS.flatMap((kind) => listObjects(state, kind).map(toOwner));
  const ownerIds = new Set(owners.map((o) => ownerKey(o, o.namespace)));
  for (const owner of owners) {
    if (owner.owner && ownerIds.has(owner.owner)) edge(ownerId(owner.owner), objectId('owner', owner.namespace, owner.name, owner.kind), 'owns');
  }
  for (const pod of podModels) {
    if (pod.owner && ownerIds.has(pod.owner)) edge(ownerId(pod.owner), objectId('pod', pod.namespace, pod.name), 'owns');
  }

  const mountedBy = new Map<string, string>();
  for (const pod of podModels) for (const claim of pod.claims) mountedBy.set(`${pod.namespace}/${claim}`, pod.name);

  const claims: ClaimModel[] = listObjects<PvcObject>(state, 'PersistentVolumeClaim').map((pvc) => {
    const namespace = pvc.metadata.namespace ?? 'default';
    const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending');
    const model: ClaimModel = { name: pvc.metadata.name, namespace, phase, tone: phase === 'Terminating' ? 'terminating' : claimTone(phase) };
    if (pvc.spec?.volumeName) model.volume = pvc.spec.volumeName;
    if (pvc.spec?.storageClassName) model.storageClass = pvc.spec.storageClassName;
    const capacity = pvc.status?.capacity?.['storage'];
    if (capacity) model.capacity = capacity;
    const pod = mountedBy.get(`${namespace}/${pvc.metadata.name}`);
    if (pod) {
      model.pod = pod;
      edge(objectId('pod', namespace, pod), objectId('claim', namespace, model.name), 'mounts');
    }
    if (model.volume) edge(objectId('claim', namespace, model.name), objectId('volume', undefined, model.volume), 'binds');
    return model;
  });

  const volumes: VolumeModel[] = listObjects<PvObject>(state, 'PersistentVolume').map((pv) => {
    const phase = pv.status?.phase ?? 'Pending';
    const model: VolumeModel = {
      name: pv.metadata.name,
      phase,
      attachedTo: [...(state.runtime.volumes[pv.metadata.name]?.attachedTo ?? [])].sort(),
      tone: phase === 'Bound' ? 'ok' : phase === 'Failed' ? 'error' : 'neutral',
    };
    const capacity = pv.spec?.capacity?.['storage'];
    if (capacity) model.capacity = capacity;
    const ref = pv.spec?.claimRef;
    if (ref?.name) model.claim = `${ref.namespace ?? 'default'}/${ref.name}`;
    const node = localNode(pv);
    if (node) model.node = node;
    return model;
  });

  const zone = state.config.clusterDomain;
  const serviceModels: ServiceModel[] = serviceViews(state)
    // The API server's own Service and kube-dns are machinery a learner did not create.
    .filter((v) => v.namespace !== 'kube-system' && !(v.namespace === 'default' && v.name === 'kubernetes'))
    .map((view) => {
      const fqdn = serviceFqdn(view, zone);
      const records = [fqdn];
      if (view.headless) for (const ep of view.endpoints) if (ep.hasHostname) records.push(`${ep.label}.${fqdn}`);
      const model: ServiceModel = { name: view.name, namespace: view.namespace, headless: view.headless, records };
      if (view.clusterIP) model.clusterIP = view.clusterIP;
      for (const ep of view.endpoints) if (ep.pod) edge(objectId('service', view.namespace, view.name), objectId('pod', view.namespace, ep.pod), 'selects');
      return model;
    });

  return { lanes, pods: podModels, claims, volumes, services: serviceModels, owners, budgets: budgetModels(state), edges };
}
