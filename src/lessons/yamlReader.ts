/**
 * Typed reads of YAML nodes for the lesson parser: each read either returns a value or throws a
 * `LessonSyntaxError` that knows the line and column of the offending node, so every message of
 * `parseLesson` points at the place to fix.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic } from '../manifest/diagnostics';
import { LESSON_LANGUAGES, type LocalizedText } from './lesson';

/** A problem in a lesson file, at a node. */
export class LessonSyntaxError extends Error {
  constructor(
    message: string,
    readonly node: unknown,
  ) {
    super(message);
  }
}

/** Reads nodes of one document; collects warnings (missing translations) as it goes. */
export class YamlReader {
  readonly warnings: Diagnostic[] = [];

  constructor(
    private readonly lines: LineCounter,
    private readonly file: string | undefined,
  ) {}

  /** Line and column (1-based) of a node. */
  position(node: unknown): { line?: number; column?: number } {
    const offset = (node as YamlNode | undefined)?.range?.[0];
    if (offset === undefined) return {};
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /** An error diagnostic at a node. */
  diagnostic(message: string, node: unknown, severity: Diagnostic['severity'] = 'error'): Diagnostic {
    return { file: this.file, ...this.position(node), message, severity };
  }

  map(node: unknown, where: string): YAMLMap {
    if (!isMap(node)) throw new LessonSyntaxError(`${where} must be a mapping`, node);
    return node;
  }

  seq(node: unknown, where: string): YAMLSeq {
    if (!isSeq(node)) throw new LessonSyntaxError(`${where} must be a list`, node);
    return node;
  }

  /** The value node under `key`, or undefined. */
  get(map: YAMLMap, key: string): unknown {
    return map.get(key, true);
  }

  /** The keys of a mapping, in order, with their key nodes. */
  keys(map: YAMLMap): { key: string; node: unknown }[] {
    return map.items.map((item) => ({ key: isScalar(item.key) ? String(item.key.value) : '', node: item.key }));
  }

  /** Fails on the first key not in `allowed`. */
  onlyKeys(map: YAMLMap, allowed: readonly string[], where: string): void {
    for (const { key, node } of this.keys(map)) {
      if (!allowed.includes(key)) throw new LessonSyntaxError(`unknown field "${where}.${key}" (expected one of: ${allowed.join(', ')})`, node);
    }
  }

  /** A required (or, with `optional`, possibly absent) field of a mapping. */
  field(map: YAMLMap, key: string, where: string, optional: true): unknown;
  field(map: YAMLMap, key: string, where: string, optional?: false): NonNullable<unknown>;
  field(map: YAMLMap, key: string, where: string, optional = false): unknown {
    const node = this.get(map, key);
    if (node === undefined && !optional) throw new LessonSyntaxError(`${where}.${key} is required`, map);
    return node;
  }

  string(node: unknown, where: string): string {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') throw new LessonSyntaxError(`${where} must be text`, node);
    const text = String(node.value);
    if (!text.trim()) throw new LessonSyntaxError(`${where} must not be empty`, node);
    return text;
  }

  boolean(node: unknown, where: string): boolean {
    if (!isScalar(node) || typeof node.value !== 'boolean') throw new LessonSyntaxError(`${where} must be true or false`, node);
    return node.value;
  }

  /** A whole number from `min`. */
  integer(node: unknown, where: string, min = 0): number {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value) || node.value < min) {
      throw new LessonSyntaxError(`${where} must be a whole number from ${min}`, node);
    }
    return node.value;
  }

  /** One of `values`. */
  oneOf<T extends string>(node: unknown, values: readonly T[], where: string): T {
    const text = this.string(node, where);
    if (!(values as readonly string[]).includes(text)) throw new LessonSyntaxError(`${where} must be one of: ${values.join(', ')} (not "${text}")`, node);
    return text as T;
  }

  /** A list of non-empty strings. */
  strings(node: unknown, where: string): string[] {
    return this.seq(node, where).items.map((item, i) => this.string(item, `${where}[${i}]`));
  }

  /**
   * `{en: …, vi: …, zh-Hant: …}`. English is required; a missing translation is a warning (the
   * interface then shows the English text) and is left as an empty string.
   */
  localized(node: unknown, where: string): LocalizedText {
    const map = this.map(node, `${where} (a text in every language: {en: …, vi: …, zh-Hant: …})`);
    this.onlyKeys(map, LESSON_LANGUAGES, where);
    const text = { en: '', vi: '', 'zh-Hant': '' } as LocalizedText;
    for (const language of LESSON_LANGUAGES) {
      const value = this.get(map, language);
      if (value === undefined) {
        if (language === 'en') throw new LessonSyntaxError(`${where}.en is required`, map);
        this.warnings.push(this.diagnostic(`${where} has no ${language} text`, map, 'warning'));
        continue;
      }
      text[language] = this.string(value, `${where}.${language}`);
    }
    return text;
  }
}
