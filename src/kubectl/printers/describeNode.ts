/**
 * `kubectl describe node`, after `describeNode`, `describeNodeLease` and
 * `describeNodeResource` in `staging/src/k8s.io/kubectl/pkg/describe/describe.go`:
 * roles, labels, taints, unschedulable, lease, conditions, addresses,
 * capacity, allocatable, system info, pod CIDRs, the non-terminated pods with
 * their requests/limits, allocated resources and events.
 *
 * The Lease block reads the `kube-node-lease/<node>` Lease when the engine
 * keeps one; otherwise it shows what the kubelet's lease would hold (holder =
 * node name, renew time = the node's last heartbeat). Pod requests ignore
 * init containers and pod overhead; huge pages and extended resources are not shown.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import { lastHeartbeatAt } from '../../engine/controllers/nodeHealth';
import { getObject, listObjects } from '../../engine/store';
import type { KObject } from '../../model/objects';
import { formatBytes, formatCpu, parseQuantity } from '../../model/quantity';
import { DescribeWriter, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { nodeRoles } from './rowsCore';
import { canonicalQuantity, rfc1123z, rfc1123zOf, sinceTimestamp } from './textFormat';

type Totals = Record<'cpu' | 'memory' | 'ephemeral-storage', number>;

function podTotals(pod: Pod, key: 'requests' | 'limits'): Totals {
  const totals: Totals = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  for (const c of pod.spec?.containers ?? []) {
    const list = c.resources?.[key] ?? {};
    for (const name of Object.keys(totals) as (keyof Totals)[]) totals[name] += parseQuantity(list[name]) ?? 0;
  }
  return totals;
}

function amount(name: keyof Totals, value: number): string {
  if (value === 0) return '0';
  return name === 'cpu' ? formatCpu(value) : formatBytes(value);
}

function percent(value: number, of: number): number {
  return of === 0 ? 0 : Math.trunc((value / of) * 100);
}

function writeLease(w: DescribeWriter, state: ClusterState, node: KObject): void {
  const lease = getObject<KObject & { spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string } }>(state, 'Lease', 'kube-node-lease', node.metadata.name);
  const runtime = state.runtime.nodes[node.metadata.name];
  const holder = lease ? lease.spec?.holderIdentity : node.metadata.name;
  const acquire = lease?.spec?.acquireTime ? rfc1123zOf(lease.spec.acquireTime) : '<unset>';
  let renew = '<unset>';
  if (lease?.spec?.renewTime) renew = rfc1123zOf(lease.spec.renewTime);
  // The kubelet renews its Lease every heartbeat (computed lazily, see nodeHealth.ts): the last renewal.
  else if (!lease && runtime) renew = rfc1123z(state.epochMs + lastHeartbeatAt(state, runtime));
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${holder ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${acquire}\n`);
  w.write(LEVEL_1, `RenewTime:\t${renew}\n`);
}

function writePods(w: DescribeWriter, node: Node & KObject, pods: (Pod & KObject)[], nowMs: number): void {
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length ? node.status?.allocatable : node.status?.capacity;
  const alloc = (name: keyof Totals) => parseQuantity(allocatable?.[name]) ?? 0;
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: Totals = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  const limits: Totals = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  for (const pod of pods) {
    const r = podTotals(pod, 'requests');
    const l = podTotals(pod, 'limits');
    for (const k of Object.keys(reqs) as (keyof Totals)[]) {
      reqs[k] += r[k];
      limits[k] += l[k];
    }
    const cell = (name: keyof Totals, value: number) => `${amount(name, value)} (${percent(value, alloc(name))}%)`;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cell('cpu', r.cpu)}\t${cell('cpu', l.cpu)}\t${cell('memory', r.memory)}\t${cell('memory', l.memory)}\t${sinceTimestamp(nowMs, pod.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  for (const name of ['cpu', 'memory', 'ephemeral-storage'] as (keyof Totals)[]) {
    w.write(LEVEL_1, `${name}\t${amount(name, reqs[name])} (${percent(reqs[name], alloc(name))}%)\t${amount(name, limits[name])} (${percent(limits[name], alloc(name))}%)\n`);
  }
}

/** Describes a node. */
export function describeNode(state: ClusterState, obj: KObject, nowMs: number): string {
  const node = obj as Node & KObject;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123zOf(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${Boolean(node.spec?.unschedulable)}\n`);
  writeLease(w, state, node);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123zOf(c.lastHeartbeatTime)} \t${rfc1123zOf(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status?.capacity],
    ['Allocatable', node.status?.allocatable],
  ] as const) {
    if (!list || Object.keys(list).length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const name of Object.keys(list).sort()) w.write(LEVEL_0, `  ${name}:\t${canonicalQuantity(list[name])}\n`);
  }
  const info = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  const pods = listObjects<Pod & KObject>(state, 'Pod').filter(
    (p) => p.spec?.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  writePods(w, node, pods, nowMs);
  writeEvents(w, state, node, nowMs);
  return w.toString();
}
