/**
 * The error texts `kubectl apply` prints, built the way kubectl and the API server build them:
 * - server side: `errors.NewInvalid` (422, `StatefulSet.apps "web" is invalid: [a, b]`), decode
 *   failures (400, `StatefulSet in version "v1" cannot be handled as a StatefulSet: ...`);
 * - kubectl side: `cmdutil.AddSourceToErr` (`error when creating "web.yaml": ...`, the long
 *   `error when applying patch:` preamble for updates), `checkErr` (`The StatefulSet "web" is
 *   invalid: ...` for a lone 422, `Error from server (<Reason>): ...` otherwise, `error: ...` for
 *   client-side errors), `MultilineError` (one `* cause` per line when a 422 has several causes)
 *   and `MultipleErrors` (one line per failed object when several objects failed).
 * Sources: staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go, kubectl/pkg/cmd/apply/apply.go,
 * apimachinery/pkg/api/errors/errors.go, cli-runtime/pkg/resource/visitor.go (Info.String).
 *
 * Typical use (the apply command):
 * ```ts
 * const failure = apiFailure(invalidError(obj, causes), { file: 'web.yaml', operation: 'creating' });
 * stderr(formatApplyError(failure));            // one failed object
 * stderr(formatApplyErrors([failure, other]));  // several failed objects in one apply
 * ```
 */
import { kindInfo } from '../model/kinds';
import type { KObject } from '../model/objects';
import { fieldErrorText, type FieldError } from './fieldErrors';

/** The hint kubectl appends to client-side validation errors. */
export const VALIDATE_HINT = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** `kubectl apply -f` on a file without objects. */
export const NO_OBJECTS_ERROR = 'error: no objects passed to apply';

/** A failed API request, as a `metav1.Status`. */
export type ApiError =
  /** 422: validation failed; `causes` are `field.Error` texts. */
  | { reason: 'Invalid'; kind: string; group: string; name: string; causes: string[] }
  /** 400 (decode errors), 403, 404, 409...: only the message matters to kubectl. */
  | { reason: 'BadRequest' | 'Forbidden' | 'NotFound' | 'AlreadyExists' | 'Conflict'; message: string };

/** One object that `kubectl apply` failed on. */
export type ApplyFailure =
  /** kubectl itself refused (parse, client-side validation, unknown kind, empty name). `message` has no `error: ` prefix. */
  | { type: 'client'; message: string }
  /** The API server refused. `patch` is the patch JSON when the object existed (update path). */
  | { type: 'api'; error: ApiError; file: string; operation: 'creating' | 'patching'; object?: KObject; patch?: string };

function versionOf(apiVersion: string): string {
  return apiVersion.includes('/') ? (apiVersion.split('/')[1] as string) : apiVersion;
}

/** `Kind.group` (GroupKind.String), e.g. `StatefulSet.apps`, `Service`. */
function groupKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

/** A 422 for `obj` with these field errors (kubectl dedups identical causes; so do we). */
export function invalidError(obj: Pick<KObject, 'kind' | 'apiVersion' | 'metadata'>, errors: readonly FieldError[]): ApiError {
  const group = kindInfo(obj.kind)?.group ?? (obj.apiVersion.includes('/') ? (obj.apiVersion.split('/')[0] as string) : '');
  const causes = [...new Set(errors.map(fieldErrorText))];
  return { reason: 'Invalid', kind: obj.kind, group, name: obj.metadata.name, causes };
}

/** A 400 from the decoder: `<Kind> in version "v1" cannot be handled as a <Kind>: <detail>`. */
export function decodeError(obj: Pick<KObject, 'kind' | 'apiVersion'>, detail: string): ApiError {
  return { reason: 'BadRequest', message: `${obj.kind} in version "${versionOf(obj.apiVersion)}" cannot be handled as a ${obj.kind}: ${detail}` };
}

/** `strict decoding error: unknown field "a", unknown field "b"` (the detail of a strict decode failure). */
export function strictDecodingDetail(unknownFields: readonly string[]): string {
  return `strict decoding error: ${unknownFields.map((f) => `unknown field "${f}"`).join(', ')}`;
}

/**
 * The Status message, as the API server returns it (and as controllers' events and operators'
 * logs show it): `StatefulSet.apps "web" is invalid: spec.x: ...`, or `[a, b]` for several causes.
 */
export function statusMessage(error: ApiError): string {
  if (error.reason !== 'Invalid') return error.message;
  const head = `${groupKind(error.kind, error.group)} "${error.name}" is invalid`;
  if (error.causes.length === 0) return head;
  return `${head}: ${error.causes.length === 1 ? error.causes[0] : `[${error.causes.join(', ')}]`}`;
}

/** cli-runtime `Info.String()`: the `Resource: ..., GroupVersionKind: ...` / `Name: ..., Namespace: ...` lines. */
export function infoString(obj: Pick<KObject, 'kind' | 'apiVersion' | 'metadata'>): string {
  const info = kindInfo(obj.kind);
  const [group, version] = obj.apiVersion.includes('/') ? (obj.apiVersion.split('/') as [string, string]) : ['', obj.apiVersion];
  const namespace = info?.namespaced === false ? '' : (obj.metadata.namespace ?? 'default');
  const resource = info?.plural ?? `${obj.kind.toLowerCase()}s`;
  return (
    `Resource: "${group}/${version}, Resource=${resource}", GroupVersionKind: "${group}/${version}, Kind=${obj.kind}"\n` +
    `Name: "${obj.metadata.name ?? ''}", Namespace: "${namespace}"`
  );
}

/** The message kubectl's `AddSourceToErr` gives a server error for this failure. */
function sourcedMessage(f: Extract<ApplyFailure, { type: 'api' }>): string {
  const inner = statusMessage(f.error);
  if (f.operation === 'patching' && f.object) {
    return `error when applying patch:\n${f.patch ?? '{}'}\nto:\n${infoString(f.object)}\nfor: "${f.file}": error when patching "${f.file}": ${inner}`;
  }
  return `error when ${f.operation} "${f.file}": ${inner}`;
}

/**
 * What kubectl prints (to stderr, without the trailing newline) when an apply fails on exactly
 * one object. A 422 becomes `The StatefulSet "web" is invalid: <cause>` or, with several causes,
 * `The StatefulSet "web" is invalid: ` followed by one `* <cause>` line each; other server errors
 * become `Error from server (<Reason>): <sourced message>`; client errors get `error: `.
 */
export function formatApplyError(failure: ApplyFailure): string {
  if (failure.type === 'client') return failure.message.startsWith('error: ') ? failure.message : `error: ${failure.message}`;
  const error = failure.error;
  if (error.reason === 'Invalid') {
    const head = `The ${error.kind} "${error.name}" is invalid`;
    if (error.causes.length === 0) return head;
    if (error.causes.length === 1) return `${head}: ${error.causes[0]}`;
    return `${head}: \n${error.causes.map((c) => `* ${c}`).join('\n')}`;
  }
  return `Error from server (${error.reason}): ${sourcedMessage(failure)}`;
}

/**
 * What kubectl prints when an apply fails on several objects (`MultipleErrors`): one entry per
 * failure, server errors all in the `Error from server (<Reason>): ...` form (422s included, with
 * the `[a, b]` cause list), client errors without the `error: ` prefix. A single failure is
 * printed as `formatApplyError` does.
 */
export function formatApplyErrors(failures: readonly ApplyFailure[]): string {
  if (failures.length === 1) return formatApplyError(failures[0] as ApplyFailure);
  return failures
    .map((f) => (f.type === 'client' ? f.message.replace(/^error: /, '') : `Error from server (${f.error.reason}): ${sourcedMessage(f)}`))
    .join('\n');
}

/** `error validating data: [apiVersion not set, kind not set]` with kubectl's file prefix and hint. */
export function validationDataError(file: string, problems: readonly string[]): string {
  const list = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
  return `error validating "${file}": error validating data: ${list}; ${VALIDATE_HINT}`;
}

/** A document that is not a mapping (kubectl's decoder cannot turn it into an object). */
export function notAnObjectError(file: string, jsonKind: string): string {
  return `unable to decode "${file}": json: cannot unmarshal ${jsonKind} into Go value of type map[string]interface {}`;
}

/** A YAML syntax error (kubectl wraps its YAML library's message the same way). */
export function yamlParseError(file: string, line: number, detail: string): string {
  return `error parsing ${file}: error converting YAML to JSON: yaml: line ${line}: ${detail}`;
}

/** An apiVersion/kind pair the cluster does not serve (a typo in `kind`, an old `apps/v1beta1`). */
export function noKindMatchError(file: string, obj: { kind: string; apiVersion: string; metadata?: { name?: string; namespace?: string } }): string {
  return (
    `resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${file}": ` +
    `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`
  );
}

/** An object without `metadata.name`: kubectl fails while looking it up. */
export function emptyNameError(file: string, obj: Pick<KObject, 'kind' | 'apiVersion' | 'metadata'>): string {
  return `error when retrieving current configuration of:\n${infoString(obj)}\nfrom server for: "${file}": resource name may not be empty`;
}
