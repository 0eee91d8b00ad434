/**
 * The small describers of `staging/src/k8s.io/kubectl/pkg/describe/describe.go`:
 * namespaces, ConfigMaps, Secrets, and the generic fallback (Name, Namespace,
 * Labels, Annotations, Events) for kinds without a dedicated describer.
 * Namespace resource quotas and limit ranges are not simulated, so those
 * lines read `No resource quota.` / `No LimitRange resource.`; the generic
 * fallback does not print the object's other fields.
 */
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';

/** Describes a Namespace. */
export function describeNamespace(_state: ClusterState, obj: KObject): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${((obj['status'] ?? {}) as { phase?: string }).phase ?? ''}\n`);
  w.write(LEVEL_0, '\nNo resource quota.\n');
  w.write(LEVEL_0, '\nNo LimitRange resource.\n');
  return w.toString();
}

/** Describes a ConfigMap. */
export function describeConfigMap(state: ClusterState, obj: KObject, nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = (obj['data'] ?? {}) as Record<string, string>;
  for (const key of Object.keys(data).sort()) {
    w.write(LEVEL_0, `${key}:\n----\n`);
    w.write(LEVEL_0, `${data[key]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const binary = (obj['binaryData'] ?? {}) as Record<string, string>;
  for (const key of Object.keys(binary).sort()) w.write(LEVEL_0, `${key}: ${Math.floor(((binary[key] ?? '').length * 3) / 4)} bytes\n`);
  w.write(LEVEL_0, '\n');
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}

/** Describes a Secret: data sizes only, never values. */
export function describeSecret(_state: ClusterState, obj: KObject): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${(obj['type'] as string | undefined) ?? 'Opaque'}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = (obj['data'] ?? {}) as Record<string, string>;
  for (const key of Object.keys(data).sort()) {
    const b64 = data[key] ?? '';
    const bytes = Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
    w.write(LEVEL_0, `${key}:\t${bytes} bytes\n`);
  }
  return w.toString();
}

/** The generic describer for kinds without a dedicated one. */
export function describeGeneric(state: ClusterState, obj: KObject, nowMs: number): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
