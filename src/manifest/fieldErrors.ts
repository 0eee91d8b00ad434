/**
 * Field errors as the API server reports them: apimachinery `util/validation/field` (`field.Error`,
 * `ErrorBody`), including the Go `fmt` renderings of the bad value (`%q` for strings, `%v` for
 * numbers, `%#v` for maps, slices and structs) that learners see in kubectl's output, e.g.
 * `spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels``.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** `field.ErrorType` strings. */
export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Duplicate value'
  | 'Not found'
  | 'Too long';

/** One `field.Error`. `value` is already rendered the way Go prints it; undefined = not printed. */
export interface FieldError {
  type: FieldErrorType;
  /** The field path as the API server prints it: `spec.template.spec.containers[0].image`. */
  field: string;
  value?: string;
  detail?: string;
}

/** `field.Error.Error()`: `<field>: <type>[: <value>][: <detail>]`. */
export function fieldErrorText(e: FieldError): string {
  // Required, Forbidden and Too long never print the value (ErrorBody).
  const printsValue = e.type !== 'Required value' && e.type !== 'Forbidden' && e.type !== 'Too long';
  let body: string = e.type;
  if (printsValue && e.value !== undefined) body += `: ${e.value}`;
  if (e.detail) body += `: ${e.detail}`;
  return `${e.field}: ${body}`;
}

/** `field.Required`. */
export function required(field: string, detail = ''): FieldError {
  return { type: 'Required value', field, detail };
}

/** `field.Invalid`; `value` is a Go rendering (see the `go*` helpers). */
export function invalid(field: string, value: string, detail: string): FieldError {
  return { type: 'Invalid value', field, value, detail };
}

/** `field.NotSupported`: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(field: string, value: string, supported: readonly string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
  return { type: 'Unsupported value', field, value, detail };
}

/** `field.Forbidden`. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

/** `field.Duplicate`. */
export function duplicate(field: string, value: string): FieldError {
  return { type: 'Duplicate value', field, value };
}

/** `field.NotFound`. */
export function notFound(field: string, value: string): FieldError {
  return { type: 'Not found', field, value };
}

/** `apimachineryvalidation.ValidateNonnegativeField`. */
export function nonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, goInt(value), 'must be greater than or equal to 0')] : [];
}

/** The path of a child field: `child('spec', 'template', 'spec')` = `spec.template.spec`. */
export function child(path: string, ...names: string[]): string {
  return [path, ...names].filter(Boolean).join('.');
}

/** The path of a list element: `index('spec.containers', 0)` = `spec.containers[0]`. */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** The path of a map entry: `key('spec.resources', 'storage')` = `spec.resources[storage]`. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** Go `%q` of a string (close enough: JSON escaping, which agrees for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go `%v` of an integer. */
export function goInt(n: number): string {
  return String(n);
}

function sortedEntries(map: Record<string, string>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go `%#v` of a `map[string]string` (keys sorted, as fmt does); `map[string]string(nil)` when unset. */
export function goStringMap(map: Record<string, string> | undefined | null): string {
  if (!map) return 'map[string]string(nil)';
  return `map[string]string{${sortedEntries(map)
    .map(([k, v]) => `${goQuote(k)}:${goQuote(String(v))}`)
    .join(', ')}}`;
}

/** Go `%#v` of a `[]string`. */
export function goStringSlice(list: readonly string[] | undefined | null): string {
  if (!list) return '[]string(nil)';
  return `[]string{${list.map((s) => goQuote(String(s))).join(', ')}}`;
}

/** Go `%#v` of a `metav1.LabelSelector` value (what `field.Invalid(..., spec.Selector, ...)` prints). */
export function goLabelSelector(selector: LabelSelector | undefined | null): string {
  const s = selector ?? {};
  const expressions = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${expressions}}`;
}

/** Go `%#v` of an IntOrString value (what int-or-percent errors print). */
export function goIntOrString(v: number | string | undefined): string {
  return typeof v === 'string' ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}` : `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;
}
