/**
 * Update-time (immutability) checks of the core and storage kinds, with the API server's texts:
 * `pkg/apis/core/validation/validation.go` (ValidatePodUpdate and `updatablePodSpecFields`,
 * ValidatePersistentVolumeClaimUpdate, ValidatePersistentVolumeUpdate, ValidateServiceUpdate /
 * validateUpgradeDowngradeClusterIPs, ValidateConfigMapUpdate, ValidateSecretUpdate) and
 * `pkg/apis/storage/validation/validation.go` (ValidateStorageClassUpdate), Kubernetes 1.33
 * (RecoverVolumeExpansionFailure on, as it is by default).
 *
 * The objects compared are the stored one and the merged result of an apply. Fields the API
 * server or a controller filled (a pod's node, service account, priority, tolerations; a claim's
 * volume and class) are taken from the stored object when the new one lacks them, as
 * `kubectl apply`'s merge keeps them.
 */
import type { ConfigMap, PersistentVolume, PersistentVolumeClaim, Pod, PodSpec, Secret, Service } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { parseQuantity } from '../model/quantity';
import { forbidden, goQuote, goStringSlice, invalid, required, type FieldError } from './fieldErrors';
import { canonical, semanticEqual, structDiff } from './semanticEqual';

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

/** Pod spec fields set by admission, the scheduler or the controllers rather than by the manifest. */
const SERVER_POD_FIELDS: (keyof PodSpec)[] = [
  'nodeName',
  'serviceAccountName',
  'serviceAccount',
  'priority',
  'preemptionPolicy',
  'enableServiceLinks',
  'hostname',
  'subdomain',
  'tolerations',
];

/** `ValidatePodUpdate`. */
export function podUpdateErrors(oldPod: Pod, newPod: Pod): FieldError[] {
  const oldSpec: PodSpec = oldPod.spec ?? { containers: [] };
  const newSpec = JSON.parse(JSON.stringify(newPod.spec ?? { containers: [] })) as PodSpec;
  const spec = newSpec as unknown as Record<string, unknown>;
  for (const key of SERVER_POD_FIELDS) if (spec[key] === undefined && oldSpec[key] !== undefined) spec[key] = oldSpec[key];
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const before = oldSpec[list] ?? [];
    const after = newSpec[list] ?? [];
    if (before.length !== after.length) return [forbidden(`spec.${list}`, 'pod updates may not add or remove containers')];
    after.forEach((c, i) => {
      if (!c.image) errs.push(required(`spec.${list}[${i}].image`));
    });
  }
  const deadline = newSpec.activeDeadlineSeconds;
  if (deadline !== undefined) {
    if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds < deadline) {
      return [...errs, invalid('spec.activeDeadlineSeconds', String(deadline), 'must be less than or equal to previous value')];
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined) {
    errs.push(invalid('spec.activeDeadlineSeconds', 'null', 'must not update from a positive integer to nil value'));
  }
  if (semanticEqual(oldSpec, newSpec)) return errs;
  // Munge the updatable fields back to their old values; whatever still differs is forbidden.
  const munged = JSON.parse(JSON.stringify(newSpec)) as PodSpec;
  munged.containers = munged.containers.map((c, i) => ({ ...c, image: oldSpec.containers[i]?.image }) as typeof c);
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image }) as typeof c);
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.tolerations = oldSpec.tolerations;
  munged.schedulingGates = oldSpec.schedulingGates;
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (!semanticEqual(munged, oldSpec)) {
    const diff = structDiff('core.PodSpec', oldSpec as unknown as Record<string, unknown>, munged as unknown as Record<string, unknown>);
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS}\n${diff}`));
  }
  return errs;
}

function storageOf(pvc: PersistentVolumeClaim | undefined): number {
  return parseQuantity(pvc?.spec?.resources?.requests?.['storage']) ?? 0;
}

/** `ValidatePersistentVolumeClaimUpdate` (on top of the create validation of the new claim). */
export function pvcUpdateErrors(oldPvc: PersistentVolumeClaim, newPvc: PersistentVolumeClaim): FieldError[] {
  const errs: FieldError[] = [];
  const oldSpec = JSON.parse(JSON.stringify(oldPvc.spec ?? {})) as NonNullable<PersistentVolumeClaim['spec']>;
  const newSpec = JSON.parse(JSON.stringify(newPvc.spec ?? {})) as NonNullable<PersistentVolumeClaim['spec']>;
  // The binder sets volumeName once; admission set the default class; apply keeps both.
  newSpec.volumeName ??= oldSpec.volumeName;
  newSpec.storageClassName ??= oldSpec.storageClassName;
  if (!oldSpec.volumeName) oldSpec.volumeName = newSpec.volumeName;
  if (oldSpec.storageClassName === undefined && newSpec.storageClassName !== undefined) oldSpec.storageClassName = newSpec.storageClassName;
  const bound = oldPvc.status?.phase === 'Bound';
  const compared = JSON.parse(JSON.stringify(newSpec)) as typeof newSpec;
  if (bound && compared.resources?.requests) {
    const oldStorage = oldSpec.resources?.requests?.['storage'];
    if (oldStorage === undefined) delete compared.resources.requests['storage'];
    else compared.resources.requests['storage'] = oldStorage;
  }
  if (bound && compared.volumeAttributesClassName !== undefined) compared.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  if (!semanticEqual(compared, oldSpec)) {
    const diff = structDiff('core.PersistentVolumeClaimSpec', oldSpec as Record<string, unknown>, compared as Record<string, unknown>);
    errs.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diff}`));
  }
  const newSize = storageOf(newPvc);
  const capacity = parseQuantity(oldPvc.status?.capacity?.['storage']) ?? 0;
  if (newSize < storageOf(oldPvc) && newSize <= capacity) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  if (oldSpec.volumeMode && newSpec.volumeMode && oldSpec.volumeMode !== newSpec.volumeMode) {
    errs.push(invalid('volumeMode', goQuote(newSpec.volumeMode), 'field is immutable'));
  }
  return errs;
}

/** `ValidatePersistentVolumeUpdate`: the volume source cannot change. */
export function pvUpdateErrors(oldPv: PersistentVolume, newPv: PersistentVolume): FieldError[] {
  const common = ['accessModes', 'capacity', 'claimRef', 'mountOptions', 'nodeAffinity', 'persistentVolumeReclaimPolicy', 'storageClassName', 'volumeAttributesClassName', 'volumeMode'];
  const source = (pv: PersistentVolume): Record<string, unknown> =>
    Object.fromEntries(Object.entries(pv.spec ?? {}).filter(([k]) => !common.includes(k)));
  const before = source(oldPv);
  const after = source(newPv);
  if (semanticEqual(before, after)) return [];
  const diff = structDiff('core.PersistentVolumeSource', before, after);
  return [forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${diff}`)];
}

/** `validateUpgradeDowngradeClusterIPs`: an allocated (or `None`) cluster IP may not change. */
export function serviceUpdateErrors(oldSvc: Service, newSvc: Service): FieldError[] {
  const oldSpec = oldSvc.spec ?? {};
  const newSpec = newSvc.spec ?? {};
  if (oldSpec.type === 'ExternalName' || newSpec.type === 'ExternalName') return [];
  const oldIPs = oldSpec.clusterIPs ?? (oldSpec.clusterIP ? [oldSpec.clusterIP] : []);
  let newIPs = newSpec.clusterIPs ?? (newSpec.clusterIP ? [newSpec.clusterIP] : oldIPs);
  // The REST layer follows a changed clusterIP into clusterIPs when clusterIPs itself was kept.
  if (newSpec.clusterIP && newIPs[0] !== newSpec.clusterIP && canonical(newIPs) === canonical(oldIPs)) newIPs = [newSpec.clusterIP];
  if (oldIPs[0] === 'None' && newIPs[0] === 'None') return [];
  const errs: FieldError[] = [];
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, goStringSlice(newIPs), 'may not change once set'));
    });
  } else if (newIPs.length === 0) {
    errs.push(invalid('spec.clusterIPs[0]', goStringSlice(newIPs), 'primary clusterIP can not be unset'));
  }
  return errs;
}

/** `ValidateConfigMapUpdate` / `ValidateSecretUpdate`: `immutable: true` freezes the data. */
export function immutableDataErrors(oldObj: ConfigMap | Secret, newObj: ConfigMap | Secret): FieldError[] {
  if (oldObj.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (newObj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  const data = (o: ConfigMap | Secret): unknown => ({ data: o.data, binaryData: (o as ConfigMap).binaryData, stringData: (o as Secret).stringData });
  if (!semanticEqual(data(oldObj), data(newObj))) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
  return errs;
}

/** `ValidateStorageClassUpdate`. */
export function storageClassUpdateErrors(oldSc: StorageClass, newSc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  if (!semanticEqual(oldSc.parameters ?? {}, newSc.parameters ?? {})) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (oldSc.provisioner !== newSc.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if ((oldSc.reclaimPolicy ?? 'Delete') !== (newSc.reclaimPolicy ?? 'Delete')) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  const oldMode = oldSc.volumeBindingMode ?? 'Immediate';
  const newMode = newSc.volumeBindingMode ?? 'Immediate';
  if (oldMode !== newMode) errs.push(invalid('volumeBindingMode', goQuote(newMode), 'field is immutable'));
  return errs;
}
