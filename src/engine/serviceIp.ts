/**
 * Cluster IP allocation for Services, imitating the API server's service IP
 * allocator (`pkg/registry/core/service/ipallocator`) on the default kind /
 * kubeadm service CIDR `10.96.0.0/12`.
 *
 * Since v1.26 (ServiceIPStaticSubrange, GA) the range is split in two bands:
 * the lower band (for /12: the first 256 addresses, `10.96.0.0`–`10.96.0.255`)
 * is kept for statically chosen IPs such as `10.96.0.1` (kubernetes) and
 * `10.96.0.10` (kube-dns), and dynamic allocation draws at random from the
 * upper band. That is why learners see cluster IPs like `10.104.27.113`.
 *
 * Left out: the lower band fallback when the upper band is full (a simulated
 * cluster never holds a million Services), IPv6 and dual-stack.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { KObject } from '../model/objects';
import type { ClusterState } from './clusterState';
import { nextInt } from './random';
import { listObjects } from './store';

/** First address of the service CIDR 10.96.0.0/12, as a 32-bit number. */
const CIDR_BASE = (10 << 24) | (96 << 16);
/** Number of addresses in a /12. */
const CIDR_SIZE = 1 << 20;
/** Size of the static lower band: min(max(16, size/16), 256) (ServiceIPStaticSubrange). */
const STATIC_BAND = 256;

/** The `kubernetes` Service's address (first usable IP of the range). */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** The `kube-dns` Service's address (the nameserver in every pod's resolv.conf). */
export const KUBE_DNS_SERVICE_IP = '10.96.0.10';

function toDotted(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** Every cluster IP a Service in the store already holds (plus the two reserved ones). */
function usedClusterIps(state: ClusterState): Set<string> {
  const used = new Set<string>([KUBERNETES_SERVICE_IP, KUBE_DNS_SERVICE_IP]);
  for (const svc of listObjects<Service & KObject>(state, 'Service')) {
    for (const ip of [svc.spec?.clusterIP, ...(svc.spec?.clusterIPs ?? [])]) {
      if (ip && ip !== 'None') used.add(ip);
    }
  }
  return used;
}

/**
 * A free cluster IP for a new Service, drawn from `state.rng` in the dynamic
 * (upper) band of 10.96.0.0/12. Never returns the network or broadcast address,
 * 10.96.0.1, 10.96.0.10, or an address a Service already uses.
 */
export function allocateClusterIP(state: ClusterState): string {
  const used = usedClusterIps(state);
  // The upper band excludes the broadcast address (last one of the range).
  const dynamicSize = CIDR_SIZE - STATIC_BAND - 1;
  for (;;) {
    const ip = toDotted((CIDR_BASE + STATIC_BAND + nextInt(state.rng, dynamicSize)) >>> 0);
    if (!used.has(ip)) return ip;
  }
}
