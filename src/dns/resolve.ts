/**
 * Cluster DNS as a pod sees it: a query goes through the pod's resolv.conf
 * (search path `<ns>.svc.<zone> svc.<zone> <zone>`, `options ndots:5`, spec
 * R14.8) and is answered from the records of `dnsRecords.ts`. This is what
 * `sim dns`, `nslookup`, `ping` and `curl` inside `kubectl exec` use.
 *
 * Resolver behaviour (glibc/musl `res_search`): a name ending in `.` is
 * absolute and tried as is; a name with fewer than `ndots` dots is tried with
 * each search suffix first and then as is; a name with at least `ndots` dots
 * is tried as is first. The first candidate with answers wins; when none has
 * any, the answer is NODATA if some candidate existed, else NXDOMAIN.
 */
import type { ClusterState } from '../engine/clusterState';
import { KUBE_DNS_SERVICE_IP } from '../engine/serviceIp';
import { isIPv4, lookupName, reverseName, type DnsAnswer, type DnsType } from './dnsRecords';

export { allRecords, dashedIp, isIPv4, reverseName, type DnsAnswer, type DnsType } from './dnsRecords';

/** The answer to one query. `name` is the fully-qualified name that answered (no trailing dot). */
export interface DnsResult {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: DnsAnswer[];
  name?: string;
}

/** Who is asking. */
export interface ResolveOptions {
  /** Namespace of the querying pod (its first search domain); default `default`. */
  namespace?: string;
}

/** `options ndots:5` in every ClusterFirst pod's resolv.conf. */
export const NDOTS = 5;

/** The nameserver of every ClusterFirst pod: the kube-dns Service. */
export const NAMESERVER = KUBE_DNS_SERVICE_IP;

/** The search domains of a pod in `namespace` (R14.8). */
export function searchPath(state: ClusterState, namespace: string): string[] {
  const zone = state.config.clusterDomain;
  return [`${namespace}.svc.${zone}`, `svc.${zone}`, zone];
}

/** The names the resolver tries for `name`, in order. */
export function candidateNames(state: ClusterState, name: string, namespace: string): string[] {
  const q = name.trim().toLowerCase();
  if (q === '' || q === '.') return [];
  if (q.endsWith('.')) return [q.slice(0, -1)];
  const expanded = searchPath(state, namespace).map((domain) => `${q}.${domain}`);
  const dots = q.split('.').length - 1;
  return dots >= NDOTS ? [q, ...expanded] : [...expanded, q];
}

/**
 * Resolves `name` as a pod in `opts.namespace` would. A PTR query also accepts
 * a bare IPv4 address (like `dig -x`).
 */
export function resolve(state: ClusterState, name: string, type: DnsType, opts: ResolveOptions = {}): DnsResult {
  const namespace = opts.namespace ?? 'default';
  const query = type === 'PTR' && isIPv4(name.trim()) ? `${reverseName(name.trim())}.` : name;
  let nodata: string | undefined;
  for (const candidate of candidateNames(state, query, namespace)) {
    const answers = lookupName(state, candidate, type);
    if (answers === undefined) continue;
    if (answers.length > 0) return { rcode: 'NOERROR', answers, name: candidate };
    nodata ??= candidate;
  }
  return nodata === undefined ? { rcode: 'NXDOMAIN', answers: [] } : { rcode: 'NOERROR', answers: [], name: nodata };
}

/** The IPv4 addresses a name resolves to (what `getaddrinfo` hands `ping` and `curl`), in answer order. */
export function resolveAddresses(state: ClusterState, name: string, namespace: string): string[] {
  if (isIPv4(name)) return [name];
  return resolve(state, name, 'A', { namespace }).answers.map((a) => a.data);
}

/**
 * The output of `dig +short` for a result, one record per line (no trailing
 * newline): `10.244.1.2`, `0 50 80 web-0.nginx.default.svc.cluster.local.`,
 * `web-0.nginx.default.svc.cluster.local.`; NXDOMAIN prints the single line
 * `NXDOMAIN` (DESIGN.md §1 `sim dns`), NODATA prints nothing.
 */
export function formatDigShort(result: DnsResult, type: DnsType): string {
  if (result.rcode === 'NXDOMAIN') return 'NXDOMAIN';
  return result.answers
    .filter((a) => a.type === type)
    .map((a) => a.data)
    .join('\n');
}
