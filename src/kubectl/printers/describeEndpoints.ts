/**
 * `kubectl describe endpoints` and `kubectl describe endpointslice`, after
 * `describeEndpoints` and `describeEndpointSliceV1` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go` (R14.9).
 */
import type { EndpointSubset } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';

function head(w: DescribeWriter, obj: KObject): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
}

/** Describes an Endpoints object. */
export function describeEndpoints(state: ClusterState, obj: KObject, nowMs: number): string {
  const w = new DescribeWriter();
  head(w, obj);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const subset of (obj['subsets'] ?? []) as EndpointSubset[]) {
    w.write(LEVEL_1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if (subset.ports?.length) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of subset.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}

/** Describes an EndpointSlice. */
export function describeEndpointSlice(state: ClusterState, obj: KObject, nowMs: number): string {
  const slice = obj as KObject & { addressType?: string; ports?: EndpointPort[]; endpoints?: Endpoint[] };
  const w = new DescribeWriter();
  head(w, obj);
  w.write(LEVEL_0, `AddressType:\t${slice.addressType ?? ''}\n`);
  if (!slice.ports?.length) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of slice.ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
  }
  if (!slice.endpoints?.length) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of slice.endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
