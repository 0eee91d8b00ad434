/**
 * Name and label syntax checks with the API server's texts: apimachinery
 * `util/validation/validation.go` (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label,
 * IsQualifiedName, IsValidLabelValue, IsValidPortName, IsValidPortNum, IsConfigMapKey) and
 * `api/validation/objectmeta.go` (ValidateObjectMeta), as of Kubernetes 1.33.
 */
import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1';
import { child, forbidden, goInt, goIntOrString, goQuote, index, invalid, nonNegative, required, type FieldError } from './fieldErrors';

/** apimachinery `RegexError`: note the double space before `or`, which is upstream's. */
function regexError(msg: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${format}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${format}')`;
}

function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_KEY_RE = new RegExp(`^${CONFIG_KEY_FMT}$`);

/** Problems with a DNS-1123 label (StatefulSet, Namespace and container names; 63 chars). */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL_FMT,
        'my-name',
        '123-abc',
      ),
    );
  }
  return errs;
}

/** Problems with a DNS-1123 subdomain (most object names; 253 chars). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
}

/** Problems with a DNS-1035 label (Service names: must start with a letter). */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

/** Problems with a qualified name (label and annotation keys: `[prefix/]name`). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] as string;
  } else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** Problems with a label value (may be empty; 63 chars). */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** Problems with a named port (`web`, `http-alt`; IANA_SVC_NAME, 15 chars). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Problems with a port number. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** Problems with a ConfigMap or Secret key. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_KEY_RE.test(value)) {
    errs.push(
      regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'),
    );
  }
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** Field errors for a name-like string (`field.Invalid(path, value, msg)` per message). */
export function nameErrors(value: string, field: string, check: (v: string) => string[]): FieldError[] {
  return check(value).map((msg) => invalid(field, goQuote(value), msg));
}

/** `ValidatePortNumOrName` (targetPort, probe ports). */
export function portNumOrNameErrors(port: number | string | undefined, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => invalid(field, goInt(port), msg));
  if (typeof port === 'string') return nameErrors(port, field, isValidPortName);
  return [];
}

function sortedKeys(map: Record<string, unknown> | undefined): string[] {
  return Object.keys(map ?? {}).sort();
}

/** `ValidateLabels`: every key a qualified name, every value a label value (Go map order is random; ours is sorted). */
export function labelErrors(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...nameErrors(k, field, isQualifiedName));
    const v = String(labels?.[k] ?? '');
    errs.push(...isValidLabelValue(v).map((msg) => invalid(field, goQuote(v), msg)));
  }
  return errs;
}

/** `ValidateAnnotations` (keys only; the 256 KiB size cap is not modelled). */
export function annotationErrors(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  return sortedKeys(annotations).flatMap((k) => nameErrors(k.toLowerCase(), field, isQualifiedName));
}

/** How each kind's name is validated (`ValidateXxxName` in the validation packages). */
export function nameRuleFor(kind: string): (value: string) => string[] {
  switch (kind) {
    case 'StatefulSet':
    case 'Namespace':
      return isDNS1123Label;
    case 'Service':
      return isDNS1035Label;
    default:
      return isDNS1123Subdomain;
  }
}

/** `ValidateObjectMeta` on create for a kind (name syntax, namespace, labels, annotations). */
export function objectMetaErrors(meta: ObjectMeta | undefined, kind: string, namespaced: boolean): FieldError[] {
  const path = 'metadata';
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const rule = nameRuleFor(kind);
  if (m.generateName) errs.push(...nameErrors(m.generateName, child(path, 'generateName'), rule));
  if (!m.name) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else errs.push(...nameErrors(m.name, child(path, 'name'), rule));
  // kubectl fills the namespace of namespaced objects, and the API server clears it on
  // cluster-scoped ones before validating, so neither "Required" nor "not allowed" can surface.
  if (namespaced && m.namespace) errs.push(...nameErrors(m.namespace, child(path, 'namespace'), isDNS1123Label));
  errs.push(...nonNegative(m.generation, child(path, 'generation')));
  errs.push(...labelErrors(m.labels, child(path, 'labels')));
  errs.push(...annotationErrors(m.annotations, child(path, 'annotations')));
  return errs;
}

/** `ValidateLabelSelector` (metav1 validation): matchLabels syntax and matchExpressions shape. */
export function labelSelectorErrors(selector: LabelSelector | undefined, field: string): FieldError[] {
  if (!selector) return [];
  const errs = labelErrors(selector.matchLabels, child(field, 'matchLabels'));
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = index(child(field, 'matchExpressions'), i);
    const values = expr.values ?? [];
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (expr.operator === 'Exists' || expr.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(child(at, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(invalid(child(at, 'operator'), goQuote(expr.operator ?? ''), 'not a valid selector operator'));
    }
    errs.push(...nameErrors(expr.key ?? '', child(at, 'key'), isQualifiedName));
    values.forEach((v, j) => errs.push(...isValidLabelValue(v).map((m) => invalid(index(child(at, 'values'), j), goQuote(v), m))));
  });
  return errs;
}

/** True when `metav1.LabelSelectorAsSelector` would fail (an unknown operator). */
export function isUnparsableSelector(selector: LabelSelector | undefined): boolean {
  return (selector?.matchExpressions ?? []).some((e) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator));
}

/** `ValidatePositiveIntOrPercent` plus `IsNotMoreThan100Percent` (rolling-update and PDB fields). */
export function intOrPercentErrors(v: number | string | undefined, field: string): FieldError[] {
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) {
      return [invalid(field, goIntOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    }
    return Number(v.slice(0, -1)) > 100 ? [invalid(field, goIntOrString(v), 'must not be greater than 100%')] : [];
  }
  return nonNegative(v, field);
}

/** `getIntOrPercentValue`: the number in `25%` or `3`. */
export function intOrPercentValue(v: number | string | undefined): number {
  return typeof v === 'string' ? Number.parseInt(v, 10) || 0 : (v ?? 0);
}
