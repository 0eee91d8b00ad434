/**
 * `redis-cli` of the redis images: `redis-cli [-h host] [-p port] [-a pass]
 * <command> [args…]` for `SET key value`, `GET key`, `KEYS pattern` and
 * `PING`, with replies printed as redis-cli prints them at a terminal (`OK`,
 * `"value"`, `(nil)`, `1) "key"`, `(empty array)`, `(error) …`). A write on a
 * replica gets Redis's `READONLY` error.
 *
 * Left out: every other command and option, `--raw` output, the interactive
 * prompt (without a command the client just exits), expiry, data types other
 * than strings.
 */
import { fail, ok, type ExecResult, type ShellCommand } from '../shell/types';
import { readRows } from './database';
import { commitWrite, connect, isFailure } from './dbConnection';

const VALUE_FLAGS = new Set(['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-s']);

/** `KEYS` glob (`*`, `?`, `[abc]`) as a regular expression. */
function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** An error reply: redis-cli prints it on stdout and exits 1. */
const errorReply = (text: string): ExecResult => ({ stdout: `(error) ${text}\n`, stderr: '', exitCode: 1 });

/** `redis-cli`. */
export const redisCli: ShellCommand = (ctx, args) => {
  let host: string | undefined;
  let port = '6379';
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (words.length === 0 && VALUE_FLAGS.has(a)) {
      const v = args[++i];
      if (a === '-h') host = v;
      if (a === '-p') port = v ?? port;
    } else if (words.length === 0 && a.startsWith('-')) continue;
    else words.push(a);
  }
  const server = connect(ctx, 'redis', host);
  if (isFailure(server)) {
    const where = `${host ?? '127.0.0.1'}:${port}`;
    return fail(`Could not connect to Redis at ${where}: ${server.reason === 'unknown-host' ? 'Name or service not known' : 'Connection refused'}`);
  }
  const [name, ...rest] = words;
  if (name === undefined) return ok();
  const command = name.toLowerCase();
  const arity: Record<string, number> = { set: 2, get: 1, keys: 1 };
  const wanted = arity[command];
  if (wanted !== undefined && rest.length < wanted) return errorReply(`ERR wrong number of arguments for '${command}' command`);
  if (command === 'ping') return ok(rest[0] !== undefined ? `${quote(rest[0])}\n` : 'PONG\n');
  if (command === 'set') {
    const outcome = commitWrite(server, { op: 'SET', key: rest[0] as string, value: rest[1] as string });
    if (outcome === 'read-only') return errorReply("READONLY You can't write against a read only replica.");
    if (outcome === 'io-error') return errorReply('MISCONF Errors writing to the AOF file: Read-only file system');
    return ok('OK\n');
  }
  const rows = readRows(server);
  if (command === 'get') {
    const row = rows.find(([k]) => k === rest[0]);
    return ok(row ? `${quote(row[1] ?? '')}\n` : '(nil)\n');
  }
  if (command === 'keys') {
    const re = globRegExp(rest[0] as string);
    const keys = rows.map(([k]) => k ?? '').filter((k) => re.test(k)).sort();
    return ok(keys.length === 0 ? '(empty array)\n' : keys.map((k, i) => `${i + 1}) ${quote(k)}\n`).join(''));
  }
  const shown = rest.map((a) => `'${a}' `).join('');
  return errorReply(`ERR unknown command '${name}', with args beginning with: ${shown}`);
};
