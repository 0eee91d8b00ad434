/**
 * `kubectl describe replicaset`, after `describeReplicaSet` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go`.
 */
import type { ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { ClusterState } from '../../engine/clusterState';
import { controllerOf, type KObject } from '../../model/objects';
import { describePodTemplate } from './describeContainers';
import { podCountsFor, podCountsText } from './describeWorkloadCommon';
import { DescribeWriter, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { formatLabelSelector } from './textFormat';

/** Describes a ReplicaSet. */
export function describeReplicaSet(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as ReplicaSetSpec;
  const status = (obj['status'] ?? {}) as ReplicaSetStatus;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  const owner = controllerOf(obj);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  w.write(LEVEL_0, `Replicas:\t${status.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podCountsText(podCountsFor(state, obj, spec.selector))}\n`);
  describePodTemplate(w, spec.template);
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
