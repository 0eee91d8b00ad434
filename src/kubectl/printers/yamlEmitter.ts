/**
 * YAML text exactly as `kubectl get -o yaml` writes it. kubectl marshals with
 * `sigs.k8s.io/yaml` (JSON → go-yaml v2), so the output is go-yaml v2's block
 * style, reproduced here for JSON-shaped data:
 *
 * - map keys in go-yaml's natural order (`keyList.Less`: letters after
 *   non-letters, digit runs compared as numbers) — effectively alphabetical;
 * - sequences inside mappings are not indented (`- ` under the parent key);
 * - strings plain when possible, `"double-quoted"` when they would read back as
 *   another type (`"0"`, `"true"`, `""`, `"2025-01-01T00:00:03Z"`, `"1:20"`),
 *   `'single-quoted'` when plain is not allowed (a cron schedule starting with `*`, text with `: `),
 *   `|` literal blocks for multi-line text (libyaml `analyze_scalar` /
 *   `select_scalar_style`);
 * - long flow scalars folded at a space once the line passed 80 columns
 *   (libyaml's `best_width`), continuation lines indented two more than their key.
 *
 * Hand-written rather than configured from the `yaml` package because that
 * package folds *before* the limit and picks quote styles differently; the
 * tests parse this output back with `yaml` to check it round-trips.
 */

const BEST_WIDTH = 80;

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** go-yaml v2 `keyList.Less` for string keys, as a comparator. */
export function compareYamlKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return (ac.codePointAt(0) ?? 0) - (bc.codePointAt(0) ?? 0);
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + ((ar[ai] as string).charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + ((br[bi] as string).charCodeAt(0) - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return (ac.codePointAt(0) ?? 0) - (bc.codePointAt(0) ?? 0);
  }
  return ar.length - br.length;
}

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const TIMESTAMPS = [
  /^\d{4}-\d{1,2}-\d{1,2}$/,
  /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?$/,
];
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when go-yaml v2's `resolve("", s)` would read `s` back as something other than a string. */
export function resolvesToNonString(s: string): boolean {
  const first = s[0];
  if (s === '' || RESOLVE_MAP.has(s)) return true;
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (first === '+' || first === '-' || isDigit(first)) {
    if (TIMESTAMPS.some((re) => re.test(s))) return true;
    const plain = s.replace(/_/g, '');
    if (GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

function isBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
}

function isPrintable(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

// libyaml yaml_emitter_analyze_scalar, block context only.
function analyze(value: string): Analysis {
  const chars = [...value];
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((ch === ':' && followedByWhitespace) || (ch === '#' && precededByWhitespace)) {
      blockIndicators = true;
    }
    if (!isPrintable(ch)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak(ch);
  });
  const blockPlainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak || special || lineBreaks || blockIndicators);
  const singleQuotedAllowed = !(breakSpace || spaceBreak || special);
  const blockAllowed = !(trailingSpace || spaceBreak || special);
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** The style go-yaml v2 + libyaml pick for a string (`simpleKey` for map keys). */
export function scalarStyle(s: string, simpleKey = false): Style {
  let style: Style = s.includes('\n') ? 'literal' : resolvesToNonString(s) || BASE60_FLOAT.test(s) ? 'double' : 'plain';
  const a = analyze(s);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\x0b': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function escapeChar(ch: string): string {
  const known = ESCAPES[ch];
  if (known !== undefined) return `\\${known}`;
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** Writes text while tracking the output column, like libyaml's emitter. */
class Output {
  private readonly parts: string[] = [];
  column = 0;
  /** A keep-chomped (`|+`) block ended the output so far: libyaml then closes the document with `...`. */
  openEnded = false;

  put(text: string): void {
    this.parts.push(text);
    const nl = text.lastIndexOf('\n');
    this.column = nl >= 0 ? [...text.slice(nl + 1)].length : this.column + [...text].length;
  }

  /** Starts a new line at `indent` (no break when already at the start of a line). */
  newLine(indent: number): void {
    if (this.column > 0) this.put('\n');
    this.put(' '.repeat(indent));
  }

  text(): string {
    return this.parts.join('');
  }
}

function writeFlowScalar(out: Output, s: string, style: 'plain' | 'single' | 'double', indent: number, allowBreaks: boolean): void {
  const chars = [...s];
  const quote = style === 'single' ? "'" : style === 'double' ? '"' : '';
  out.put(quote);
  let spaces = false;
  chars.forEach((ch, i) => {
    if (style === 'double' && (!isPrintable(ch) || isBreak(ch) || ch === '"' || ch === '\\')) {
      out.put(escapeChar(ch));
      spaces = false;
      return;
    }
    if (ch === ' ') {
      const next = chars[i + 1];
      const canBreak =
        allowBreaks && !spaces && out.column > BEST_WIDTH &&
        (style === 'plain' ? next !== ' ' : style === 'single' ? i > 0 && i < chars.length - 1 && next !== ' ' : i > 0 && i < chars.length - 1);
      if (canBreak) {
        out.put(`\n${' '.repeat(indent)}`);
        if (style === 'double' && next === ' ') out.put('\\');
      } else {
        out.put(' ');
      }
      spaces = true;
      return;
    }
    out.put(style === 'single' && ch === "'" ? "''" : ch);
    spaces = false;
  });
  out.put(quote);
}

function writeLiteral(out: Output, s: string, indent: number): void {
  const chars = [...s];
  let hints = isBreak(chars[0]) || chars[0] === ' ' ? '2' : '';
  const last = chars.length - 1;
  if (!isBreak(chars[last])) hints += '-';
  else if (last === 0 || isBreak(chars[last - 1])) hints += '+';
  out.put(`|${hints}\n`);
  const keep = hints.endsWith('+');
  let breaks = true;
  for (const ch of chars) {
    if (isBreak(ch)) {
      out.put('\n');
      breaks = true;
    } else {
      if (breaks) out.put(' '.repeat(indent));
      breaks = false;
      out.put(ch);
    }
  }
  out.openEnded = keep;
}

/** Writes a string scalar in its go-yaml style; `indent` is where continuation lines start. */
function writeString(out: Output, s: string, indent: number, simpleKey: boolean): void {
  out.openEnded = false;
  const style = scalarStyle(s, simpleKey);
  if (style === 'literal') writeLiteral(out, s, indent);
  else writeFlowScalar(out, s, style, indent, !simpleKey);
}

/** strconv.FormatFloat(f, 'g', -1, 64) plus go-yaml's `.inf`/`.nan`. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const [mantissa = '0', expText = '0'] = n.toExponential().split('e');
  const exp = Number(expText);
  // Shortest %g switches to exponent form from 1e6 up (strconv's eprec 6).
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

function isEmptyCollection(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (v !== null && typeof v === 'object') return Object.keys(definedEntries(v as Record<string, unknown>)).length === 0 ? '{}' : undefined;
  return undefined;
}

function definedEntries(map: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(map)) if (v !== undefined) out[k] = v;
  return out;
}

function writeValue(out: Output, value: unknown, indent: number): void {
  // `indent` is the column of the key or dash owning this value.
  const empty = isEmptyCollection(value);
  if (empty !== undefined) return out.put(` ${empty}`);
  if (Array.isArray(value)) return writeSequence(out, value, indent, false);
  if (value !== null && typeof value === 'object') return writeMapping(out, value as Record<string, unknown>, indent + 2, false);
  out.put(' ');
  writeScalar(out, value, indent + 2);
}

function writeScalar(out: Output, value: unknown, indent: number): void {
  out.openEnded = false;
  if (value === null || value === undefined) out.put('null');
  else if (typeof value === 'boolean') out.put(String(value));
  else if (typeof value === 'number') out.put(Number.isInteger(value) ? String(value) : goFloat(value));
  else writeString(out, String(value), indent, false);
}

function writeMapping(out: Output, map: Record<string, unknown>, indent: number, inline: boolean): void {
  const entries = definedEntries(map);
  Object.keys(entries)
    .sort(compareYamlKeys)
    .forEach((key, i) => {
      if (i > 0 || !inline) out.newLine(indent);
      writeString(out, key, indent, true);
      out.put(':');
      writeValue(out, entries[key], indent);
    });
}

function writeSequence(out: Output, items: unknown[], indent: number, inline: boolean): void {
  items.forEach((item, i) => {
    if (i > 0 || !inline) out.newLine(indent);
    out.openEnded = false;
    out.put('-');
    const empty = isEmptyCollection(item);
    if (empty !== undefined) return out.put(` ${empty}`);
    out.put(' ');
    if (Array.isArray(item)) writeSequence(out, item, indent + 2, true);
    else if (item !== null && typeof item === 'object') writeMapping(out, item as Record<string, unknown>, indent + 2, true);
    else writeScalar(out, item, indent + 2);
  });
}

/** Marshals JSON-shaped data (a mapping at the top) as kubectl prints it; ends with a newline. */
export function toKubectlYaml(value: Record<string, unknown>): string {
  const out = new Output();
  const empty = isEmptyCollection(value);
  if (empty !== undefined) return `${empty}\n`;
  writeMapping(out, value, 0, true);
  if (out.column > 0) out.put('\n');
  if (out.openEnded) out.put('...\n');
  return out.text();
}
