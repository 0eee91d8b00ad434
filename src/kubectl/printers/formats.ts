/**
 * `kubectl get -o yaml|json|name` (`staging/src/k8s.io/cli-runtime/pkg/printers`:
 * `YAMLPrinter`, `JSONPrinter`, `NamePrinter`). kubectl decodes API objects
 * as unstructured maps, so both YAML and JSON come out with map keys sorted;
 * JSON uses Go's `json.MarshalIndent(obj, "", "    ")` layout and escaping.
 * Several objects (or any list query) print as a `v1` `List` with
 * `metadata.resourceVersion: ""`, as kubectl does.
 */
import { qualifiedResource } from '../../model/kinds';
import type { KObject } from '../../model/objects';
import { toKubectlYaml } from './yamlEmitter';

function asDocument(objects: KObject[], single: boolean | undefined): Record<string, unknown> {
  const one = single ?? objects.length === 1;
  const first = objects[0];
  if (one && first) return first as Record<string, unknown>;
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * `-o yaml`. With `single` undefined, one object prints as itself and several
 * as a List; `single: true` prints the first object (a `get <kind> <name>`),
 * `single: false` always prints a List (a list query, even of one item).
 */
export function printYaml(objects: KObject[], single?: boolean): string {
  return toKubectlYaml(asDocument(objects, single));
}

/** `-o json`: Go's 4-space indented JSON with sorted keys; `single` as for printYaml. */
export function printJson(objects: KObject[], single?: boolean): string {
  return `${goJson(asDocument(objects, single), '')}\n`;
}

/** `-o name`: `pod/web-0`, `statefulset.apps/web`, one per line, no trailing newline. */
export function printNames(objects: KObject[]): string {
  return objects.map((o) => `${qualifiedResource(o.kind)}/${o.metadata.name}`).join('\n');
}

/** Go `encoding/json` string escaping, including its HTML-safe escapes. */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

function goJson(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + goJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${goJsonString(k)}: ${goJson(v, inner)}`).join(',\n')}\n${indent}}`;
}
