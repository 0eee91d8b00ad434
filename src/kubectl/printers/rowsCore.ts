/**
 * Table rows of core, networking and policy kinds, after `printService`,
 * `printEndpoints`, `printEndpointSlice`, `printNode`, `printNamespace`,
 * `printConfigMap`, `printSecret`, `printServiceAccount`,
 * `printPodDisruptionBudget` and `printLease` in
 * `pkg/printers/internalversion/printers.go` (R14.1, R17.6, R13.3).
 */
import type { EndpointSubset, Node, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { PodDisruptionBudgetSpec, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { KObject } from '../../model/objects';
import { age, field, type KindPrinter } from './tableKinds';
import { formatLabels } from './textFormat';

function listWithMore(list: string[], count: number, max: number, empty: string): string {
  const text = list.join(',');
  if (count > max) return `${text} + ${count - max} more...`;
  return text === '' ? empty : text;
}

/** `formatEndpoints`: `ip:port` pairs, at most three, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(subsets: readonly EndpointSubset[] | undefined, portNames?: Set<string>): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) if (list.length < max) list.push(a.ip);
      continue;
    }
    for (const port of ss.ports) {
      if (portNames && !portNames.has(port.name ?? '')) continue;
      count += addresses.length;
      for (const a of addresses) if (list.length < max) list.push(`${a.ip}:${port.port}`);
    }
  }
  return count > max ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}

function discoveryPorts(ports: readonly EndpointPort[] | undefined): string {
  const list = (ports ?? []).slice(0, 3).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')));
  return listWithMore(list, ports?.length ?? 0, 3, '<unset>');
}

function discoveryEndpoints(endpoints: readonly Endpoint[] | undefined): string {
  const all = (endpoints ?? []).flatMap((e) => e.addresses);
  return listWithMore(all.slice(0, 3), all.length, 3, '<unset>');
}

function servicePorts(ports: readonly ServicePort[] | undefined): string {
  const text = (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
  return text || '<none>';
}

function serviceExternalIp(spec: ServiceSpec, obj: KObject, wide: boolean): string {
  const external = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = (obj['status'] as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];
      let lb = [...new Set(ingress.map((i) => i.ip || i.hostname || '').filter(Boolean))].sort().join(',');
      // `loadBalancerStatusStringer` clips the balancer addresses to 16 characters outside -o wide.
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      const all = [...(lb ? lb.split(',') : []), ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `findNodeRoles`: from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted. */
export function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

/** The STATUS cell of a node (R17.6). */
export function nodeStatusText(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

/** Core printers by kind. */
export const CORE_PRINTERS: Record<string, KindPrinter> = {
  Service: {
    columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wideColumns: ['SELECTOR'],
    row(obj, ctx) {
      const spec = field<ServiceSpec>(obj, 'spec');
      const clusterIp = spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>';
      const cells = [obj.metadata.name, spec.type ?? 'ClusterIP', clusterIp || '<none>', serviceExternalIp(spec, obj, ctx.wide), servicePorts(spec.ports), age(obj, ctx)];
      if (ctx.wide) cells.push(formatLabels(spec.selector));
      return cells;
    },
  },
  Endpoints: {
    columns: ['NAME', 'ENDPOINTS', 'AGE'],
    row: (obj, ctx) => [obj.metadata.name, formatEndpoints(obj['subsets'] as EndpointSubset[] | undefined), age(obj, ctx)],
  },
  EndpointSlice: {
    columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    row(obj, ctx) {
      const slice = obj as KObject & { addressType?: string; ports?: EndpointPort[]; endpoints?: Endpoint[] };
      return [obj.metadata.name, slice.addressType ?? '', discoveryPorts(slice.ports), discoveryEndpoints(slice.endpoints), age(obj, ctx)];
    },
  },
  Node: {
    columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wideColumns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    row(obj, ctx) {
      const node = obj as Node & KObject;
      const info = node.status?.nodeInfo;
      const cells = [obj.metadata.name, nodeStatusText(node), nodeRoles(obj).join(',') || '<none>', age(obj, ctx), info?.kubeletVersion ?? ''];
      if (ctx.wide) {
        cells.push(
          nodeAddress(node, 'InternalIP'),
          nodeAddress(node, 'ExternalIP'),
          info?.osImage || '<unknown>',
          info?.kernelVersion || '<unknown>',
          info?.containerRuntimeVersion || '<unknown>',
        );
      }
      return cells;
    },
  },
  Namespace: {
    columns: ['NAME', 'STATUS', 'AGE'],
    row: (obj, ctx) => [obj.metadata.name, field<{ phase?: string }>(obj, 'status').phase ?? '', age(obj, ctx)],
  },
  ConfigMap: {
    columns: ['NAME', 'DATA', 'AGE'],
    row(obj, ctx) {
      const count = Object.keys((obj['data'] as object | undefined) ?? {}).length + Object.keys((obj['binaryData'] as object | undefined) ?? {}).length;
      return [obj.metadata.name, String(count), age(obj, ctx)];
    },
  },
  Secret: {
    columns: ['NAME', 'TYPE', 'DATA', 'AGE'],
    row(obj, ctx) {
      const count = Object.keys((obj['data'] as object | undefined) ?? {}).length;
      return [obj.metadata.name, (obj['type'] as string | undefined) ?? 'Opaque', String(count), age(obj, ctx)];
    },
  },
  ServiceAccount: {
    columns: ['NAME', 'SECRETS', 'AGE'],
    row: (obj, ctx) => [obj.metadata.name, String(((obj['secrets'] as unknown[] | undefined) ?? []).length), age(obj, ctx)],
  },
  PodDisruptionBudget: {
    columns: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
    row(obj, ctx) {
      const spec = field<PodDisruptionBudgetSpec>(obj, 'spec');
      const status = field<PodDisruptionBudgetStatus>(obj, 'status');
      const bound = (v: number | string | undefined) => (v === undefined || v === null ? 'N/A' : String(v));
      return [obj.metadata.name, bound(spec.minAvailable), bound(spec.maxUnavailable), String(status.disruptionsAllowed ?? 0), age(obj, ctx)];
    },
  },
  Lease: {
    columns: ['NAME', 'HOLDER', 'AGE'],
    row: (obj, ctx) => [obj.metadata.name, field<{ holderIdentity?: string }>(obj, 'spec').holderIdentity ?? '', age(obj, ctx)],
  },
};
