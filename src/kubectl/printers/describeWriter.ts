/**
 * The text builder behind every describer: kubectl's `PrefixWriter` (two
 * spaces per level) feeding `tabbedString`'s tab writer (min width 0, padding
 * 2), plus the multi-line helpers of
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go`
 * (`printLabelsMultiline`, `printAnnotationsMultiline`,
 * `printTolerationsMultiline`, `printTaintsMultiline`).
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { alignTabbed, DESCRIBE_WRITER } from './tabwriter';

/** Indentation levels (`LEVEL_0`..`LEVEL_4`). */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** Collects describe text; `toString()` aligns it like `tabbedString`. */
export class DescribeWriter {
  private readonly parts: string[] = [];

  /** `Write(level, text)`: the text (tabs and newlines included) after 2×level spaces. */
  write(level: number, text: string): void {
    this.parts.push('  '.repeat(level) + text);
  }

  /** `WriteLine(text)`: the text and a newline, no indentation. */
  writeLine(text = ''): void {
    this.parts.push(`${text}\n`);
  }

  /** The raw tabbed text (before alignment). */
  raw(): string {
    return this.parts.join('');
  }

  toString(): string {
    return alignTabbed(this.raw(), DESCRIBE_WRITER);
  }
}

/** `printLabelsMultilineWithIndent`: sorted `key=value` lines aligned under the first. */
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${key}=${(labels as Record<string, string>)[key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** `printAnnotationsMultiline`: `key: value`, long or multi-line values on their own lines. */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = ((annotations as Record<string, string>)[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** `printTolerationsMultilineWithIndent`: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** `Taint.ToString()`: `key=value:Effect`, `key:Effect`. */
export function taintText(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** `printTaintsMultilineWithIndent`: taints sorted by effect then key. */
export function printTaintsMultiline(w: DescribeWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Taint) => `${t.effect},${t.key}`;
  list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintText(t)}\n`);
  });
}

/** `stringOrNone`. */
export function orNone(text: string | undefined | null): string {
  return text ? text : '<none>';
}
