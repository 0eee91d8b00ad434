/**
 * `kubectl describe service`, after `describeService` and
 * `formatEndpointSlices` in `staging/src/k8s.io/kubectl/pkg/describe/describe.go`
 * (R14.1). Endpoints come from the Service's EndpointSlices (label
 * `kubernetes.io/service-name`), counting only ready endpoints; when the
 * engine keeps no slices for the Service, its Endpoints object is used.
 */
import type { EndpointSubset, ServiceSpec } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { ClusterState } from '../../engine/clusterState';
import { getObject, listObjects } from '../../engine/store';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { formatEndpoints } from './rowsCore';
import { formatLabels } from './textFormat';

type Slice = KObject & { ports?: EndpointPort[]; endpoints?: Endpoint[] };

function formatSlices(slices: Slice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let count = 0;
  for (const slice of slices) {
    const ready = (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false);
    if (!slice.ports || slice.ports.length === 0) {
      for (const e of ready) {
        if (list.length < max) list.push(e.addresses[0] ?? '');
        count++;
      }
      continue;
    }
    for (const port of slice.ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of ready) {
        if (list.length < max) list.push(`${e.addresses[0] ?? ''}:${port.port ?? ''}`);
        count++;
      }
    }
  }
  return count > max ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}

/** Describes a Service. */
export function describeService(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as ServiceSpec;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const slices = listObjects<Slice>(state, 'EndpointSlice', obj.metadata.namespace).filter(
    (s) => s.metadata.labels?.['kubernetes.io/service-name'] === obj.metadata.name,
  );
  const endpoints = getObject<KObject & { subsets?: EndpointSubset[] }>(state, 'Endpoints', obj.metadata.namespace, obj.metadata.name);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    const protocol = sp.protocol ?? 'TCP';
    w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${String(sp.targetPort ?? sp.port)}/${protocol}\n`);
    if (sp.appProtocol) w.write(LEVEL_0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
    const text = slices.length || !endpoints ? formatSlices(slices, sp.name ?? '') : formatEndpoints(endpoints.subsets, new Set([sp.name ?? '']));
    w.write(LEVEL_0, `Endpoints:\t${text}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
