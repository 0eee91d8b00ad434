/**
 * `kubectl describe pv`, after `describePersistentVolume` and
 * `printVolumeNodeAffinity` in `staging/src/k8s.io/kubectl/pkg/describe/describe.go`
 * (R9.7, R9.13). Sources other than CSI, local, hostPath and NFS print `<unknown>`.
 */
import type { PersistentVolumeSpec, PersistentVolumeStatus } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printLabelsMultiline } from './describeWriter';
import { writeEvents } from './events';
import { storageClassOf } from './rowsStorage';
import { accessModesText, canonicalQuantity, goSlice, sinceTimestamp } from './textFormat';

function writeNodeAffinity(w: DescribeWriter, spec: PersistentVolumeSpec): void {
  const required = spec.nodeAffinity?.required;
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  if (required.nodeSelectorTerms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  required.nodeSelectorTerms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      const values = req.values?.length ? ` [${req.values.join(', ')}]` : '';
      w.write(LEVEL_0, `${req.key} ${req.operator.toLowerCase()}${values}\n`);
    });
  });
}

function writeSource(w: DescribeWriter, spec: PersistentVolumeSpec): void {
  const rows = (type: string, pairs: [string, string][]) => w.write(LEVEL_2, `Type:\t${type}\n${pairs.map(([k, v]) => `    ${k}:\t${v}\n`).join('')}`);
  if (spec.csi) {
    rows('CSI (a Container Storage Interface (CSI) volume source)', [
      ['Driver', spec.csi.driver],
      ['FSType', spec.csi.fsType ?? ''],
      ['VolumeHandle', spec.csi.volumeHandle],
      ['ReadOnly', String(Boolean(spec.csi.readOnly))],
    ]);
    printLabelsMultiline(w, '    VolumeAttributes', spec.csi.volumeAttributes);
  } else if (spec.local) {
    rows('LocalVolume (a persistent volume backed by local storage on a node)', [['Path', spec.local.path]]);
  } else if (spec.hostPath) {
    rows('HostPath (bare host directory volume)', [
      ['Path', spec.hostPath.path],
      ['HostPathType', spec.hostPath.type || '<none>'],
    ]);
  } else if (spec.nfs) {
    rows('NFS (an NFS mount that lasts the lifetime of a pod)', [
      ['Server', spec.nfs.server],
      ['Path', spec.nfs.path],
      ['ReadOnly', String(Boolean(spec.nfs.readOnly))],
    ]);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/** Describes a PersistentVolume. */
export function describePersistentVolume(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as PersistentVolumeSpec;
  const status = (obj['status'] ?? {}) as PersistentVolumeStatus;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(obj.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(obj)}\n`);
  w.write(
    LEVEL_0,
    obj.metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${sinceTimestamp(nowMs, obj.metadata.deletionTimestamp)})\n` : `Status:\t${status.phase ?? ''}\n`,
  );
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesText(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${canonicalQuantity(spec.capacity?.['storage'])}\n`);
  writeNodeAffinity(w, spec);
  w.write(LEVEL_0, `Message:\t${status.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  writeSource(w, spec);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
