/**
 * `kubectl describe storageclass`, after `describeStorageClass` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go` (R9.1).
 */
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './describeWriter';
import { writeEvents } from './events';
import { isDefaultClass } from './rowsStorage';
import { formatLabels } from './textFormat';

interface StorageClassFields {
  provisioner?: string;
  parameters?: Record<string, string>;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
  reclaimPolicy?: string;
  volumeBindingMode?: string;
}

/** Describes a StorageClass. */
export function describeStorageClass(state: ClusterState, obj: KObject, nowMs: number): string {
  const sc = obj as KObject & StorageClassFields;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(obj) ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(obj.metadata.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
  if (!sc.mountOptions?.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const option of sc.mountOptions) w.write(LEVEL_1, `${option}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
