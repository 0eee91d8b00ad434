/**
 * Editor-facing validation of one parsed document: strict decoding (unknown fields, wrong types,
 * bad quantities) and the API server's create-time checks, each as a Diagnostic at the offending
 * key. Nothing here needs cluster state; checks against the cluster (immutable fields of an
 * existing object, a missing namespace) happen when applying (`checkApply.ts`, `validateUpdate.ts`).
 *
 * Besides the errors the API server would return, two kinds of warnings point at failures that
 * come later in a real cluster: fields the API schema marks as required but create validation
 * does not check, and the pod template and volume claim templates of a StatefulSet (the API
 * server accepts them unchecked; the controller's pod or claim creation then fails).
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { KObject } from '../model/objects';
import { applyDefaults } from './defaults';
import { compareDiagnostics, type Diagnostic } from './diagnostics';
import { fieldErrorText, type FieldError } from './fieldErrors';
import type { ParsedDocument } from './parseManifests';
import { validateAgainstSchema, type FieldPath } from './schemaValidator';
import { pvcSpecErrors } from './validateCore';
import { validateObject } from './validateObject';
import { podSpecErrors } from './validatePodSpec';

/**
 * Turns an API field path (`spec.template.spec.containers[0].image`, `spec.resources[storage]`)
 * into a document path, mapping the few places where the API path is not where the YAML key is.
 */
export function parseFieldPath(field: string): FieldPath {
  const path: FieldPath = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(field))) {
    if (m[1] !== undefined) path.push(m[1]);
    else path.push(/^\d+$/.test(m[2] as string) ? Number(m[2]) : (m[2] as string));
  }
  const out: FieldPath = [];
  path.forEach((seg, i) => {
    const prev = path[i - 1];
    // `<template>.labels` / `.annotations` are validated under the template, found under its metadata.
    if ((seg === 'labels' || seg === 'annotations') && prev === 'template') out.push('metadata');
    // `spec.resources[storage]` is `spec.resources.requests.storage` in the claim.
    if (seg === 'storage' && prev === 'resources') out.push('requests');
    out.push(seg === 'clusterIPs' ? 'clusterIP' : seg);
  });
  // `clusterIPs[0]` points at the scalar `clusterIP`.
  if (out[out.length - 1] === 0 && out[out.length - 2] === 'clusterIP') out.pop();
  return out;
}

function toDiagnostic(doc: ParsedDocument, file: string, path: FieldPath, message: string, severity: Diagnostic['severity'], source: Diagnostic['source']): Diagnostic {
  return { file, ...doc.nearestRangeOf(path), message, severity, source };
}

function statefulSetWarnings(sts: StatefulSet): { error: FieldError; suffix: string }[] {
  // The controller adds one volume per claim template to each pod (newVersionedStatefulSetPod), so
  // the containers may mount them.
  const podSpec = sts.spec?.template?.spec && {
    ...sts.spec.template.spec,
    volumes: [
      ...(sts.spec.template.spec.volumes ?? []),
      ...(sts.spec.volumeClaimTemplates ?? []).map((c) => ({ name: c.metadata?.name ?? '', persistentVolumeClaim: { claimName: `${c.metadata?.name ?? ''}-pod` } })),
    ],
  };
  const podErrors = podSpecErrors(podSpec, 'spec.template.spec')
    .filter((e) => !e.field.endsWith('.restartPolicy'))
    .map((error) => ({ error, suffix: ' (the StatefulSet is accepted, but creating its pods will fail)' }));
  const claimErrors = (sts.spec?.volumeClaimTemplates ?? []).flatMap((claim, i) =>
    pvcSpecErrors(claim.spec, `spec.volumeClaimTemplates[${i}].spec`).map((error) => ({
      error,
      suffix: ' (the StatefulSet is accepted, but creating its claims will fail)',
    })),
  );
  return [...podErrors, ...claimErrors];
}

/**
 * Validates one parsed document like `kubectl apply` with strict field validation would on
 * create, and returns diagnostics positioned at the offending keys (sorted by position):
 * - `schema` errors: `unknown field "spec.replicaz"`, `json: cannot unmarshal string into Go
 *   struct field StatefulSetSpec.spec.replicas of type int32`, quantity and base64 errors;
 * - `api` errors: `spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: ...`,
 *   `metadata.name: Invalid value: "Web": a lowercase RFC 1123 label must consist of ...`;
 * - warnings for failures that a real cluster reports later (see the file header).
 * Documents that parsing already flagged (`kubectlError`) yield nothing more.
 */
export function validateDocument(doc: ParsedDocument, file: string): Diagnostic[] {
  const obj = doc.object;
  if (!obj || doc.kubectlError) return [];
  const issues = validateAgainstSchema(doc.value, obj.kind);
  const diagnostics = issues
    .filter((i) => i.kind !== 'required')
    .map((i) => toDiagnostic(doc, file, i.path, i.message, 'error', 'schema'));
  // A type error fails decoding: the API server never gets to validation.
  if (issues.some((i) => i.kind === 'type')) return diagnostics.sort(compareDiagnostics);
  const defaulted = applyDefaults(obj as KObject);
  const errors = validateObject(defaulted);
  for (const e of errors) diagnostics.push(toDiagnostic(doc, file, parseFieldPath(e.field), fieldErrorText(e), 'error', 'api'));
  const covered = new Set(errors.map((e) => e.field));
  const warnings: { error: FieldError; suffix: string }[] = obj.kind === 'StatefulSet' ? statefulSetWarnings(defaulted as StatefulSet & KObject) : [];
  for (const { error, suffix } of warnings) {
    if (covered.has(error.field)) continue;
    covered.add(error.field);
    diagnostics.push(toDiagnostic(doc, file, parseFieldPath(error.field), `${fieldErrorText(error)}${suffix}`, 'warning', 'api'));
  }
  for (const issue of issues.filter((i) => i.kind === 'required')) {
    const field = issue.message.replace(/: Required value$/, '');
    if ([...covered].some((c) => c === field || c.startsWith(`${field}.`) || c.startsWith(`${field}[`))) continue;
    diagnostics.push(toDiagnostic(doc, file, issue.path, issue.message, 'warning', 'schema'));
  }
  return diagnostics.sort(compareDiagnostics);
}
