/**
 * Comparing API objects the way update validation does (`apiequality.Semantic.DeepEqual`: key
 * order does not matter, quantities compare by value, so `1Gi` equals `1024Mi`), and the spec diff
 * the API server appends to some immutability errors.
 *
 * The diff imitates go-cmp's `cmp.Diff` layout (`  core.PodSpec{`, `- \tField: old,`, `+ \tField: new,`)
 * with values printed as JSON; go-cmp's exact output is deliberately unstable upstream (it even
 * inserts random non-breaking spaces), so no tool can match it character for character.
 */
import { parseQuantity } from '../model/quantity';

const QUANTITY_MAPS = new Set(['requests', 'limits', 'capacity', 'allocatable', 'hard']);

/** A canonical JSON string: sorted keys, quantities as numbers, null/undefined members dropped. */
export function canonical(value: unknown, parentKey = ''): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v)).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined && obj[k] !== null)
      .sort();
    const quantities = QUANTITY_MAPS.has(parentKey);
    return `{${keys
      .map((k) => {
        const v = obj[k];
        const q = quantities && (typeof v === 'string' || typeof v === 'number') ? parseQuantity(v) : undefined;
        return `${JSON.stringify(k)}:${q !== undefined ? String(q) : canonical(v, k)}`;
      })
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Semantic deep equality of two API values. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function goFieldName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/**
 * A go-cmp-style diff of two structs of Go type `typeName` (e.g. `core.PodSpec`), listing the
 * top-level fields that differ.
 */
export function structDiff(typeName: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): string {
  const a = before ?? {};
  const b = after ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const lines = [`  ${typeName}{`];
  let same = 0;
  const flush = (): void => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const key of keys) {
    if (semanticEqual(a[key], b[key])) {
      same++;
      continue;
    }
    flush();
    if (a[key] !== undefined) lines.push(`- \t${goFieldName(key)}: ${JSON.stringify(a[key])},`);
    if (b[key] !== undefined) lines.push(`+ \t${goFieldName(key)}: ${JSON.stringify(b[key])},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n');
}
