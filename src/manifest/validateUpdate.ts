/**
 * Update-time validation between the stored object and the new one (R1.3 and the immutable
 * fields a learner hits), with the API server's texts:
 * `pkg/apis/apps/validation/validation.go` (ValidateStatefulSetUpdate), the apps REST strategies
 * (Deployment, ReplicaSet and DaemonSet selectors are immutable in apps/v1),
 * `pkg/apis/batch/validation/validation.go` (ValidateJobSpecUpdate: completions, selector and
 * template), and `validateUpdateCore.ts` for pods, claims, volumes, services, config maps,
 * secrets and storage classes. The new object's spec is validated as on create, first, as the
 * API server does.
 *
 * Left out: metadata update rules (name/namespace/uid cannot change; apply never changes them),
 * mutable scheduling directives of suspended Jobs, elastic Indexed Jobs.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KObject } from '../model/objects';
import { formatApplyError, invalidError } from './apiErrors';
import { applyDefaults } from './defaults';
import { forbidden, goInt, goLabelSelector, goQuote, goStringMap, invalid, type FieldError } from './fieldErrors';
import { semanticEqual } from './semanticEqual';
import { validateObject } from './validateObject';
import {
  immutableDataErrors,
  podUpdateErrors,
  pvcUpdateErrors,
  pvUpdateErrors,
  serviceUpdateErrors,
  storageClassUpdateErrors,
} from './validateUpdateCore';
import { statefulSetErrors } from './validateWorkloads';

const STS_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** `ValidateStatefulSetUpdate` (R1.3). */
function statefulSetUpdateErrors(oldSts: StatefulSet, newSts: StatefulSet): FieldError[] {
  const errs = statefulSetErrors(newSts, true);
  const mutable = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'];
  const strip = (sts: StatefulSet): Record<string, unknown> =>
    Object.fromEntries(Object.entries(sts.spec ?? {}).filter(([k]) => !mutable.includes(k)));
  if (!semanticEqual(strip(oldSts), strip(newSts))) errs.push(forbidden('spec', STS_FORBIDDEN));
  return errs;
}

/** The apps/v1 strategies' `ValidateImmutableField(spec.selector)`. */
function selectorImmutable(oldObj: { spec?: { selector?: LabelSelector } }, newObj: { spec?: { selector?: LabelSelector } }): FieldError[] {
  const before = oldObj.spec?.selector;
  const after = newObj.spec?.selector;
  return semanticEqual(before, after) ? [] : [invalid('spec.selector', goLabelSelector(after), 'field is immutable')];
}

/** Go `%#v` of a pod template, abbreviated: the full internal struct dump runs to thousands of characters. */
function goPodTemplate(job: Job): string {
  const meta = job.spec?.template?.metadata ?? {};
  return (
    `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Name:${goQuote(meta.name ?? '')}, GenerateName:"", Namespace:"", ` +
    `Labels:${goStringMap(meta.labels)}, Annotations:${goStringMap(meta.annotations)}, ...}, Spec:core.PodSpec{...}}`
  );
}

/** `ValidateJobSpecUpdate`: completions, selector and template are immutable. */
function jobUpdateErrors(oldJob: Job, newJob: Job): FieldError[] {
  // The selector and template labels were generated on create; the new object gets the same ones.
  const merged = applyDefaults({ ...(newJob as Job & KObject), metadata: { ...newJob.metadata, uid: oldJob.metadata?.uid } } as Job & KObject);
  const errs = validateObject(merged);
  const oldSpec = oldJob.spec;
  const newSpec = merged.spec;
  if (oldSpec?.completions !== newSpec?.completions) {
    const value = newSpec?.completions === undefined ? 'null' : goInt(newSpec.completions);
    errs.push(invalid('spec.completions', value, 'field is immutable'));
  }
  if (!semanticEqual(oldSpec?.selector, newSpec?.selector)) errs.push(invalid('spec.selector', goLabelSelector(newSpec?.selector), 'field is immutable'));
  if (!semanticEqual(oldSpec?.template, newSpec?.template)) errs.push(invalid('spec.template', goPodTemplate(merged), 'field is immutable'));
  return errs;
}

/**
 * The field errors of updating `oldObj` (as stored) to `newObj` (the merged result of an apply,
 * patch or edit). Both are defaulted first. Empty when the update would be accepted.
 */
export function updateErrors(oldObj: KObject, newObj: KObject): FieldError[] {
  const before = applyDefaults(oldObj);
  const after = applyDefaults(newObj);
  switch (after.kind) {
    case 'StatefulSet':
      return statefulSetUpdateErrors(before as StatefulSet & KObject, after as StatefulSet & KObject);
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return [...validateObject(after), ...selectorImmutable(before as Deployment | ReplicaSet | DaemonSet, after as Deployment | ReplicaSet | DaemonSet)];
    case 'Job':
      return jobUpdateErrors(before as Job & KObject, after as Job & KObject);
    case 'Pod':
      return podUpdateErrors(before as Pod & KObject, after as Pod & KObject);
    case 'PersistentVolumeClaim':
      return [...validateObject(after), ...pvcUpdateErrors(before as PersistentVolumeClaim & KObject, after as PersistentVolumeClaim & KObject)];
    case 'PersistentVolume':
      return [...validateObject(after), ...pvUpdateErrors(before as PersistentVolume & KObject, after as PersistentVolume & KObject)];
    case 'Service':
      return [...serviceUpdateErrors(before as Service & KObject, after as Service & KObject), ...validateObject(after)];
    case 'ConfigMap':
    case 'Secret':
      return [...validateObject(after), ...immutableDataErrors(before as (ConfigMap | Secret) & KObject, after as (ConfigMap | Secret) & KObject)];
    case 'StorageClass':
      return [...validateObject(after), ...storageClassUpdateErrors(before as StorageClass & KObject, after as StorageClass & KObject)];
    default:
      return validateObject(after);
  }
}

/**
 * The error kubectl prints when updating `oldObj` to `newObj` is refused, or undefined when the
 * API server would accept it. Exactly kubectl's text for a lone failed object, e.g. (R1.3):
 * `The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than ...`.
 * Print it as is (no `error when applying patch` wrapper: kubectl prints a lone 422 this way).
 */
export function validateUpdate(oldObj: KObject, newObj: KObject): string | undefined {
  const errs = updateErrors(oldObj, newObj);
  if (errs.length === 0) return undefined;
  return formatApplyError({ type: 'api', error: invalidError(newObj, errs), file: '', operation: 'patching' });
}
