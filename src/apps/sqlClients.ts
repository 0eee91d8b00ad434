/**
 * The `mysql` and `psql` command-line clients of the database images, for the
 * SQL subset of `sql.ts`: `mysql [-h host] [-u user] [-pPASS] -e "…"` and
 * `psql [-h host] [-U user] [-d db] -c "…"` (or statements on stdin). Output
 * follows each client: mysql's boxed table (as at a terminal, `-t`) and its
 * `ERROR nnnn (SQLSTATE): …` lines; psql's aligned table with `(n rows)`, the
 * command tags (`INSERT 0 1`) and `ERROR:  …` lines. Statements run in order
 * and stop at the first error (exit code 1).
 *
 * Left out: interactive monitors (without statements the client just exits),
 * users and passwords (accepted, not checked), databases as namespaces (a
 * `db.table` name is simply a table name), column lists in SELECT, WHERE.
 */
import { fail, ok, type ExecResult, type ShellCommand, type ShellContext } from '../shell/types';
import { roleOf, type DatabaseKind, type DatabaseServer } from './database';
import { commitWrite, connect, isFailure, selectAll, tableExists, type ConnectFailure, type WriteOutcome } from './dbConnection';
import { parseStatement, splitStatements, statementVerb, type Statement } from './sql';

interface ClientArgs {
  host?: string;
  script?: string;
}

/** Reads the client's options: `scriptFlags` (`-e`/`-c`) carry the statements, `valueFlags` take a value. */
function clientArgs(args: string[], scriptShort: string, scriptLong: string, valueShort: string, attachedOnly: string): ClientArgs {
  const out: ClientArgs = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (long) {
      const value = long[2] ?? (['host', scriptLong, 'user', 'username', 'port', 'database', 'dbname'].includes(long[1] ?? '') ? args[++i] : undefined);
      if (long[1] === 'host') out.host = value;
      if (long[1] === scriptLong) out.script = value;
      continue;
    }
    const short = /^-([A-Za-z])(.*)$/.exec(a);
    if (!short) continue;
    const [, flag = '', attached = ''] = short;
    const takesValue = flag === scriptShort || flag === 'h' || valueShort.includes(flag);
    if (!takesValue) continue;
    if (attachedOnly.includes(flag) && attached === '') continue;
    const value = attached !== '' ? attached : args[++i];
    if (flag === 'h') out.host = value;
    if (flag === scriptShort) out.script = value;
  }
  return out;
}

function statementsOf(ctx: ShellContext, parsed: ClientArgs): string[] {
  return splitStatements(parsed.script ?? ctx.stdin);
}

// ---- mysql -------------------------------------------------------------------------------

const MYSQL_READ_ONLY = 'ERROR 1290 (HY000): The MySQL server is running with the --read-only option so it cannot execute this statement';

function mysqlConnectError(f: ConnectFailure): ExecResult {
  if (f.reason === 'unknown-host') return fail(`ERROR 2005 (HY000): Unknown MySQL server host '${f.host}' (-2)`);
  if (f.reason === 'refused') return fail(`ERROR 2003 (HY000): Can't connect to MySQL server on '${f.host}:3306' (111)`);
  return fail("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)");
}

/** mysql's boxed result table. */
export function mysqlTable(columns: string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const line = (cells: string[]) => `|${cells.map((c, i) => ` ${c.padEnd(widths[i] ?? 0)} `).join('|')}|\n`;
  return `${rule}${line(columns)}${rule}${rows.map(line).join('')}${rule}`;
}

function writeError(outcome: WriteOutcome, readOnly: string, io: string): string | undefined {
  if (outcome === 'read-only') return readOnly;
  if (outcome === 'io-error') return io;
  return undefined;
}

function mysqlStatement(server: DatabaseServer, stmt: Statement): { out: string; error?: string } {
  const io = 'ERROR 1030 (HY000): Got error 30 "Read-only file system" from storage engine';
  if (stmt.type === 'syntax-error') {
    return { out: '', error: `ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${stmt.near}' at line 1` };
  }
  if (stmt.type === 'select') {
    if (!tableExists(server, stmt.table)) return { out: '', error: `ERROR 1146 (42S02): Table '${stmt.table}' doesn't exist` };
    const { columns, rows } = selectAll(server, stmt.table);
    return { out: rows.length > 0 ? mysqlTable(columns, rows) : '' };
  }
  // Databases are not modelled: creating one only needs a writable server.
  if (stmt.type === 'create-database') return { out: '', error: isReplica(server) ? MYSQL_READ_ONLY : undefined };
  if (stmt.type === 'create-table') {
    if (isReplica(server)) return { out: '', error: MYSQL_READ_ONLY };
    if (tableExists(server, stmt.table)) return { out: '', error: stmt.ifNotExists ? undefined : `ERROR 1050 (42S01): Table '${stmt.table}' already exists` };
    return { out: '', error: writeError(commitWrite(server, { op: 'CREATE', table: stmt.table, columns: stmt.columns }), MYSQL_READ_ONLY, io) };
  }
  for (const values of stmt.rows) {
    const error = writeError(commitWrite(server, { op: 'INSERT', table: stmt.table, values }), MYSQL_READ_ONLY, io);
    if (error) return { out: '', error };
  }
  return { out: '' };
}

function isReplica(server: DatabaseServer): boolean {
  return roleOf(server.ctx.state, server) === 'replica';
}

function runClient(
  ctx: ShellContext,
  kind: DatabaseKind,
  parsed: ClientArgs,
  connectError: (f: ConnectFailure) => ExecResult,
  run: (server: DatabaseServer, stmt: Statement) => { out: string; error?: string },
): ExecResult {
  const server = connect(ctx, kind, parsed.host);
  if (isFailure(server)) return connectError(server);
  let stdout = '';
  for (const text of statementsOf(ctx, parsed)) {
    const { out, error } = run(server, parseStatement(text));
    stdout += out;
    if (error) return fail(error, 1, stdout);
  }
  return ok(stdout);
}

/** `mysql`: the MySQL client of the mysql/mariadb images. */
export const mysql: ShellCommand = (ctx, args) => runClient(ctx, 'mysql', clientArgs(args, 'e', 'execute', 'uPD', 'p'), mysqlConnectError, mysqlStatement);

// ---- psql --------------------------------------------------------------------------------

function psqlConnectError(f: ConnectFailure): ExecResult {
  if (f.reason === 'unknown-host') return fail(`psql: error: could not translate host name "${f.host}" to address: Name or service not known`, 2);
  if (f.reason === 'refused') {
    return fail(`psql: error: connection to server at "${f.host}" (${f.ip ?? '127.0.0.1'}), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?`, 2);
  }
  return fail('psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?', 2);
}

/** psql's aligned result table with its row count. */
export function psqlTable(columns: string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const header = columns
    .map((c, i) => {
      const pad = (widths[i] ?? 0) - c.length;
      const left = Math.floor(pad / 2);
      return ` ${' '.repeat(left)}${c}${' '.repeat(pad - left)} `;
    })
    .join('|');
  const rule = widths.map((w) => '-'.repeat(w + 2)).join('+');
  const line = (cells: string[]) => cells.map((c, i) => ` ${i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)}${i === cells.length - 1 ? '' : ' '}`).join('|');
  return `${header}\n${rule}\n${rows.map((r) => `${line(r)}\n`).join('')}(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n\n`;
}

function psqlStatement(server: DatabaseServer, stmt: Statement): { out: string; error?: string } {
  const readOnly = `ERROR:  cannot execute ${statementVerb(stmt)} in a read-only transaction`;
  const io = 'ERROR:  could not extend file: Read-only file system';
  if (stmt.type === 'syntax-error') return { out: '', error: `ERROR:  syntax error at or near "${stmt.text}"` };
  if (stmt.type === 'select') {
    const table = stmt.table.toLowerCase();
    if (!tableExists(server, table)) return { out: '', error: `ERROR:  relation "${table}" does not exist` };
    const { columns, rows } = selectAll(server, table);
    return { out: psqlTable(columns, rows) };
  }
  if (stmt.type === 'create-database') return isReplica(server) ? { out: '', error: readOnly } : { out: 'CREATE DATABASE\n' };
  if (stmt.type === 'create-table') {
    const table = stmt.table.toLowerCase();
    if (isReplica(server)) return { out: '', error: readOnly };
    if (tableExists(server, table)) return stmt.ifNotExists ? { out: 'CREATE TABLE\n' } : { out: '', error: `ERROR:  relation "${table}" already exists` };
    const error = writeError(commitWrite(server, { op: 'CREATE', table, columns: stmt.columns.map((c) => c.toLowerCase()) }), readOnly, io);
    return error ? { out: '', error } : { out: 'CREATE TABLE\n' };
  }
  for (const values of stmt.rows) {
    const error = writeError(commitWrite(server, { op: 'INSERT', table: stmt.table.toLowerCase(), values }), readOnly, io);
    if (error) return { out: '', error };
  }
  return { out: `INSERT 0 ${stmt.rows.length}\n` };
}

/** `psql`: the PostgreSQL client of the postgres images. */
export const psql: ShellCommand = (ctx, args) => runClient(ctx, 'postgres', clientArgs(args, 'c', 'command', 'Udp', ''), psqlConnectError, psqlStatement);
