/**
 * The API server's side of `kubectl apply` for one document, in the order a real request goes
 * through it: kubectl's own refusals (unparsable document, unknown kind, empty name), strict
 * decoding (400 BadRequest), defaulting, then create validation (422 Invalid). Each failure comes
 * back as an `ApplyFailure` that `formatApplyError`/`formatApplyErrors` turn into kubectl's text.
 *
 * The apply command then does what needs cluster state: admission (`src/engine/admission.ts`),
 * the namespace-exists check, and for existing objects its merge followed by `validateUpdate`.
 */
import { kindInfo } from '../model/kinds';
import type { KObject } from '../model/objects';
import { decodeError, invalidError, strictDecodingDetail, type ApplyFailure } from './apiErrors';
import { applyDefaults } from './defaults';
import type { ParsedDocument } from './parseManifests';
import { formatPath, validateAgainstSchema } from './schemaValidator';
import { validateObject } from './validateObject';

/**
 * The 400 the decoder returns for this document, if any: the first type error, or else every
 * unknown field (`strict decoding error: unknown field "spec.replicaz"`). `operation` and, for
 * updates, `patch` and the `existing` object shape the kubectl wrapper text.
 */
export function decodeFailure(
  doc: ParsedDocument,
  file: string,
  operation: 'creating' | 'patching' = 'creating',
  existing?: KObject,
  patch?: string,
): ApplyFailure | undefined {
  const obj = doc.object;
  if (!obj) return undefined;
  const issues = validateAgainstSchema(doc.value, obj.kind);
  const typeIssue = issues.find((i) => i.kind === 'type');
  const unknown = issues.filter((i) => i.kind === 'unknown').map((i) => formatPath(i.path));
  const detail = typeIssue ? typeIssue.message : unknown.length ? strictDecodingDetail(unknown) : undefined;
  if (!detail) return undefined;
  return { type: 'api', error: decodeError(obj, detail), file, operation, object: existing ?? obj, patch };
}

/** Options of `checkCreate`. */
export interface CreateOptions {
  /** Namespace for namespaced objects that name none (kubectl's `-n`, default `default`). */
  namespace?: string;
  /** The uid the object will be created with; Jobs need it for their generated selector. */
  uid?: string;
}

/**
 * Runs a document through everything the API server does on create that needs no cluster state.
 * Returns the object to store (namespaced, defaulted; `uid` set when given) or the failure.
 *
 * @example
 * const result = checkCreate(doc, 'web.yaml', { uid: randomUid(state.rng) });
 * if ('failure' in result) print(formatApplyError(result.failure));
 */
export function checkCreate(doc: ParsedDocument, file: string, options: CreateOptions = {}): { object: KObject } | { failure: ApplyFailure } {
  if (doc.kubectlError || !doc.object) {
    return { failure: { type: 'client', message: doc.kubectlError ?? `error validating "${file}": document ${doc.index + 1} is not an object` } };
  }
  const decode = decodeFailure(doc, file);
  if (decode) return { failure: decode };
  const input = JSON.parse(JSON.stringify(doc.object)) as KObject;
  const info = kindInfo(input.kind);
  if (info?.namespaced) input.metadata.namespace ??= options.namespace ?? 'default';
  else delete input.metadata.namespace;
  // uid is read-only for clients in the types; the API server sets it, and so do we here.
  if (options.uid) (input.metadata as { uid?: string }).uid = options.uid;
  const object = applyDefaults(input);
  const errors = validateObject(object);
  if (errors.length) return { failure: { type: 'api', error: invalidError(object, errors), file, operation: 'creating', object } };
  return { object };
}
