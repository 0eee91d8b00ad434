/**
 * Small text conversions shared by the table printer and the describers,
 * each mirroring the Go helper kubectl uses: `duration.HumanDuration` with its
 * negative cases, `time.RFC1123Z`, `labels.FormatLabels`,
 * `labels.Selector.String()`, `resource.Quantity.String()` and
 * `GetAccessModesAsString`.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { humanDuration } from '../../model/duration';
import { formatBytes, parseQuantity } from '../../model/quantity';

/** Milliseconds of an RFC 3339 timestamp, or undefined when absent/invalid. */
export function timestampMs(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * `translateTimestampSince`: the age of `thenMs` at `nowMs`. Like Go it shows
 * `<unknown>` for a missing time, `0s` for up to one second in the future
 * (clock skew) and `<invalid>` for anything later, which is what a pod inside
 * its grace period shows (its deletionTimestamp is in the future).
 */
export function since(nowMs: number, thenMs: number | undefined): string {
  if (thenMs === undefined) return '<unknown>';
  const diff = nowMs - thenMs;
  const seconds = Math.trunc(diff / 1000);
  if (seconds < -1) return '<invalid>';
  if (diff < 0) return '0s';
  return humanDuration(diff);
}

/** `since` for an RFC 3339 timestamp. */
export function sinceTimestamp(nowMs: number, text: string | undefined | null): string {
  return since(nowMs, timestampMs(text));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's `time.RFC1123Z` in UTC: `Wed, 01 Jan 2025 00:00:03 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** RFC1123Z of an RFC 3339 timestamp; Go prints the zero time for a missing one. */
export function rfc1123zOf(text: string | undefined | null): string {
  const ms = timestampMs(text);
  return ms === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : rfc1123z(ms);
}

/** `labels.FormatLabels`: `a=1,b=2` in key order, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels as Record<string, string>)[k]}`).join(',');
}

/**
 * `metav1.LabelSelectorAsSelector(s).String()`: requirements sorted by key,
 * `k=v` for matchLabels, `k in (a,b)` (values sorted), `k`, `!k`. Empty or
 * missing selectors print as ''.
 */
export function selectorString(selector: LabelSelector | undefined | null): string {
  if (!selector) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator === 'NotIn' ? 'notin' : 'in'} (${values})`;
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** `metav1.FormatLabelSelector`: like `selectorString` but `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  return selectorString(selector) || '<none>';
}

/** `GetAccessModesAsString`: `RWO,ROX,RWX,RWOP` in that fixed order. */
export function accessModesText(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const DECIMAL_SUFFIXES: [number, string][] = [
  [18, 'E'],
  [15, 'P'],
  [12, 'T'],
  [9, 'G'],
  [6, 'M'],
  [3, 'k'],
  [0, ''],
  [-3, 'm'],
  [-6, 'u'],
  [-9, 'n'],
];

/** Formats a decimal-SI amount canonically: the largest suffix giving an integer (`1500m`, `2`, `1G`). */
export function formatDecimal(value: number): string {
  if (value === 0) return '0';
  for (const [exp, suffix] of DECIMAL_SUFFIXES) {
    const mantissa = value / 10 ** exp;
    const rounded = Math.round(mantissa);
    if (Math.abs(mantissa - rounded) < 1e-9 * Math.max(1, Math.abs(mantissa)) && rounded !== 0) return `${rounded}${suffix}`;
  }
  return String(value);
}

/**
 * `resource.Quantity.String()`: the canonical form kubectl prints. Binary-SI
 * inputs (`Ki`..`Ei`) keep a binary suffix (`1024Mi` → `1Gi`), everything else
 * is decimal (`1.5` → `1500m`). Unparsable text is returned unchanged.
 */
export function canonicalQuantity(text: string | number | undefined | null): string {
  if (text === undefined || text === null || text === '') return '0';
  const value = parseQuantity(text);
  if (value === undefined) return String(text);
  if (typeof text === 'string' && /[KMGTPE]i$/.test(text.trim())) {
    return Number.isInteger(value) ? formatBytes(value) : formatDecimal(value);
  }
  return formatDecimal(value);
}

/** Go's `printBool`: `True` / `False`. */
export function boolText(value: boolean | undefined): string {
  return value ? 'True' : 'False';
}

/** `IntOrString.String()`. */
export function intOrString(value: number | string | undefined): string {
  return value === undefined ? '' : String(value);
}

/** Go's `%v` of a string slice: `[a b c]`. */
export function goSlice(values: readonly string[] | undefined): string {
  return `[${(values ?? []).join(' ')}]`;
}
