/**
 * YAML text → Kubernetes objects with source positions, using the `yaml` package
 * (`parseAllDocuments` + `LineCounter`; toolchain notes §1).
 *
 * Fidelity to kubectl, which reads YAML with go-yaml v2 (YAML 1.1): `yes`/`no`/`on`/`off` are
 * booleans and `0755` is octal, so `value: yes` in an env var is a type error as it is in a real
 * cluster; timestamps and sexagesimal numbers stay strings (go-yaml does not resolve them either).
 * Empty documents (only comments, `---` separators, `~`) are skipped.
 *
 * Limits (DESIGN §3): files over 1 MB, more than 500 documents and nesting deeper than 100 levels
 * are refused with a message naming the limit; alias expansion is capped (`maxAliasCount`), which
 * defuses "billion laughs" files.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { KObject } from '../model/objects';
import { kindInfo, type KindInfo } from '../model/kinds';
import { emptyNameError, noKindMatchError, notAnObjectError, validationDataError, yamlParseError } from './apiErrors';
import type { Diagnostic } from './diagnostics';
import type { FieldPath } from './schemaValidator';

/** Largest manifest file accepted, in bytes (UTF-8). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Most documents accepted in one file. */
export const MAX_DOCUMENTS = 500;
/** Most alias dereferences while building one document (the `yaml` package's `maxAliasCount`). */
export const MAX_ALIAS_COUNT = 100;
/**
 * Deepest nesting accepted. The `yaml` parser recurses per level; around a thousand levels it
 * overflows the stack, and V8 may then abort the whole worker instead of throwing.
 */
export const MAX_NESTING = 100;

/** A 1-based line/column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A 1-based range; the end is exclusive. */
export interface SourceRange extends SourcePosition {
  endLine: number;
  endColumn: number;
}

/** One non-empty document of a manifest file. */
export interface ParsedDocument {
  /**
   * The object, when the document parsed and is a mapping with string `apiVersion`, `kind` and
   * `metadata.name`. Check `kubectlError` too: it is also set for kinds the cluster does not serve.
   */
  object: KObject | undefined;
  /** The document as plain data (whatever it is), or undefined when YAML errors prevented it. */
  value: unknown;
  /** 0-based number of the document in the file, counting empty ones (`---` separated). */
  index: number;
  /** Where the document's content starts. */
  range: SourcePosition;
  /** Where the key (for a mapping entry) or the item (for a list element) at `path` is; undefined if absent. */
  positionOf(path: FieldPath): SourcePosition | undefined;
  /** Like `positionOf`, with the end of the key or item token. */
  rangeOf(path: FieldPath): SourceRange | undefined;
  /** The range at `path`, or of its deepest existing ancestor, or of the document start. */
  nearestRangeOf(path: FieldPath): SourceRange;
  /** When kubectl itself refuses this document before contacting the server: its message (no `error: ` prefix). */
  kubectlError?: string;
}

/** UTF-8 length of a string without TextEncoder (not in the ES2022 lib). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const BLOCK_SCALAR = /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?$/;

/**
 * An upper bound of the YAML nesting depth, found by a cheap line scan (indentation levels,
 * compact `- - x` items, flow brackets outside quotes and comments; block scalar bodies skipped),
 * so that the parser is never handed a file that could exhaust its stack.
 */
export function nestingDepth(text: string): number {
  let max = 0;
  let flow = 0;
  const indents: number[] = [];
  let scalarIndent = -1;
  for (const line of text.split('\n')) {
    let i = 0;
    while (line[i] === ' ') i++;
    const blank = i === line.length || line[i] === '#' || line[i] === '\r';
    if (scalarIndent >= 0 && (blank || i > scalarIndent)) continue;
    scalarIndent = -1;
    if (blank) continue;
    if (flow === 0) {
      while (indents.length && (indents[indents.length - 1] as number) >= i) indents.pop();
      indents.push(i);
    }
    let j = i;
    let dashes = 0;
    while (line[j] === '-' && line[j + 1] === ' ') {
      dashes++;
      j += 2;
      while (line[j] === ' ') j++;
    }
    let quote = '';
    for (let k = j; k < line.length; k++) {
      const c = line[k] as string;
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if ((c === '"' || c === "'") && (k === j || ' ,[{:'.includes(line[k - 1] as string))) quote = c;
      else if (c === '#' && line[k - 1] === ' ') break;
      else if (c === '[' || c === '{') max = Math.max(max, indents.length + dashes + ++flow);
      else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
    }
    max = Math.max(max, indents.length + dashes + flow);
    if (BLOCK_SCALAR.test(line)) scalarIndent = i;
  }
  return max;
}

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type YamlNode = { range?: [number, number, number] | null };

/** Finds the node for `path`: the key node of the last mapping entry, or the list item. */
function nodeAt(doc: Document, path: FieldPath): { node: YamlNode | undefined; depth: number } {
  let current: unknown = doc.contents;
  let found: YamlNode | undefined = doc.contents as YamlNode | undefined;
  let depth = 0;
  for (const seg of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      found = pair.key as YamlNode;
      current = pair.value;
    } else if (isSeq(current) && typeof seg === 'number') {
      const item = current.items[seg];
      if (item === undefined) break;
      found = item as YamlNode;
      current = item;
    } else break;
    depth++;
  }
  return { node: found, depth };
}

function makeDocument(doc: Document, lc: LineCounter, index: number): Omit<ParsedDocument, 'object' | 'value' | 'kubectlError'> {
  const startOffset = (doc.contents as YamlNode | null)?.range?.[0] ?? doc.range?.[0] ?? 0;
  const start = lc.linePos(startOffset);
  const toRange = (node: YamlNode | undefined): SourceRange => {
    const [from, to] = node?.range ?? [startOffset, startOffset];
    const a = lc.linePos(from);
    const b = lc.linePos(Math.max(from, to));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const rangeOf = (path: FieldPath): SourceRange | undefined => {
    const { node, depth } = nodeAt(doc, path);
    return depth === path.length ? toRange(node) : undefined;
  };
  return {
    index,
    range: { line: start.line, column: start.col },
    rangeOf,
    positionOf: (path) => {
      const r = rangeOf(path);
      return r && { line: r.line, column: r.column };
    },
    nearestRangeOf: (path) => toRange(nodeAt(doc, path).node),
  };
}

/**
 * The kind the cluster serves for this apiVersion/kind pair (kubectl's REST mapping), or undefined
 * for typos (`StatefulSett`) and versions Kubernetes 1.33 no longer serves (`apps/v1beta1`).
 */
export function servedKind(apiVersion: string, kind: string): KindInfo | undefined {
  const info = kindInfo(kind);
  return info && info.apiVersion === apiVersion ? info : undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

/** The JSON kind name Go would use for a non-object document. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/**
 * Parses a multi-document manifest file. `file` names the file in diagnostics and kubectl texts.
 * YAML syntax errors carry the parser's message and position; a document that is not an object or
 * lacks `apiVersion`/`kind` gets a diagnostic and a `kubectlError` (kubectl's own text).
 */
export function parseManifests(text: string, file: string): { documents: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bytes = utf8Length(text);
  if (bytes > MAX_MANIFEST_BYTES) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', source: 'yaml', message: `${file} is ${formatSize(bytes)}: manifest files are limited to 1 MB` });
    return { documents: [], diagnostics };
  }
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', source: 'yaml', message: `${file} nests ${depth} levels deep: manifests are limited to ${MAX_NESTING} levels` });
    return { documents: [], diagnostics };
  }
  const lc = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, {
      lineCounter: lc,
      version: '1.1',
      customTags: (tags) => tags.filter((t) => !(typeof t === 'object' && (t.tag === 'tag:yaml.org,2002:timestamp' || t.format === 'TIME'))),
    });
  } catch (e) {
    // The parser reports its own errors as diagnostics; a throw is a resource problem (stack).
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', source: 'yaml', message: `${file} cannot be parsed: ${e instanceof Error ? e.message : String(e)}` });
    return { documents: [], diagnostics };
  }
  const all = Array.isArray(docs) ? docs : [];
  if (all.length > MAX_DOCUMENTS) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', source: 'yaml', message: `${file} has ${all.length} documents: manifest files are limited to ${MAX_DOCUMENTS} documents` });
    return { documents: [], diagnostics };
  }
  const documents: ParsedDocument[] = [];
  all.forEach((doc, index) => {
    const base = makeDocument(doc, lc, index);
    for (const warning of doc.warnings) {
      const at = lc.linePos(warning.pos[0]);
      diagnostics.push({ file, line: at.line, column: at.col, severity: 'warning', source: 'yaml', message: warning.message.split(' at line ')[0] as string });
    }
    if (doc.errors.length) {
      let kubectlError: string | undefined;
      for (const error of doc.errors) {
        const at = lc.linePos(error.pos[0]);
        const end = lc.linePos(Math.max(error.pos[0], error.pos[1]));
        const message = error.message.split(' at line ')[0] as string;
        diagnostics.push({ file, line: at.line, column: at.col, endLine: end.line, endColumn: end.col, severity: 'error', source: 'yaml', message });
        kubectlError ??= yamlParseError(file, at.line, message);
      }
      documents.push({ ...base, object: undefined, value: undefined, kubectlError });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const message = /alias/i.test(reason) ? `${reason}: more than ${MAX_ALIAS_COUNT} alias expansions in one document are refused` : reason;
      diagnostics.push({ file, line: base.range.line, column: base.range.column, severity: 'error', source: 'yaml', message });
      documents.push({ ...base, object: undefined, value: undefined, kubectlError: yamlParseError(file, base.range.line, message) });
      return;
    }
    if (value === null || value === undefined) return;
    const where = { file, line: base.range.line, column: base.range.column, severity: 'error' as const, source: 'schema' as const };
    if (typeof value !== 'object' || Array.isArray(value)) {
      diagnostics.push({ ...where, message: `document ${index + 1} is ${describe(value)}, not a Kubernetes object (a mapping with apiVersion, kind and metadata)` });
      documents.push({ ...base, object: undefined, value, kubectlError: notAnObjectError(file, jsonKind(value)) });
      return;
    }
    const obj = value as Record<string, unknown>;
    const problems: string[] = [];
    if (typeof obj['apiVersion'] !== 'string' || !obj['apiVersion']) problems.push('apiVersion not set');
    if (typeof obj['kind'] !== 'string' || !obj['kind']) problems.push('kind not set');
    if (problems.length) {
      diagnostics.push({ ...where, message: problems.join(', ') });
      documents.push({ ...base, object: undefined, value, kubectlError: validationDataError(file, problems) });
      return;
    }
    const apiVersion = obj['apiVersion'] as string;
    const kind = obj['kind'] as string;
    const metadata = obj['metadata'];
    const name = metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>)['name'] : undefined;
    const object = typeof name === 'string' && name ? (value as KObject) : undefined;
    const shape = { apiVersion, kind, metadata: { ...(metadata as object), name: typeof name === 'string' ? name : '' } };
    let kubectlError: string | undefined;
    if (!servedKind(apiVersion, kind)) {
      const at = base.nearestRangeOf(['kind']);
      diagnostics.push({ ...where, ...at, message: `no matches for kind "${kind}" in version "${apiVersion}"` });
      kubectlError = noKindMatchError(file, shape);
    } else if (!object) {
      diagnostics.push({ ...where, ...base.nearestRangeOf(['metadata', 'name']), message: 'metadata.name not set: every object needs a name' });
      kubectlError = emptyNameError(file, shape);
    }
    documents.push({ ...base, object, value, kubectlError });
  });
  return { documents, diagnostics };
}
