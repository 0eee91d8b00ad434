/**
 * `kubectl describe deployment`, after `describeDeployment` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go`. The new ReplicaSet
 * is the owned one whose pod template equals the Deployment's (ignoring the
 * `pod-template-hash` label, like `deploymentutil.FindNewReplicaSet`); every
 * other owned ReplicaSet is listed as old.
 */
import type { DeploymentSpec, DeploymentStatus, ReplicaSetSpec, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import { listObjects } from '../../engine/store';
import { controllerOf, type KObject } from '../../model/objects';
import { describePodTemplate } from './describeContainers';
import { DescribeWriter, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { rfc1123zOf, selectorString } from './textFormat';

function withoutHash(template: PodTemplateSpec | undefined): string {
  const copy = JSON.parse(JSON.stringify(template ?? {})) as PodTemplateSpec;
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return JSON.stringify(copy);
}

function replicaSetsText(sets: KObject[]): string {
  const parts = sets.map((rs) => `${rs.metadata.name} (${((rs['status'] ?? {}) as ReplicaSetStatus).replicas ?? 0}/${((rs['spec'] ?? {}) as ReplicaSetSpec).replicas ?? 1} replicas created)`);
  return parts.length ? parts.join(', ') : '<none>';
}

/** Describes a Deployment. */
export function describeDeployment(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as DeploymentSpec;
  const status = (obj['status'] ?? {}) as DeploymentStatus;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123zOf(obj.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  const strategy = spec.strategy?.type ?? 'RollingUpdate';
  w.write(LEVEL_0, `StrategyType:\t${strategy}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  if (strategy === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate;
    w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(ru?.maxUnavailable ?? '25%')} max unavailable, ${String(ru?.maxSurge ?? '25%')} max surge\n`);
  }
  describePodTemplate(w, spec.template);
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const owned = listObjects(state, 'ReplicaSet', obj.metadata.namespace).filter((rs) => controllerOf(rs)?.uid === obj.metadata.uid);
  if (owned.length) {
    const target = withoutHash(spec.template);
    const current = owned
      .filter((rs) => withoutHash(((rs['spec'] ?? {}) as ReplicaSetSpec).template) === target)
      .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''))[0];
    w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsText(owned.filter((rs) => rs !== current))}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsText(current ? [current] : [])}\n`);
  }
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
