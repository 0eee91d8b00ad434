/**
 * Label selectors: `matchLabels`/`matchExpressions` objects and the kubectl
 * `-l` string form (`app=nginx,tier!=db,env in (a,b),!legacy`), per
 * apimachinery `labels.Parse` and `metav1.LabelSelectorAsSelector`.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

export type Labels = Record<string, string> | undefined;

interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A parsed selector: all requirements must hold. An empty selector matches everything. */
export interface Selector {
  requirements: Requirement[];
}

/** Converts an API `LabelSelector` (null/undefined matches nothing, `{}` matches everything). */
export function fromLabelSelector(selector: LabelSelector | undefined | null): Selector | null {
  if (!selector) return null;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, op: 'In', values: [value] });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const op = expr.operator as Requirement['op'];
    requirements.push({ key: expr.key, op, values: expr.values ?? [] });
  }
  return { requirements };
}

/** True when the labels satisfy every requirement. */
export function matches(selector: Selector | null, labels: Labels): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  return selector.requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const value = l[r.key];
    switch (r.op) {
      case 'In':
        return has && r.values.includes(value as string);
      case 'NotIn':
        return !has || !r.values.includes(value as string);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}

/** Shorthand: does an API LabelSelector match these labels? */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  return matches(fromLabelSelector(selector), labels);
}

/** Parses kubectl's `-l` syntax. Throws an Error with kubectl's wording on bad input. */
export function parseSelector(text: string): Selector {
  const requirements: Requirement[] = [];
  const parts = splitTopLevel(text.trim());
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let m: RegExpExecArray | null;
    if ((m = /^!\s*([\w./-]+)$/.exec(part))) {
      requirements.push({ key: m[1] as string, op: 'DoesNotExist', values: [] });
    } else if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      const values = (m[3] as string).split(',').map((v) => v.trim()).filter(Boolean);
      requirements.push({ key: m[1] as string, op: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part))) {
      requirements.push({ key: m[1] as string, op: m[2] === '!=' ? 'NotIn' : 'In', values: [m[3] as string] });
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      requirements.push({ key: m[1] as string, op: 'Exists', values: [] });
    } else {
      throw new Error(`unable to parse requirement: found '${part}', expected: identifier`);
    }
  }
  return { requirements };
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Formats a LabelSelector the way kubectl describe prints it: `app=nginx`. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}
