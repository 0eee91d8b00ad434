/**
 * The files the kubelet writes into every container (`pkg/kubelet/kubelet_pods.go`
 * managedHostsFileContent, `pkg/kubelet/network/dns` for resolv.conf) and the
 * pod's hostname / FQDN (`GeneratePodHostNameAndDomain`), spec R2.4, R14.8.
 *
 * Left out: `dnsPolicy: Default|None`, `dnsConfig` and `hostNetwork` pods (all
 * pods get the ClusterFirst resolv.conf).
 */
import type { ClusterState } from '../engine/clusterState';
import { NAMESERVER, NDOTS, searchPath } from '../dns/resolve';
import type { PodObject } from '../model/pod';

/** Paths the kubelet manages, shown in every container. */
export const KUBELET_FILES = ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf'];

/** The pod's hostname: `spec.hostname`, else the pod name, cut to 63 characters like the kubelet does. */
export function podHostname(pod: PodObject): string {
  const name = pod.spec?.hostname || pod.metadata.name;
  return name.length > 63 ? name.slice(0, 63).replace(/[-.]+$/, '') : name;
}

/** `<subdomain>.<ns>.svc.<zone>` when the pod has a subdomain. */
export function podDomain(state: ClusterState, pod: PodObject): string | undefined {
  const sub = pod.spec?.subdomain;
  return sub ? `${sub}.${pod.metadata.namespace ?? 'default'}.svc.${state.config.clusterDomain}` : undefined;
}

/** What `hostname -f` prints: `web-0.nginx.default.svc.cluster.local`, or the bare hostname without a subdomain. */
export function podFqdn(state: ClusterState, pod: PodObject): string {
  const domain = podDomain(state, pod);
  return domain ? `${podHostname(pod)}.${domain}` : podHostname(pod);
}

/** The kubelet-managed `/etc/hosts`. */
export function hostsFile(state: ClusterState, pod: PodObject): string {
  let out =
    '# Kubernetes-managed hosts file.\n' +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n';
  const ip = pod.status?.podIP;
  const hostname = podHostname(pod);
  const domain = podDomain(state, pod);
  if (ip) out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}

/** The ClusterFirst `/etc/resolv.conf` (as containerd writes it from the kubelet's DNS config). */
export function resolvConf(state: ClusterState, pod: PodObject): string {
  const ns = pod.metadata.namespace ?? 'default';
  return `search ${searchPath(state, ns).join(' ')}\nnameserver ${NAMESERVER}\noptions ndots:${NDOTS}\n`;
}

/** The content of a kubelet-managed file, or undefined for any other path. */
export function kubeletFile(state: ClusterState, pod: PodObject, path: string): string | undefined {
  if (path === '/etc/hosts') return hostsFile(state, pod);
  if (path === '/etc/resolv.conf') return resolvConf(state, pod);
  if (path === '/etc/hostname') return `${podHostname(pod)}\n`;
  return undefined;
}
