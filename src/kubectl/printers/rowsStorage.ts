/**
 * Table rows of storage kinds, after `printPersistentVolumeClaim`,
 * `printPersistentVolume`, `printStorageClass` and `printVolumeAttachment` in
 * `pkg/printers/internalversion/printers.go` (R17.5, R9.1, R9.7).
 */
import type { PersistentVolumeClaimSpec, PersistentVolumeClaimStatus, PersistentVolumeSpec, PersistentVolumeStatus } from 'kubernetes-types/core/v1';
import type { VolumeAttachmentSpec, VolumeAttachmentStatus } from 'kubernetes-types/storage/v1';
import type { KObject } from '../../model/objects';
import { age, field, type KindPrinter } from './tableKinds';
import { accessModesText, canonicalQuantity } from './textFormat';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** `GetPersistentVolumeClaimClass` / `GetPersistentVolumeClass`: the beta annotation wins over the field. */
export function storageClassOf(obj: KObject): string {
  const annotated = obj.metadata.annotations?.[BETA_CLASS_ANNOTATION];
  if (annotated !== undefined) return annotated;
  return field<{ storageClassName?: string }>(obj, 'spec').storageClassName ?? '';
}

/** True when a StorageClass carries the (GA or beta) default-class annotation set to "true". */
export function isDefaultClass(obj: KObject): boolean {
  const a = obj.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** Storage printers by kind. */
export const STORAGE_PRINTERS: Record<string, KindPrinter> = {
  PersistentVolumeClaim: {
    columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    wideColumns: ['VOLUMEMODE'],
    row(obj, ctx) {
      const spec = field<PersistentVolumeClaimSpec>(obj, 'spec');
      const status = field<PersistentVolumeClaimStatus>(obj, 'status');
      const phase = obj.metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? '');
      // CAPACITY and ACCESS MODES stay blank until the claim names a volume.
      const bound = Boolean(spec.volumeName);
      const cells = [
        obj.metadata.name,
        phase,
        spec.volumeName ?? '',
        bound ? canonicalQuantity(status.capacity?.['storage']) : '',
        bound ? accessModesText(status.accessModes) : '',
        storageClassOf(obj),
        spec.volumeAttributesClassName ?? '<unset>',
        age(obj, ctx),
      ];
      if (ctx.wide) cells.push(spec.volumeMode ?? '<unset>');
      return cells;
    },
  },
  PersistentVolume: {
    columns: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
    wideColumns: ['VOLUMEMODE'],
    row(obj, ctx) {
      const spec = field<PersistentVolumeSpec>(obj, 'spec');
      const status = field<PersistentVolumeStatus>(obj, 'status');
      const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
      const cells = [
        obj.metadata.name,
        canonicalQuantity(spec.capacity?.['storage']),
        accessModesText(spec.accessModes),
        spec.persistentVolumeReclaimPolicy ?? '',
        obj.metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? ''),
        claim,
        storageClassOf(obj),
        spec.volumeAttributesClassName ?? '<unset>',
        status.reason ?? '',
        age(obj, ctx),
      ];
      if (ctx.wide) cells.push(spec.volumeMode ?? '<unset>');
      return cells;
    },
  },
  StorageClass: {
    columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
    row(obj, ctx) {
      const sc = obj as KObject & { provisioner?: string; reclaimPolicy?: string; volumeBindingMode?: string; allowVolumeExpansion?: boolean };
      return [
        isDefaultClass(obj) ? `${obj.metadata.name} (default)` : obj.metadata.name,
        sc.provisioner ?? '',
        sc.reclaimPolicy ?? 'Delete',
        sc.volumeBindingMode ?? 'Immediate',
        String(sc.allowVolumeExpansion ?? false),
        age(obj, ctx),
      ];
    },
  },
  VolumeAttachment: {
    columns: ['NAME', 'ATTACHER', 'PV', 'NODE', 'ATTACHED', 'AGE'],
    row(obj, ctx) {
      const spec = field<VolumeAttachmentSpec>(obj, 'spec');
      const status = field<VolumeAttachmentStatus>(obj, 'status');
      return [obj.metadata.name, spec.attacher ?? '', spec.source?.persistentVolumeName ?? '', spec.nodeName ?? '', String(status.attached ?? false), age(obj, ctx)];
    },
  },
};
