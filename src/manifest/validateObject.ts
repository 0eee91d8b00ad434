/**
 * Create-time validation of one (defaulted) object: the API server's `Validate` for the kind, as
 * a list of field errors in the order the server reports them. The per-kind rules live in
 * `validatePodSpec.ts`, `validateWorkloads.ts` and `validateCore.ts`; object metadata (name
 * syntax per kind, labels, annotations) is checked here for every kind.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { kindInfo } from '../model/kinds';
import type { KObject } from '../model/objects';
import type { FieldError } from './fieldErrors';
import { objectMetaErrors } from './nameValidation';
import { configMapErrors, pdbErrors, pvErrors, pvcSpecErrors, secretErrors, serviceErrors, storageClassErrors } from './validateCore';
import { podSpecErrors } from './validatePodSpec';
import { cronJobErrors, daemonSetErrors, deploymentErrors, jobErrors, replicaSetErrors, statefulSetErrors } from './validateWorkloads';

function specErrors(obj: KObject): FieldError[] {
  switch (obj.kind) {
    case 'Pod':
      return podSpecErrors((obj as Pod & KObject).spec, 'spec');
    case 'StatefulSet':
      return statefulSetErrors(obj as StatefulSet & KObject);
    case 'Deployment':
      return deploymentErrors(obj as Deployment & KObject);
    case 'ReplicaSet':
      return replicaSetErrors(obj as ReplicaSet & KObject);
    case 'DaemonSet':
      return daemonSetErrors(obj as DaemonSet & KObject);
    case 'Job':
      return jobErrors(obj as Job & KObject);
    case 'CronJob':
      return cronJobErrors(obj as CronJob & KObject);
    case 'Service':
      return serviceErrors(obj as Service & KObject);
    case 'PersistentVolumeClaim':
      return pvcSpecErrors((obj as PersistentVolumeClaim & KObject).spec, 'spec');
    case 'PersistentVolume':
      return pvErrors(obj as PersistentVolume & KObject);
    case 'ConfigMap':
      return configMapErrors(obj as ConfigMap & KObject);
    case 'Secret':
      return secretErrors(obj as Secret & KObject);
    case 'StorageClass':
      return storageClassErrors(obj as StorageClass & KObject);
    case 'PodDisruptionBudget':
      return pdbErrors(obj as PodDisruptionBudget & KObject);
    default:
      return [];
  }
}

/**
 * The field errors the API server would return for creating `obj` (already defaulted with
 * `applyDefaults`), e.g. `spec.template.metadata.labels: Invalid value: ...` for a StatefulSet
 * whose selector does not match its template. Empty when the create would be accepted.
 * Turn the list into kubectl's text with `invalidError` + `formatApplyError` (`apiErrors.ts`).
 */
export function validateObject(obj: KObject): FieldError[] {
  const namespaced = kindInfo(obj.kind)?.namespaced ?? true;
  return [...objectMetaErrors(obj.metadata, obj.kind, namespaced), ...specErrors(obj)];
}
