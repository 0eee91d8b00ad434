/**
 * The records cluster DNS serves, computed from the Services and
 * EndpointSlices in the store the way CoreDNS's `kubernetes` plugin does
 * (`plugin/kubernetes/kubernetes.go` findServices/findPods, `reverse.go`),
 * following the Kubernetes DNS specification (`kubernetes/dns`
 * `docs/specification.md` 1.0.1) and spec R14.1–R14.8, R14.11.
 *
 * - ClusterIP Service: `<svc>.<ns>.svc.<zone>` A → the cluster IP, whatever the
 *   readiness of its pods; SRV `_<port>._<proto>.<svc>…` → `<port> <svc>…`; PTR
 *   of the cluster IP → the Service name.
 * - Headless Service: `<svc>…` A → one record per ready endpoint (none →
 *   NXDOMAIN); `<endpoint>.<svc>…` A where `<endpoint>` is the endpoint's
 *   hostname, or its dashed IP when it has none; one SRV per ready endpoint
 *   targeting that name; PTR of the endpoint IP → that name.
 * - `<endpoint>.<svc>…` also resolves for ClusterIP Services (CoreDNS's
 *   "endpoint query" branch, R14.11).
 * - Pods: `<a-b-c-d>.<ns>.pod.<zone>` → a.b.c.d for any well-formed address in
 *   an existing namespace (the default Corefile's `pods insecure` mode does not
 *   check that such a pod exists).
 * - `kube-dns.kube-system` (10.96.0.10) is served even when no such Service
 *   object exists, since CoreDNS itself is not simulated.
 *
 * Left out: ExternalName (CNAME) Services, AAAA, TTLs and caching (R14.10),
 * forwarding of names outside the cluster domain (there is no internet).
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ClusterState } from '../engine/clusterState';
import { KUBE_DNS_SERVICE_IP } from '../engine/serviceIp';
import { getObject, listObjects } from '../engine/store';
import type { KObject } from '../model/objects';
import { isTerminal, type PodObject } from '../model/pod';

/** Record types the simulated DNS answers. */
export type DnsType = 'A' | 'SRV' | 'PTR';

/** One resource record. `name` has no trailing dot; `data` is what `dig +short` prints. */
export interface DnsAnswer {
  name: string;
  type: DnsType;
  data: string;
}

interface PortView {
  name: string;
  port: number;
  protocol: string;
}

/** A ready endpoint as DNS sees it. */
export interface EndpointView {
  ip: string;
  /** Hostname, or the dashed IP when the endpoint has none (CoreDNS endpointHostname). */
  label: string;
  hasHostname: boolean;
  pod?: string;
  ports: PortView[];
}

/** A Service with the ready endpoints of its slices. */
export interface ServiceView {
  name: string;
  namespace: string;
  headless: boolean;
  clusterIP?: string;
  ports: PortView[];
  endpoints: EndpointView[];
}

/** `10.244.1.2` → `10-244-1-2`. */
export function dashedIp(ip: string): string {
  return ip.replace(/\./g, '-');
}

/** True for a dotted IPv4 address. */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The ready endpoints of a Service, from every EndpointSlice labelled with its name, sorted by pod. */
function readyEndpoints(state: ClusterState, ns: string, name: string): EndpointView[] {
  const seen = new Set<string>();
  const out: EndpointView[] = [];
  for (const slice of listObjects<EndpointSlice & KObject>(state, 'EndpointSlice', ns)) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== name || slice.addressType !== 'IPv4') continue;
    const ports = (slice.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port ?? 0, protocol: p.protocol ?? 'TCP' }));
    for (const ep of slice.endpoints ?? []) {
      // DNS publishes `ready` endpoints only (R14.7, R14.9); `ready` already folds in publishNotReadyAddresses.
      if (ep.conditions?.ready === false) continue;
      for (const ip of ep.addresses) {
        const key = `${ip}|${ep.hostname ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ ip, label: ep.hostname ?? dashedIp(ip), hasHostname: Boolean(ep.hostname), pod: ep.targetRef?.name, ports });
      }
    }
  }
  const sortKey = (e: EndpointView) => e.pod ?? e.ip;
  return out.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

const KUBE_DNS: ServiceView = {
  name: 'kube-dns',
  namespace: 'kube-system',
  headless: false,
  clusterIP: KUBE_DNS_SERVICE_IP,
  ports: [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    { name: 'metrics', port: 9153, protocol: 'TCP' },
  ],
  endpoints: [],
};

/** Every Service DNS knows about, in (namespace, name) order. */
export function serviceViews(state: ClusterState): ServiceView[] {
  const out: ServiceView[] = [];
  let hasKubeDns = false;
  for (const svc of listObjects<Service & KObject>(state, 'Service')) {
    if (svc.spec?.type === 'ExternalName') continue;
    const ns = svc.metadata.namespace ?? 'default';
    if (ns === 'kube-system' && svc.metadata.name === 'kube-dns') hasKubeDns = true;
    const clusterIP = svc.spec?.clusterIP;
    const headless = clusterIP === 'None';
    const view: ServiceView = {
      name: svc.metadata.name,
      namespace: ns,
      headless,
      ports: (svc.spec?.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
      endpoints: readyEndpoints(state, ns, svc.metadata.name),
    };
    if (clusterIP && !headless) view.clusterIP = clusterIP;
    // A Service still waiting for its cluster IP has no records yet.
    if (headless || view.clusterIP) out.push(view);
  }
  if (!hasKubeDns) out.push(KUBE_DNS);
  return out.sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
}

/** `<svc>.<ns>.svc.<zone>`. */
export function serviceFqdn(view: ServiceView, zone: string): string {
  return `${view.name}.${view.namespace}.svc.${zone}`;
}

function srvData(priority: number, count: number, port: number, target: string): string {
  // CoreDNS gives every record of one priority an equal share of 100, rounded down.
  return `${priority} ${Math.floor(100 / count)} ${port} ${target}.`;
}

/** A records of a Service name. */
function serviceA(view: ServiceView, fqdn: string): DnsAnswer[] {
  if (view.clusterIP) return [{ name: fqdn, type: 'A', data: view.clusterIP }];
  const ips = [...new Set(view.endpoints.map((e) => e.ip))];
  return ips.map((ip) => ({ name: fqdn, type: 'A', data: ip }));
}

/** SRV records for one port (or every port when `portName` is undefined). */
function serviceSrv(view: ServiceView, fqdn: string, zone: string, portName?: string, proto?: string): DnsAnswer[] {
  const wanted = (p: PortView) => portName === undefined || (p.name === portName && p.protocol.toLowerCase() === proto);
  const targets: { port: number; target: string }[] = [];
  if (view.clusterIP) {
    for (const p of view.ports) if (wanted(p)) targets.push({ port: p.port, target: serviceFqdn(view, zone) });
  } else {
    for (const p of view.ports) {
      if (!wanted(p)) continue;
      for (const ep of view.endpoints) {
        // Headless: the endpoint's own port (targetPort resolved), as there is no proxy in between.
        const epPort = ep.ports.find((q) => q.name === p.name && q.protocol === p.protocol);
        if (epPort) targets.push({ port: epPort.port, target: `${ep.label}.${serviceFqdn(view, zone)}` });
      }
    }
  }
  return targets.map((t) => ({ name: fqdn, type: 'SRV', data: srvData(0, targets.length, t.port, t.target) }));
}

/**
 * Answers one fully-qualified name (lower case, no trailing dot). Returns
 * `undefined` for NXDOMAIN and `[]` when the name exists without records of
 * that type (NODATA).
 */
export function lookupName(state: ClusterState, fqdn: string, type: DnsType): DnsAnswer[] | undefined {
  const zone = state.config.clusterDomain;
  if (fqdn.endsWith('.in-addr.arpa')) {
    const ptr = lookupPtr(state, fqdn);
    return type === 'PTR' || !ptr ? ptr : [];
  }
  if (!fqdn.endsWith(`.${zone}`)) return undefined;
  const labels = fqdn.slice(0, -(zone.length + 1)).split('.');
  const kind = labels[labels.length - 1];
  if (kind === 'pod' && labels.length === 3) {
    const [dashed, ns] = labels as [string, string];
    const ip = dashed.replace(/-/g, '.');
    if (!isIPv4(ip) || !getObject(state, 'Namespace', undefined, ns)) return undefined;
    return type === 'A' ? [{ name: fqdn, type: 'A', data: ip }] : [];
  }
  if (kind !== 'svc' || labels.length < 3) return undefined;
  const ns = labels[labels.length - 2];
  const svcName = labels[labels.length - 3];
  const view = serviceViews(state).find((v) => v.namespace === ns && v.name === svcName);
  if (!view) return undefined;
  const prefix = labels.slice(0, -3);
  if (prefix.length === 0) {
    if (type === 'PTR') return [];
    const answers = type === 'A' ? serviceA(view, fqdn) : serviceSrv(view, fqdn, zone);
    // A headless Service without ready endpoints does not exist as far as DNS is concerned.
    return answers.length === 0 && view.headless ? undefined : answers;
  }
  if (prefix.length === 1) {
    const eps = view.endpoints.filter((e) => e.label === prefix[0]);
    if (eps.length === 0) return undefined;
    return type === 'A' ? eps.map((e) => ({ name: fqdn, type: 'A', data: e.ip })) : [];
  }
  if (prefix.length === 2 && prefix[0]?.startsWith('_') && prefix[1]?.startsWith('_')) {
    const answers = serviceSrv(view, fqdn, zone, prefix[0].slice(1), prefix[1].slice(1));
    if (answers.length === 0) return undefined;
    return type === 'SRV' ? answers : [];
  }
  return undefined;
}

/** `d.c.b.a.in-addr.arpa` → the name owning a.b.c.d: a cluster IP or a headless endpoint (R14.5). */
function lookupPtr(state: ClusterState, fqdn: string): DnsAnswer[] | undefined {
  const ip = fqdn.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.');
  if (!isIPv4(ip)) return undefined;
  const zone = state.config.clusterDomain;
  const views = serviceViews(state);
  const svc = views.find((v) => v.clusterIP === ip);
  if (svc) return [{ name: fqdn, type: 'PTR', data: `${serviceFqdn(svc, zone)}.` }];
  // Prefer an endpoint with a real hostname (a StatefulSet pod under its governing Service).
  const candidates = views.filter((v) => v.headless).flatMap((v) => v.endpoints.filter((e) => e.ip === ip).map((e) => ({ v, e })));
  const best = candidates.find((c) => c.e.hasHostname) ?? candidates[0];
  if (!best) return undefined;
  return [{ name: fqdn, type: 'PTR', data: `${best.e.label}.${serviceFqdn(best.v, zone)}.` }];
}

/** `10.244.1.2` → `2.1.244.10.in-addr.arpa`. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** Every A and SRV record the cluster DNS serves, sorted by (name, type, data). */
export function allRecords(state: ClusterState): DnsAnswer[] {
  const zone = state.config.clusterDomain;
  const out: DnsAnswer[] = [];
  for (const view of serviceViews(state)) {
    const fqdn = serviceFqdn(view, zone);
    out.push(...serviceA(view, fqdn));
    for (const p of view.ports) {
      if (p.name) out.push(...serviceSrv(view, `_${p.name}._${p.protocol.toLowerCase()}.${fqdn}`, zone, p.name, p.protocol.toLowerCase()));
    }
    for (const ep of view.endpoints) {
      // ClusterIP Services answer endpoint names too, but only hostnames are worth listing (R14.11).
      if (view.headless || ep.hasHostname) out.push({ name: `${ep.label}.${fqdn}`, type: 'A', data: ep.ip });
    }
  }
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    const ip = pod.status?.podIP;
    if (!ip || isTerminal(pod)) continue;
    out.push({ name: `${dashedIp(ip)}.${pod.metadata.namespace}.pod.${zone}`, type: 'A', data: ip });
  }
  const key = (r: DnsAnswer) => `${r.name}\u0000${r.type}\u0000${r.data}`;
  const unique = new Map(out.map((r) => [key(r), r]));
  return [...unique.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
