/**
 * The tiny SQL subset the simulated `mysql` and `psql` clients understand
 * (issue #4: "insert a row, list rows"), enough for the upstream replicated
 * MySQL tutorial's statements:
 *
 * - `CREATE DATABASE [IF NOT EXISTS] name`
 * - `CREATE TABLE [IF NOT EXISTS] name (column type, …)`
 * - `INSERT INTO name [(columns)] VALUES (v, …)[, (…)]`
 * - `SELECT * FROM name`
 *
 * Statements are separated by `;` outside quotes. Values are quoted strings,
 * numbers or NULL. Anything else is a syntax error whose text each client
 * words its own way.
 */

/** One parsed statement. */
export type Statement =
  | { type: 'create-database'; name: string; ifNotExists: boolean }
  | { type: 'create-table'; table: string; columns: string[]; ifNotExists: boolean }
  | { type: 'insert'; table: string; rows: string[][] }
  | { type: 'select'; table: string }
  | { type: 'syntax-error'; near: string; text: string };

interface Token {
  kind: 'word' | 'string' | 'number' | 'punct';
  text: string;
  /** Offset in the statement, for "near …" messages. */
  at: number;
}

function tokenize(sql: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      let text = '';
      for (; j < sql.length; j++) {
        const c = sql[j] as string;
        if (c === '\\' && j + 1 < sql.length) text += sql[++j];
        else if (c === ch && sql[j + 1] === ch) text += sql[++j];
        else if (c === ch) break;
        else text += c;
      }
      if (j >= sql.length) return undefined;
      out.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else if (/[0-9.-]/.test(ch)) {
      const m = /^-?[0-9.]+/.exec(sql.slice(i));
      const text = m?.[0] ?? ch;
      out.push({ kind: m ? 'number' : 'punct', text, at: i });
      i += text.length;
    } else if (/[A-Za-z_`]/.test(ch)) {
      const m = /^(`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*)(\.(`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*))*/.exec(sql.slice(i));
      const text = m?.[0] ?? ch;
      out.push({ kind: 'word', text: text.replace(/`/g, ''), at: i });
      i += text.length;
    } else {
      out.push({ kind: 'punct', text: ch, at: i });
      i++;
    }
  }
  return out;
}

/** Splits a script into statements on `;` outside quotes (empty ones dropped). */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (const ch of script) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ';') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

class Cursor {
  i = 0;
  constructor(
    readonly tokens: Token[],
    readonly sql: string,
  ) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  keyword(...words: string[]): boolean {
    const start = this.i;
    for (const w of words) {
      const t = this.tokens[this.i];
      if (t?.kind !== 'word' || t.text.toUpperCase() !== w) {
        this.i = start;
        return false;
      }
      this.i++;
    }
    return true;
  }
  punct(p: string): boolean {
    if (this.peek()?.kind === 'punct' && this.peek()?.text === p) {
      this.i++;
      return true;
    }
    return false;
  }
  name(): string | undefined {
    const t = this.peek();
    if (t?.kind !== 'word') return undefined;
    this.i++;
    return t.text;
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  error(): Statement {
    const t = this.peek();
    return { type: 'syntax-error', near: t ? this.sql.slice(t.at) : '', text: t?.text ?? '' };
  }
}

function value(c: Cursor): string | undefined {
  const t = c.peek();
  if (!t || t.kind === 'punct') return undefined;
  if (t.kind === 'word' && t.text.toUpperCase() !== 'NULL' && t.text.toUpperCase() !== 'TRUE' && t.text.toUpperCase() !== 'FALSE') return undefined;
  c.i++;
  return t.kind === 'word' ? t.text.toUpperCase() : t.text;
}

function list<T>(c: Cursor, item: (c: Cursor) => T | undefined): T[] | undefined {
  if (!c.punct('(')) return undefined;
  const out: T[] = [];
  do {
    const v = item(c);
    if (v === undefined) return undefined;
    out.push(v);
  } while (c.punct(','));
  return c.punct(')') ? out : undefined;
}

/** A column definition: its name, then the type words (`VARCHAR(250)`, `INT NOT NULL`) skipped. */
function columnDef(c: Cursor): string | undefined {
  const name = c.name();
  if (!name) return undefined;
  let depth = 0;
  for (let t = c.peek(); t && (depth > 0 || (t.text !== ',' && t.text !== ')')); t = c.peek()) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    c.i++;
  }
  return name;
}

/** Parses one statement (no trailing `;`). */
export function parseStatement(sql: string): Statement {
  const tokens = tokenize(sql);
  if (!tokens) return { type: 'syntax-error', near: sql.slice(sql.search(/['"]/)), text: sql.slice(sql.search(/['"]/)) };
  const c = new Cursor(tokens, sql);
  let stmt: Statement | undefined;
  if (c.keyword('CREATE', 'DATABASE') || c.keyword('CREATE', 'SCHEMA')) {
    const ifNotExists = c.keyword('IF', 'NOT', 'EXISTS');
    const name = c.name();
    if (name) stmt = { type: 'create-database', name, ifNotExists };
  } else if (c.keyword('CREATE', 'TABLE')) {
    const ifNotExists = c.keyword('IF', 'NOT', 'EXISTS');
    const table = c.name();
    const columns = table ? list(c, columnDef) : undefined;
    if (table && columns) stmt = { type: 'create-table', table, columns, ifNotExists };
  } else if (c.keyword('INSERT', 'INTO')) {
    const table = c.name();
    if (c.peek()?.text === '(') list(c, (k) => k.name());
    if (table && c.keyword('VALUES')) {
      const rows: string[][] = [];
      do {
        const row = list(c, value);
        if (!row) return c.error();
        rows.push(row);
      } while (c.punct(','));
      stmt = { type: 'insert', table, rows };
    }
  } else if (c.keyword('SELECT')) {
    if (c.punct('*') && c.keyword('FROM')) {
      const table = c.name();
      if (table) stmt = { type: 'select', table };
    }
  }
  return stmt && c.done() ? stmt : c.error();
}

/** The first word of a statement, upper-cased (`INSERT`, `CREATE TABLE`), as read-only errors name it. */
export function statementVerb(stmt: Statement): string {
  if (stmt.type === 'insert') return 'INSERT';
  if (stmt.type === 'create-table') return 'CREATE TABLE';
  if (stmt.type === 'create-database') return 'CREATE DATABASE';
  return 'SELECT';
}
