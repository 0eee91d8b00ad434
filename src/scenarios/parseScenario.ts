/**
 * Reads a Scenario file (`apiVersion: ordinal.dev/v1alpha1`, `kind: Scenario`)
 * with diagnostics that name line and column, and enforces the limits.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { checkFile } from '../kubectl/commands/apply';
import type { Diagnostic } from '../manifest/diagnostics';
import { parseQuantity } from '../model/quantity';
import { SCENARIO_LIMITS, type Scenario } from './scenario';

type Pos = { line: number; column: number };

/**
 * Static problems of one workspace file (YAML syntax, unknown fields, API
 * validation), positioned in the scenario file: a block scalar's content
 * starts on the line after its `|` and is indented.
 */
function fileDiagnostics(text: string, name: string, value: string, node: YamlNode, lines: LineCounter, file?: string): Diagnostic[] {
  const found = checkFile(value, name);
  if (!found.length) return [];
  const headerLine = lines.linePos(node.range?.[0] ?? 0).line;
  const firstContent = text.split('\n')[headerLine] ?? '';
  const indent = firstContent.length - firstContent.trimStart().length;
  const inline = !isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED');
  return found.map((d) => ({
    ...d,
    file,
    line: d.line === undefined ? undefined : inline ? headerLine : headerLine + d.line,
    column: d.column === undefined ? undefined : inline ? d.column : indent + d.column,
    message: `${name}: ${d.message}`,
  }));
}

export function parseScenario(text: string, fileName?: string): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const file = fileName;
  const fail = (message: string, pos?: Pos) => {
    diagnostics.push({ file, line: pos?.line, column: pos?.column, message, severity: 'error' });
    return { diagnostics };
  };
  if (text.length > SCENARIO_LIMITS.maxFileBytes * 4) return fail(`scenario is too large (${text.length} bytes; the limit is ${SCENARIO_LIMITS.maxFileBytes * 4})`);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const posOf = (node: YamlNode | null | undefined): Pos | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const err of doc.errors) {
    const p = lines.linePos(err.pos[0]);
    diagnostics.push({ file, line: p.line, column: p.col, message: err.message.split('\n')[0] ?? err.message, severity: 'error' });
  }
  if (diagnostics.length) return { diagnostics };
  const root = doc.contents;
  if (!isMap(root)) return fail('a scenario file must be a YAML mapping with apiVersion, kind, metadata and spec', posOf(root));
  const get = (node: unknown, key: string) => (isMap(node) ? node.get(key, true) : undefined) as YamlNode | undefined;
  const str = (node: YamlNode | undefined) => (isScalar(node) && node.value !== null ? String(node.value) : undefined);
  if (str(get(root, 'apiVersion')) !== 'ordinal.dev/v1alpha1') return fail('apiVersion must be ordinal.dev/v1alpha1', posOf(get(root, 'apiVersion') ?? root));
  if (str(get(root, 'kind')) !== 'Scenario') return fail('kind must be Scenario', posOf(get(root, 'kind') ?? root));
  const metadata = get(root, 'metadata');
  const name = str(get(metadata, 'name'));
  if (!name) return fail('metadata.name is required', posOf(metadata ?? root));
  const spec = get(root, 'spec');
  if (!isMap(spec)) return fail('spec is required and must be a mapping', posOf(spec ?? root));
  const known = new Set(['seed', 'startTime', 'cluster', 'timing', 'files', 'script']);
  for (const item of spec.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    if (!known.has(key)) return fail(`unknown field "spec.${key}"`, posOf(item.key as YamlNode));
  }
  const seedNode = get(spec, 'seed');
  const seed = seedNode === undefined ? 1 : Number(str(seedNode));
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) return fail('spec.seed must be a whole number from 0 to 4294967295', posOf(seedNode));
  const files: Record<string, string> = {};
  const filesNode = get(spec, 'files');
  if (filesNode !== undefined) {
    if (!isMap(filesNode)) return fail('spec.files must map file names to YAML text', posOf(filesNode));
    if (filesNode.items.length > SCENARIO_LIMITS.maxFiles) return fail(`too many files (${filesNode.items.length}; the limit is ${SCENARIO_LIMITS.maxFiles})`, posOf(filesNode));
    for (const item of filesNode.items) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      const value = isScalar(item.value) ? item.value.value : undefined;
      if (!/^[\w.-]+$/.test(key)) return fail(`invalid file name "${key}" (letters, digits, ".", "-" and "_" only)`, posOf(item.key as YamlNode));
      if (typeof value !== 'string') return fail(`spec.files.${key} must be a block of YAML text (use "|")`, posOf(item.value as YamlNode));
      if (value.length > SCENARIO_LIMITS.maxFileBytes) return fail(`file ${key} is too large (${value.length} bytes; the limit is ${SCENARIO_LIMITS.maxFileBytes})`, posOf(item.value as YamlNode));
      files[key] = value;
      diagnostics.push(...fileDiagnostics(text, key, value, item.value as YamlNode, lines, file));
    }
    if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  }
  const script: string[] = [];
  const scriptNode = get(spec, 'script');
  if (scriptNode !== undefined) {
    if (!isSeq(scriptNode)) return fail('spec.script must be a list of command lines', posOf(scriptNode));
    if (scriptNode.items.length > SCENARIO_LIMITS.maxScriptLines) return fail(`script is too long (${scriptNode.items.length} lines; the limit is ${SCENARIO_LIMITS.maxScriptLines})`, posOf(scriptNode));
    for (const item of scriptNode.items) {
      const line = str(item as YamlNode);
      if (line === undefined) return fail('each script line must be a string', posOf(item as YamlNode));
      script.push(line);
    }
  }
  const scenario: Scenario = { name, seed, files, script };
  const title = str(get(metadata, 'title'));
  if (title) scenario.title = title;
  const start = str(get(spec, 'startTime'));
  if (start) {
    if (Number.isNaN(Date.parse(start))) return fail(`spec.startTime "${start}" is not an RFC 3339 time`, posOf(get(spec, 'startTime')));
    scenario.startTime = start;
  }
  let plain: { spec?: { timing?: Scenario['timing']; cluster?: Scenario['cluster'] } };
  try {
    plain = doc.toJS({ maxAliasCount: 100 }) as typeof plain;
  } catch (e) {
    return fail(`the scenario could not be read: ${(e as Error).message}`);
  }
  if (plain.spec?.timing !== undefined) scenario.timing = plain.spec.timing;
  const cluster = get(spec, 'cluster');
  if (cluster !== undefined) {
    const json = plain.spec?.cluster;
    const nodes = json?.nodes ?? [];
    if (nodes.length > SCENARIO_LIMITS.maxNodes) return fail(`too many nodes (${nodes.length}; the limit is ${SCENARIO_LIMITS.maxNodes})`, posOf(cluster));
    for (const n of nodes) {
      if (!n?.name) return fail('every node needs a name', posOf(cluster));
      if (n.cpu !== undefined && parseQuantity(String(n.cpu)) === undefined) return fail(`node ${n.name}: invalid cpu "${n.cpu}"`, posOf(cluster));
      if (n.memory !== undefined && parseQuantity(String(n.memory)) === undefined) return fail(`node ${n.name}: invalid memory "${n.memory}"`, posOf(cluster));
      if (n.cpu !== undefined) n.cpu = String(n.cpu);
    }
    scenario.cluster = json;
  }
  return { scenario, diagnostics };
}
