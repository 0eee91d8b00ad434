/**
 * Parses one line of the exec shell into lists of pipelines, enough of POSIX
 * `sh` for the seeds' demos: words with '…' and "…" quoting and `\` escapes;
 * `$VAR`, `${VAR}`, `$?`, `$(cmd)` and backquotes (also inside "…"); `;`,
 * `&&`, `||`, `|`; redirections `>`, `>>`, `<`, `2>`, `2>>`, `2>&1`, `>&2`;
 * `NAME=value` assignments; `#` comments. Error texts follow busybox ash.
 *
 * Left out: control structures (`if`, `for`, `while`, functions), subshells
 * `( )` and groups `{ }`, here-documents, arithmetic, background jobs (`&`
 * runs in the foreground).
 */

/** A piece of a word; `quoted` parts are not field-split or globbed. */
export type WordPart =
  | { kind: 'text'; value: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'subst'; script: string; quoted: boolean };

/** A shell word: its parts are concatenated after expansion. */
export type Word = WordPart[];

/** `fd> target`, `fd>> target`, `fd< target`, or `fd>&dupFd`. */
export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target?: Word;
  dupFd?: number;
}

/** `NAME=value… word… redirections…`. */
export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}

/** One pipeline and the operator that joins it to the previous one. */
export interface ListItem {
  connector: ';' | '&&' | '||';
  pipeline: SimpleCommand[];
}

type Token = { t: 'word'; word: Word } | { t: 'op'; op: ';' | '&&' | '||' | '|' } | { t: 'redir'; fd: number; op: Redirect['op']; dupFd?: number };

/** A parse failure, with the text `sh` prints. */
export class ShellSyntaxError extends Error {}

const OPERATOR_CHARS = new Set([';', '&', '|', '<', '>', '\n']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Index just past the `)` closing the `$(` whose body starts at `start`. */
function matchParen(src: string, start: number): number {
  let depth = 1;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === "'") {
      i = src.indexOf("'", i + 1);
      if (i < 0) break;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  throw new ShellSyntaxError('sh: syntax error: unterminated $(');
}

/** Reads a `$…` expansion at `i` (pointing at `$`). */
function readDollar(src: string, i: number, quoted: boolean): { part: WordPart; next: number } {
  const rest = src.slice(i + 1);
  if (rest.startsWith('(')) {
    const end = matchParen(src, i + 2);
    return { part: { kind: 'subst', script: src.slice(i + 2, end - 1), quoted }, next: end };
  }
  if (rest.startsWith('{')) {
    const close = src.indexOf('}', i + 2);
    if (close < 0) throw new ShellSyntaxError('sh: syntax error: missing }');
    return { part: { kind: 'var', name: src.slice(i + 2, close), quoted }, next: close + 1 };
  }
  const special = /^[?$#0-9]/.exec(rest);
  if (special) return { part: { kind: 'var', name: special[0], quoted }, next: i + 2 };
  const name = NAME.exec(rest);
  if (name) return { part: { kind: 'var', name: name[0], quoted }, next: i + 1 + name[0].length };
  return { part: { kind: 'text', value: '$', quoted }, next: i + 1 };
}

function readBackquote(src: string, i: number, quoted: boolean): { part: WordPart; next: number } {
  const close = src.indexOf('`', i + 1);
  if (close < 0) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
  return { part: { kind: 'subst', script: src.slice(i + 1, close), quoted }, next: close + 1 };
}

/** Reads a "…" string starting after the opening quote; returns its parts and the index after the closing quote. */
function readDoubleQuoted(src: string, start: number): { parts: WordPart[]; next: number } {
  const parts: WordPart[] = [];
  let text = '';
  const flush = () => {
    parts.push({ kind: 'text', value: text, quoted: true });
    text = '';
  };
  let i = start;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '"') {
      flush();
      return { parts, next: i + 1 };
    }
    if (c === '\\' && i + 1 < src.length && '$`"\\\n'.includes(src[i + 1] as string)) {
      text += src[i + 1];
      i += 2;
    } else if (c === '$' || c === '`') {
      flush();
      const r = c === '$' ? readDollar(src, i, true) : readBackquote(src, i, true);
      parts.push(r.part);
      i = r.next;
    } else {
      text += c;
      i++;
    }
  }
  throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
}

function readWord(src: string, start: number): { word: Word; next: number } {
  const word: Word = [];
  let text = '';
  const flush = () => {
    if (text) word.push({ kind: 'text', value: text, quoted: false });
    text = '';
  };
  let i = start;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || OPERATOR_CHARS.has(c)) break;
    if (c === '\\') {
      flush();
      if (i + 1 < src.length && src[i + 1] !== '\n') word.push({ kind: 'text', value: src[i + 1] as string, quoted: true });
      i += 2;
    } else if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
      flush();
      word.push({ kind: 'text', value: src.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else if (c === '"') {
      flush();
      const r = readDoubleQuoted(src, i + 1);
      word.push(...r.parts);
      i = r.next;
    } else if (c === '$' || c === '`') {
      flush();
      const r = c === '$' ? readDollar(src, i, false) : readBackquote(src, i, false);
      word.push(r.part);
      i = r.next;
    } else {
      text += c;
      i++;
    }
  }
  flush();
  return { word, next: i };
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const two = src.slice(i, i + 2);
    if (c === ' ' || c === '\t') i++;
    else if (c === '#') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
    } else if (two === '&&' || two === '||') {
      tokens.push({ t: 'op', op: two });
      i += 2;
    } else if (c === ';' || c === '\n' || c === '&') {
      tokens.push({ t: 'op', op: ';' });
      i++;
    } else if (c === '|') {
      tokens.push({ t: 'op', op: '|' });
      i++;
    } else {
      const redir = /^(\d?)(>>|>&|>|<)(\d?)/.exec(src.slice(i));
      if (redir && (redir[1] || c === '<' || c === '>')) {
        const op = redir[2] as Redirect['op'];
        const fd = redir[1] ? Number(redir[1]) : op === '<' ? 0 : 1;
        if (op === '>&') {
          if (!redir[3]) throw new ShellSyntaxError('sh: syntax error: bad fd number');
          tokens.push({ t: 'redir', fd, op, dupFd: Number(redir[3]) });
          i += redir[0].length;
        } else {
          tokens.push({ t: 'redir', fd, op });
          i += (redir[1] ?? '').length + op.length;
        }
      } else {
        const r = readWord(src, i);
        tokens.push({ t: 'word', word: r.word });
        i = r.next;
      }
    }
  }
  return tokens;
}

/** The literal text of a word when it is a plain unquoted name (for `NAME=value`). */
function assignmentOf(word: Word): { name: string; value: Word } | undefined {
  const first = word[0];
  if (!first || first.kind !== 'text' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
  if (!m) return undefined;
  const rest = first.value.slice(m[0].length);
  return { name: m[1] as string, value: [...(rest ? [{ ...first, value: rest }] : []), ...word.slice(1)] };
}

/** Parses a shell line. Throws `ShellSyntaxError` with ash's message on bad input. */
export function parseShell(src: string): ListItem[] {
  const tokens = tokenize(src);
  const list: ListItem[] = [];
  let connector: ListItem['connector'] = ';';
  let pipeline: SimpleCommand[] = [];
  let cmd: SimpleCommand = { assignments: [], words: [], redirects: [] };
  const empty = (c: SimpleCommand) => c.words.length === 0 && c.assignments.length === 0 && c.redirects.length === 0;
  const unexpected = (op: string) => new ShellSyntaxError(`sh: syntax error: unexpected "${op}"`);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (tok.t === 'word') {
      const assignment = cmd.words.length === 0 ? assignmentOf(tok.word) : undefined;
      if (assignment) cmd.assignments.push(assignment);
      else cmd.words.push(tok.word);
    } else if (tok.t === 'redir') {
      if (tok.op === '>&') {
        cmd.redirects.push({ fd: tok.fd, op: tok.op, dupFd: tok.dupFd });
        continue;
      }
      const next = tokens[i + 1];
      if (next?.t !== 'word') throw new ShellSyntaxError('sh: syntax error: unexpected newline');
      cmd.redirects.push({ fd: tok.fd, op: tok.op, target: next.word });
      i++;
    } else if (tok.op === '|') {
      if (empty(cmd)) throw unexpected('|');
      pipeline.push(cmd);
      cmd = { assignments: [], words: [], redirects: [] };
    } else {
      if (empty(cmd)) {
        // An empty statement is fine before ';' ("a; ; b", a trailing ';'), not around '&&', '||' or '|'.
        if (pipeline.length > 0 || tok.op !== ';' || connector !== ';') throw unexpected(tok.op);
        continue;
      }
      pipeline.push(cmd);
      list.push({ connector, pipeline });
      connector = tok.op;
      pipeline = [];
      cmd = { assignments: [], words: [], redirects: [] };
    }
  }
  if (!empty(cmd)) pipeline.push(cmd);
  else if (pipeline.length > 0 || connector !== ';') throw new ShellSyntaxError('sh: syntax error: unexpected end of file');
  if (pipeline.length > 0) list.push({ connector, pipeline });
  return list;
}
