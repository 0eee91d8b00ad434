/**
 * `kubectl describe statefulset` (R17.8), after `describeStatefulSet` and
 * `describeVolumeClaimTemplates` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go`.
 *
 * One deliberate difference from kubectl v1.33, which prints
 * `  Partition:  0` whenever the (always defaulted) partition is set: the spec
 * (R1.1, R17.8) asks for the Partition line only when it is not zero, so this
 * describer follows the spec.
 */
import type { StatefulSetSpec, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { describePodTemplate } from './describeContainers';
import { podCountsFor, podCountsText } from './describeWorkloadCommon';
import { DescribeWriter, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { storageClassOf } from './rowsStorage';
import { canonicalQuantity, goSlice, rfc1123zOf, selectorString } from './textFormat';

function describeVolumeClaimTemplates(w: DescribeWriter, templates: readonly PersistentVolumeClaim[] | undefined): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${storageClassOf(pvc as KObject)}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
    const storage = pvc.spec?.resources?.requests?.['storage'];
    w.write(LEVEL_1, `Capacity:\t${storage === undefined ? '<default>' : canonicalQuantity(storage)}\n`);
    w.write(LEVEL_1, `Access Modes:\t${goSlice(pvc.spec?.accessModes)}\n`);
  }
}

/** Describes a StatefulSet. */
export function describeStatefulSet(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as StatefulSetSpec;
  const status = (obj['status'] ?? {}) as StatefulSetStatus;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123zOf(obj.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${status.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? 'RollingUpdate'}\n`);
  const rolling = spec.updateStrategy?.rollingUpdate;
  if (rolling?.partition) {
    w.write(LEVEL_1, `Partition:\t${rolling.partition}\n`);
    if (rolling.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${String(rolling.maxUnavailable)}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podCountsText(podCountsFor(state, obj, spec.selector))}\n`);
  describePodTemplate(w, spec.template);
  describeVolumeClaimTemplates(w, spec.volumeClaimTemplates);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
