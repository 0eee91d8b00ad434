/**
 * `kubectl describe pvc`, after `describePersistentVolumeClaim` and
 * `printPersistentVolumeClaim` in `staging/src/k8s.io/kubectl/pkg/describe/describe.go`
 * (R9, R17.5). `Used By` lists the pods in the namespace that mount the claim
 * and the pods named in its owner references.
 */
import type { PersistentVolumeClaimSpec, PersistentVolumeClaimStatus, Pod } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import { listObjects } from '../../engine/store';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { storageClassOf } from './rowsStorage';
import { accessModesText, canonicalQuantity, goSlice, rfc1123zOf, sinceTimestamp } from './textFormat';

function usedBy(state: ClusterState, pvc: KObject): string[] {
  const pods = listObjects<Pod & KObject>(state, 'Pod', pvc.metadata.namespace);
  const names = new Set(pods.filter((p) => p.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)).map((p) => p.metadata.name));
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const pod = pods.find((p) => p.metadata.uid === ref.uid);
    if (pod) names.add(pod.metadata.name);
  }
  return [...names].sort();
}

/** Describes a PersistentVolumeClaim. */
export function describePersistentVolumeClaim(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as PersistentVolumeClaimSpec;
  const status = (obj['status'] ?? {}) as PersistentVolumeClaimStatus;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(obj)}\n`);
  w.write(
    LEVEL_0,
    obj.metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${sinceTimestamp(nowMs, obj.metadata.deletionTimestamp)})\n` : `Status:\t${status.phase ?? ''}\n`,
  );
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(obj.metadata.finalizers)}\n`);
  const bound = Boolean(spec.volumeName);
  w.write(LEVEL_0, `Capacity:\t${bound ? canonicalQuantity(status.capacity?.['storage']) : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesText(status.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
  }
  const pods = usedBy(state, obj);
  w.write(LEVEL_0, 'Used By:\t');
  if (pods.length === 0) w.writeLine('<none>');
  else pods.forEach((name, i) => w.write(LEVEL_0, `${i === 0 ? '' : '\t'}${name}\n`));
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123zOf(c.lastProbeTime)} \t${rfc1123zOf(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
