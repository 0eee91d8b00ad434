/**
 * endpointSliceController: publishes which pods back each Service, as
 * EndpointSlices (`pkg/controller/endpointslice` with the reconciler of
 * `staging/src/k8s.io/endpointslice`) and as the legacy `Endpoints` object
 * (`pkg/controller/endpoint`). Cluster DNS and the exec shell's `curl` read the
 * slices (spec R14.3, R14.7, R14.9).
 *
 * For every Service with a selector (and not `ExternalName`):
 * - the pods that count are those in the Service's namespace that match the
 *   selector, have `status.podIP` and are not terminal (Succeeded/Failed);
 *   terminating pods stay in the slices with `terminating: true`
 *   (`ShouldPodBeInEndpoints(pod, includeTerminating=true)`);
 * - each endpoint carries `ready` (pod Ready and not terminating; always true
 *   with `publishNotReadyAddresses`), `serving` (pod Ready) and `terminating`
 *   (deletionTimestamp set), `hostname` only when the pod's `spec.hostname` is
 *   set and its `spec.subdomain` equals the Service name, `nodeName`,
 *   `targetRef` and `zone` (the node's `topology.kubernetes.io/zone` label);
 * - ports come from the Service ports with `targetPort` resolved against the
 *   pod (named container ports too); pods whose ports resolve differently go
 *   to different slices, as upstream groups endpoints by port mapping;
 * - slices are named `<svc>-<5 random chars>` (generateName), labelled
 *   `kubernetes.io/service-name`, `endpointslice.kubernetes.io/managed-by`, the
 *   Service's own labels and `service.kubernetes.io/headless` for headless
 *   Services, owned by the Service; at most 100 endpoints each; a Service with
 *   no endpoints keeps one placeholder slice without ports; names are reused
 *   rather than deleted and recreated (the reconciler's `finalize` step);
 * - the legacy `Endpoints` object `<svc>` lists ready pods under `addresses`,
 *   others under `notReadyAddresses`, and drops terminating pods unless
 *   `publishNotReadyAddresses` is set.
 * Objects are written only when their content changes, and removed once the
 * Service is gone. Services that lose their selector keep their last slices, as
 * upstream leaves them alone.
 *
 * Left out: the trigger-time tracker (the `last-change-trigger-time`
 * annotation is simply the time of the write), topology hints, dual-stack, the
 * Endpoints 1000-address truncation, mirroring of user-managed Endpoints.
 *
 * Performance: the controller runs in every reconcile pass, so it remembers
 * (outside the JSON state, keyed by the state object) the change-log position
 * it has seen and a digest of each pod's endpoint-relevant fields (none for a
 * pod without an IP or in a terminal phase: it backs nothing), and only
 * re-syncs the namespaces where something relevant changed. A state it has not
 * seen (a clone, a replay) is simply synced in full.
 */
import type { EndpointAddress, Endpoints, EndpointSubset, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { fromLabelSelector, matches } from '../../model/labelSelector';
import { isDeleting, ownerRef, type KObject } from '../../model/objects';
import { isPodReady, isTerminal, type PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import type { Controller } from '../controller';
import { jsonEqual } from '../jsonData';
import { randomSuffix } from '../random';
import { createObject, getObject, listObjects, nowTimestamp, removeObject, updateObject } from '../store';

/** Stored objects of the kinds this controller reads and writes. */
export type ServiceObject = Service & KObject;
export type EndpointSliceObject = EndpointSlice & KObject;
export type EndpointsObject = Endpoints & KObject;

/** Label naming the Service a slice belongs to. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** Label naming the controller that manages a slice, and this controller's value for it. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
const LABEL_HEADLESS = 'service.kubernetes.io/headless';
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
const ZONE_LABEL = 'topology.kubernetes.io/zone';
const MAX_ENDPOINTS_PER_SLICE = 100;

/** One pod's contribution to a Service. */
interface PodEndpoint {
  pod: string;
  ip: string;
  ready: boolean;
  terminating: boolean;
  slice: Endpoint;
  legacy: EndpointAddress;
  ports: EndpointPort[];
  /** Port-mapping signature: pods with equal signatures share slices/subsets. */
  sig: string;
}

interface PlannedSlice {
  name?: string;
  sig: string;
  ports: EndpointPort[];
  endpoints: PodEndpoint[];
}

/** True when the controllers publish endpoints for this Service (R14.1). */
export function hasManagedEndpoints(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;
}

/** `podutil.FindPort`: the container port a Service port targets on this pod, if any. */
export function resolveTargetPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  // Restartable init containers (sidecars) serve ports too, since v1.29.
  const containers = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  for (const c of containers) {
    const port = c.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === protocol);
    if (port) return port.containerPort;
  }
  return undefined;
}

function podEndpoint(state: ClusterState, svc: ServiceObject, pod: PodObject): PodEndpoint {
  const ns = pod.metadata.namespace ?? 'default';
  const ip = pod.status?.podIP as string;
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const terminating = isDeleting(pod);
  const serving = isPodReady(pod);
  const ready = publishNotReady || (serving && !terminating);
  const hostname =
    pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname : undefined;
  const nodeName = pod.spec?.nodeName;
  const zone = nodeName ? getObject<KObject>(state, 'Node', undefined, nodeName)?.metadata.labels?.[ZONE_LABEL] : undefined;
  const targetRef = { kind: 'Pod', namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid ?? '' };
  const slice: Endpoint = { addresses: [ip], conditions: { ready, serving, terminating } };
  if (hostname) slice.hostname = hostname;
  if (nodeName) slice.nodeName = nodeName;
  slice.targetRef = targetRef;
  if (zone) slice.zone = zone;
  const legacy: EndpointAddress = { ip };
  if (hostname) legacy.hostname = hostname;
  if (nodeName) legacy.nodeName = nodeName;
  legacy.targetRef = { ...targetRef };
  const ports: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = resolveTargetPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    ports.push(ep);
  }
  return { pod: pod.metadata.name, ip, ready, terminating, slice, legacy, ports, sig: JSON.stringify(ports) };
}

/** The pods backing a Service right now, sorted by name. */
function podEndpoints(state: ClusterState, svc: ServiceObject): PodEndpoint[] {
  const selector = fromLabelSelector({ matchLabels: svc.spec?.selector ?? {} });
  const out: PodEndpoint[] = [];
  for (const pod of listObjects<PodObject>(state, 'Pod', svc.metadata.namespace)) {
    if (!pod.status?.podIP || isTerminal(pod) || !matches(selector, pod.metadata.labels)) continue;
    out.push(podEndpoint(state, svc, pod));
  }
  return out.sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
}

function serviceLabels(svc: ServiceObject): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata.labels };
  if (svc.spec?.clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  return labels;
}

/** Places endpoints into slices, keeping each endpoint in the slice that already holds it. */
function planSlices(existing: EndpointSliceObject[], endpoints: PodEndpoint[]): { plan: PlannedSlice[]; unused: string[] } {
  const groups = new Map<string, PodEndpoint[]>();
  for (const ep of endpoints) {
    const group = groups.get(ep.sig);
    if (group) group.push(ep);
    else groups.set(ep.sig, [ep]);
  }
  const plan: PlannedSlice[] = [];
  const unused: string[] = [];
  const placed = new Set<string>();
  for (const slice of existing) {
    const sig = JSON.stringify(slice.ports ?? []);
    const holds = new Set((slice.endpoints ?? []).map((e) => e.targetRef?.name));
    const keep = (groups.get(sig) ?? []).filter((e) => holds.has(e.pod) && !placed.has(e.pod)).slice(0, MAX_ENDPOINTS_PER_SLICE);
    if (keep.length === 0) {
      unused.push(slice.metadata.name);
      continue;
    }
    keep.forEach((e) => placed.add(e.pod));
    plan.push({ name: slice.metadata.name, sig, ports: slice.ports ?? [], endpoints: keep });
  }
  for (const [sig, group] of groups) {
    let rest = group.filter((e) => !placed.has(e.pod));
    for (const p of plan) {
      const room = MAX_ENDPOINTS_PER_SLICE - p.endpoints.length;
      if (p.sig !== sig || room <= 0 || rest.length === 0) continue;
      p.endpoints.push(...rest.slice(0, room));
      rest = rest.slice(room);
    }
    while (rest.length > 0) {
      plan.push({ name: unused.shift(), sig, ports: group[0]?.ports ?? [], endpoints: rest.slice(0, MAX_ENDPOINTS_PER_SLICE) });
      rest = rest.slice(MAX_ENDPOINTS_PER_SLICE);
    }
  }
  // A Service without endpoints keeps one placeholder slice (no ports, no endpoints).
  if (plan.length === 0) plan.push({ name: unused.shift(), sig: '[]', ports: [], endpoints: [] });
  return { plan, unused };
}

function byPod(a: PodEndpoint, b: PodEndpoint): number {
  return a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0;
}

function newSliceName(state: ClusterState, svc: ServiceObject): string {
  // generateName `<svc>-`, truncated like the API server's name generator.
  const base = `${svc.metadata.name}-`.slice(0, 58);
  for (;;) {
    const name = `${base}${randomSuffix(state.rng)}`;
    if (!getObject(state, 'EndpointSlice', svc.metadata.namespace, name)) return name;
  }
}

function syncSlices(state: ClusterState, svc: ServiceObject, endpoints: PodEndpoint[]): void {
  const ns = svc.metadata.namespace;
  const mine = listObjects<EndpointSliceObject>(state, 'EndpointSlice', ns).filter(
    (s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.metadata.name && s.metadata.labels?.[LABEL_MANAGED_BY] === MANAGED_BY,
  );
  // Slices of an older Service with the same name are the garbage collector's; remove them.
  const owned = mine.filter((s) => s.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid));
  for (const s of mine) if (!owned.includes(s)) removeObject(state, 'EndpointSlice', ns, s.metadata.name);
  const { plan, unused } = planSlices(owned, endpoints);
  const labels = { ...serviceLabels(svc), [LABEL_SERVICE_NAME]: svc.metadata.name, [LABEL_MANAGED_BY]: MANAGED_BY };
  const owner = [ownerRef(svc)];
  for (const p of plan) {
    const content = {
      labels,
      ownerReferences: owner,
      addressType: 'IPv4',
      endpoints: [...p.endpoints].sort(byPod).map((e) => e.slice),
      ports: p.ports,
    };
    const current = p.name ? getObject<EndpointSliceObject>(state, 'EndpointSlice', ns, p.name) : undefined;
    if (current) {
      const before = { labels: current.metadata.labels, ownerReferences: current.metadata.ownerReferences, addressType: current.addressType, endpoints: current.endpoints, ports: current.ports };
      if (jsonEqual(before, content)) continue;
      updateObject<EndpointSliceObject>(state, 'EndpointSlice', ns, current.metadata.name, (draft) => {
        draft.metadata.labels = content.labels;
        draft.metadata.ownerReferences = content.ownerReferences;
        draft.metadata.annotations = { ...draft.metadata.annotations, [TRIGGER_TIME]: nowTimestamp(state) };
        draft.addressType = content.addressType;
        draft.endpoints = content.endpoints;
        draft.ports = content.ports;
      });
    } else {
      createObject<EndpointSliceObject>(state, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: newSliceName(state, svc),
          generateName: `${svc.metadata.name}-`,
          namespace: ns,
          labels: content.labels,
          annotations: { [TRIGGER_TIME]: nowTimestamp(state) },
          ownerReferences: content.ownerReferences,
        },
        addressType: content.addressType,
        endpoints: content.endpoints,
        ports: content.ports,
      });
    }
  }
  for (const name of unused) removeObject(state, 'EndpointSlice', ns, name);
}

function byIp(a: EndpointAddress, b: EndpointAddress): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0;
}

function syncEndpoints(state: ClusterState, svc: ServiceObject, endpoints: PodEndpoint[]): void {
  const ns = svc.metadata.namespace;
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const subsets: EndpointSubset[] = [];
  const bySig = new Map<string, EndpointSubset>();
  for (const ep of endpoints) {
    if (ep.terminating && !publishNotReady) continue;
    // A Service with ports but none resolving on this pod gives it no address (headless port-less ones do).
    if (ep.ports.length === 0 && (svc.spec?.ports ?? []).length > 0) continue;
    let subset = bySig.get(ep.sig);
    if (!subset) {
      subset = {};
      bySig.set(ep.sig, subset);
      subsets.push(subset);
    }
    const list = ep.ready ? (subset.addresses ??= []) : (subset.notReadyAddresses ??= []);
    list.push(ep.legacy);
    if (ep.ports.length > 0) subset.ports = ep.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port ?? 0, protocol: p.protocol }));
  }
  for (const s of subsets) {
    s.addresses?.sort(byIp);
    s.notReadyAddresses?.sort(byIp);
  }
  const labels = serviceLabels(svc);
  const current = getObject<EndpointsObject>(state, 'Endpoints', ns, svc.metadata.name);
  if (current) {
    if (jsonEqual([current.metadata.labels ?? {}, current.subsets ?? []], [labels, subsets])) return;
    updateObject<EndpointsObject>(state, 'Endpoints', ns, svc.metadata.name, (draft) => {
      draft.metadata.labels = labels;
      draft.metadata.annotations = { ...draft.metadata.annotations, [TRIGGER_TIME]: nowTimestamp(state) };
      if (subsets.length > 0) draft.subsets = subsets;
      else delete draft.subsets;
    });
    return;
  }
  const obj: EndpointsObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: svc.metadata.name, namespace: ns, labels, annotations: { [TRIGGER_TIME]: nowTimestamp(state) } },
  };
  if (subsets.length > 0) obj.subsets = subsets;
  createObject(state, obj);
}

/** Removes what this controller published for Services that no longer exist in `ns`. */
function removeOrphans(state: ClusterState, ns: string): void {
  for (const s of listObjects<EndpointSliceObject>(state, 'EndpointSlice', ns)) {
    const svcName = s.metadata.labels?.[LABEL_SERVICE_NAME];
    if (s.metadata.labels?.[LABEL_MANAGED_BY] !== MANAGED_BY || svcName === undefined) continue;
    if (!getObject(state, 'Service', ns, svcName)) removeObject(state, 'EndpointSlice', ns, s.metadata.name);
  }
  for (const ep of listObjects<EndpointsObject>(state, 'Endpoints', ns)) {
    // Only Endpoints this controller wrote carry the trigger-time annotation; hand-made ones stay.
    if (ep.metadata.annotations?.[TRIGGER_TIME] === undefined) continue;
    if (!getObject(state, 'Service', ns, ep.metadata.name)) removeObject(state, 'Endpoints', ns, ep.metadata.name);
  }
}

function syncNamespace(state: ClusterState, ns: string): void {
  for (const svc of listObjects<ServiceObject>(state, 'Service', ns)) {
    if (!hasManagedEndpoints(svc)) continue;
    const endpoints = podEndpoints(state, svc);
    syncSlices(state, svc, endpoints);
    syncEndpoints(state, svc, endpoints);
  }
  removeOrphans(state, ns);
}

/** What this controller remembers about a state between passes (not part of the state). */
interface Memo {
  rv: number;
  seq: number;
  pods: Map<string, string>;
  zones: string;
}

const memos = new WeakMap<ClusterState, Memo>();

/**
 * The fields of a pod that decide its endpoints; undefined for a pod no
 * Service can list (no IP yet, or terminal), so that changes to such a pod
 * (created, scheduled, pulling its image) do not re-sync the namespace.
 */
function podDigest(pod: PodObject): string | undefined {
  if (!pod.status?.podIP || isTerminal(pod)) return undefined;
  const ports = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => [c.restartPolicy, c.ports]);
  return JSON.stringify([
    pod.metadata.uid,
    pod.metadata.labels,
    pod.status.podIP,
    isPodReady(pod),
    isDeleting(pod),
    pod.spec?.nodeName,
    pod.spec?.hostname,
    pod.spec?.subdomain,
    ports,
  ]);
}

function zoneDigest(state: ClusterState): string {
  return JSON.stringify(listObjects<KObject>(state, 'Node').map((n) => [n.metadata.name, n.metadata.labels?.[ZONE_LABEL]]));
}

function namespaceOf(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? '' : key.slice(0, slash);
}

/** The namespaces to re-sync, or `undefined` for all of them. */
function dirtyNamespaces(state: ClusterState, memo: Memo | undefined): Set<string> | undefined {
  const changes = state.changes;
  const first = changes[0];
  const last = changes[changes.length - 1];
  if (!memo || state.counters.rv < memo.rv || (first && first.seq > memo.seq + 1) || (last && last.seq < memo.seq)) return undefined;
  const zones = zoneDigest(state);
  if (zones !== memo.zones) return undefined;
  const dirty = new Set<string>();
  let i = changes.length - 1;
  while (i >= 0 && (changes[i]?.seq ?? 0) > memo.seq) i--;
  for (i += 1; i < changes.length; i++) {
    const change = changes[i];
    if (!change) continue;
    if (change.kind === 'Pod') {
      const digest = change.type === 'DELETED' ? undefined : podDigest(change.object as PodObject);
      if (digest === memo.pods.get(change.key)) continue;
      if (digest === undefined) memo.pods.delete(change.key);
      else memo.pods.set(change.key, digest);
      dirty.add(namespaceOf(change.key));
    } else if (change.kind === 'Service' || change.kind === 'EndpointSlice' || change.kind === 'Endpoints') {
      dirty.add(namespaceOf(change.key));
    }
  }
  return dirty;
}

function fullMemo(state: ClusterState): Memo {
  const pods = new Map<string, string>();
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    const digest = podDigest(pod);
    if (digest !== undefined) pods.set(`${pod.metadata.namespace}/${pod.metadata.name}`, digest);
  }
  return { rv: state.counters.rv, seq: state.counters.seq, pods, zones: zoneDigest(state) };
}

function reconcile(state: ClusterState): void {
  const memo = memos.get(state);
  if (memo && memo.rv === state.counters.rv) return;
  const dirty = dirtyNamespaces(state, memo);
  const current = dirty === undefined ? fullMemo(state) : (memo as Memo);
  const namespaces =
    dirty ?? new Set([...listObjects<ServiceObject>(state, 'Service'), ...listObjects<KObject>(state, 'EndpointSlice'), ...listObjects<KObject>(state, 'Endpoints')].map((o) => o.metadata.namespace ?? ''));
  for (const ns of [...namespaces].sort()) syncNamespace(state, ns);
  // Our own writes are not news to us: skip past them.
  current.rv = state.counters.rv;
  current.seq = state.counters.seq;
  memos.set(state, current);
}

/** The EndpointSlice + Endpoints controller. Runs last: it publishes what the others produced. */
export const endpointSliceController: Controller = {
  name: 'endpointslice-controller',
  settled: true,
  reconcile,
};
