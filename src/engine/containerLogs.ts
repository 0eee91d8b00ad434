/**
 * What a simulated container printed: the log lines `kubectl logs` shows. A
 * small, honest model — nothing runs, so the output is derived from the image,
 * the command and the environment, stamped with the run's start time:
 *
 * - commands: `echo`, `date`, `hostname` and `printenv` inside `sh -c` scripts
 *   (other statements print nothing), and the Job documentation's
 *   `perl -Mbignum=bpi -wle 'print bpi(N)'`;
 * - images run without a command: official `nginx` (entrypoint notes and the
 *   startup notices), `httpd` (the usual ServerName warning and start notices),
 *   `redis` (the start banner lines), `postgres` (the server start lines; the
 *   first-start `initdb` output is left out), the seeds' `jakousa/simple-backup-example`
 *   (`pg_dump -v` of an empty database, then its own message);
 * - anything else, `busybox` and `sleep` included, prints nothing.
 *
 * The backup image always succeeds here (the kubelet's process model decides
 * exit codes, not this file), so its log never shows a connection error.
 */
import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1';
import { isServerImage } from './images';

/** One run of a container: when it started (simulated wall clock, ms). */
export interface ContainerRun {
  startedAtMs: number;
}

function repoAndTag(image: string): { repo: string; tag: string } {
  const ref = image.split('@')[0] ?? '';
  const m = /^(.*?)(?::([^/:]+))?$/.exec(ref);
  const path = m?.[1] ?? ref;
  return { repo: path.split('/').pop() ?? '', tag: m?.[2] ?? 'latest' };
}

const two = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox/coreutils `date`: `Wed Jan  1 00:01:03 UTC 2025`. */
function dateText(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function ymdhms(ms: number, dateSep: string): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${dateSep}${two(d.getUTCMonth() + 1)}${dateSep}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function millis(ms: number): string {
  return String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
}

function environment(container: Container, pod: Pod): Record<string, string> {
  const env: Record<string, string> = { HOSTNAME: pod.spec?.hostname ?? pod.metadata?.name ?? '', HOME: '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  for (const e of container.env ?? ([] as EnvVar[])) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.fieldRef?.fieldPath) env[e.name] = fieldValue(pod, e.valueFrom.fieldRef.fieldPath);
  }
  return env;
}

function fieldValue(pod: Pod, path: string): string {
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return pod.metadata?.labels?.[label[1] as string] ?? '';
  const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (annotation) return pod.metadata?.annotations?.[annotation[1] as string] ?? '';
  if (path === 'metadata.name') return pod.metadata?.name ?? '';
  if (path === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  if (path === 'status.podIP') return pod.status?.podIP ?? '';
  if (path === 'spec.nodeName') return pod.spec?.nodeName ?? '';
  return '';
}

/** Splits a shell word list, honouring quotes, and expands `$VAR` / `${VAR}` outside single quotes. */
function words(text: string, env: Record<string, string>): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '$' && quote === '"') i = expand(text, i, env, (v) => (cur += v));
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else if (ch === '$') {
      inWord = true;
      i = expand(text, i, env, (v) => (cur += v));
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

function expand(text: string, at: number, env: Record<string, string>, emit: (v: string) => void): number {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(at));
  if (!m) {
    emit('$');
    return at;
  }
  emit(env[(m[1] ?? m[2]) as string] ?? '');
  return at + m[0].length - 1;
}

/** The output of one simple command (no pipes or redirections), or undefined to stop the script (`exit`). */
function runStatement(argv: string[], env: Record<string, string>, run: ContainerRun): string[] | undefined {
  const [cmd = '', ...args] = argv;
  switch (cmd.split('/').pop()) {
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      return [text];
    }
    case 'date':
      return [dateText(run.startedAtMs)];
    case 'hostname':
      return [env['HOSTNAME'] ?? ''];
    case 'printenv':
      return args.length ? args.filter((a) => env[a] !== undefined).map((a) => env[a] as string) : Object.entries(env).map(([k, v]) => `${k}=${v}`);
    case 'exit':
      return undefined;
    default:
      return [];
  }
}

/** Runs the printing statements of a `sh -c` script. */
function shellScript(script: string, env: Record<string, string>, run: ContainerRun): string[] {
  const lines: string[] = [];
  for (const statement of script.split(/;|&&|\|\||\n/)) {
    const redirected = /(^|\s)>{1,2}\s*\S+/.test(statement);
    const out = runStatement(words(statement.replace(/(^|\s)\d?>{1,2}\s*\S+/g, ' '), env), env, run);
    if (out === undefined) break;
    if (!redirected) lines.push(...out);
  }
  return lines;
}

/** π to `digits` significant digits (Machin's formula), as Perl's `bpi(digits)` prints it. */
export function piDigits(digits: number): string {
  const n = Math.max(1, Math.min(digits, 10_000));
  const scale = 10n ** BigInt(n + 10);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
      sum += (sign * term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  // pi is scaled by 10^(n+10), so it has n+11 digits: keep n of them, rounding half up.
  const rounded = (pi + 5n * 10n ** 10n) / 10n ** 11n;
  const text = rounded.toString();
  return n === 1 ? text : `${text[0]}.${text.slice(1, n)}`;
}

function commandLines(argv: string[], env: Record<string, string>, run: ContainerRun): string[] {
  const [cmd = '', ...rest] = argv;
  const base = cmd.split('/').pop() ?? '';
  if ((base === 'sh' || base === 'bash' || base === 'ash') && rest[0] === '-c') return shellScript(rest.slice(1).join(' '), env, run);
  if (base === 'perl') {
    const bpi = /bpi\((\d+)\)/.exec(rest.join(' '));
    return bpi && rest.some((a) => a.includes('bignum')) ? [piDigits(Number(bpi[1]))] : [];
  }
  return runStatement(argv, env, run) ?? [];
}

const NGINX_VERSIONS: Record<string, string> = { latest: '1.27.3', mainline: '1.27.3', stable: '1.26.2', '1.27': '1.27.3', '1.26': '1.26.2', '1.25': '1.25.5', '1.24': '1.24.0', '1.23': '1.23.4' };

function nginxLines(tag: string, at: number): string[] {
  const base = tag.replace(/-.*$/, '');
  const version = /^\d+\.\d+\.\d+$/.test(base) ? base : NGINX_VERSIONS[base] ?? base;
  const ts = ymdhms(at, '/');
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${ts} [notice] 1#1: using the "epoll" event method`,
    `${ts} [notice] 1#1: nginx/${version}`,
    `${ts} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
    `${ts} [notice] 1#1: OS: Linux 6.1.0-31-amd64`,
    `${ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${ts} [notice] 1#1: start worker processes`,
    `${ts} [notice] 1#1: start worker process 29`,
  ];
}

const REDIS_VERSIONS: Record<string, string> = { latest: '7.4.2', '7': '7.4.2', '7.4': '7.4.2', '7.2': '7.2.7', '7.0': '7.0.15', '6': '6.2.17', '6.2': '6.2.17', '6.0': '6.0.20', '5': '5.0.14', '5.0': '5.0.14' };

function redisLines(tag: string, at: number): string[] {
  const base = tag.replace(/-.*$/, '');
  const version = REDIS_VERSIONS[base] ?? base;
  const d = new Date(at);
  const ts = `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${millis(at)}`;
  // Redis 7 prints notices with `*`; older releases used `#`.
  const note = Number(version.split('.')[0]) >= 7 ? '*' : '#';
  return [
    `1:C ${ts} ${note} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
    `1:C ${ts} ${note} Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
    `1:C ${ts} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
    `1:M ${ts} * Running mode=standalone, port=6379.`,
    `1:M ${ts} ${note} Server initialized`,
    `1:M ${ts} * Ready to accept connections${Number(version.split('.')[0]) >= 7 ? ' tcp' : ''}`,
  ];
}

function postgresLines(tag: string, at: number): string[] {
  const ts = `${ymdhms(at, '-')}.${millis(at)} UTC`;
  const lines = tag === '13.0' ? [`${ts} [1] LOG:  starting PostgreSQL 13.0 (Debian 13.0-1.pgdg100+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 8.3.0-6) 8.3.0, 64-bit`] : [];
  return [
    ...lines,
    `${ts} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
    `${ts} [1] LOG:  listening on IPv6 address "::", port 5432`,
    `${ts} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`,
    `${ts} [1] LOG:  database system is ready to accept connections`,
  ];
}

function httpdLines(pod: Pod, at: number): string[] {
  const d = new Date(at);
  const ts = `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${millis(at)}000 ${d.getUTCFullYear()}]`;
  const warning = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${pod.status?.podIP ?? '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`;
  return [
    warning,
    warning,
    `${ts} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
    `${ts} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
  ];
}

/** `pg_dump -v` of an empty database (PostgreSQL 13), as the backup image's script runs it. */
const PG_DUMP_VERBOSE = [
  'last built-in OID is 16383',
  'reading extensions',
  'identifying extension members',
  'reading schemas',
  'reading user-defined tables',
  'reading user-defined functions',
  'reading user-defined types',
  'reading procedural languages',
  'reading user-defined aggregate functions',
  'reading user-defined operators',
  'reading user-defined access methods',
  'reading user-defined operator classes',
  'reading user-defined operator families',
  'reading user-defined text search parsers',
  'reading user-defined text search templates',
  'reading user-defined text search dictionaries',
  'reading user-defined text search configurations',
  'reading user-defined foreign-data wrappers',
  'reading user-defined foreign servers',
  'reading default privileges',
  'reading user-defined collations',
  'reading user-defined conversions',
  'reading type casts',
  'reading transforms',
  'reading table inheritance information',
  'reading event triggers',
  'finding extension tables',
  'finding inheritance relationships',
  'reading column info for interesting tables',
  'flagging inherited columns in subtables',
  'reading indexes',
  'flagging indexes in partitioned tables',
  'reading extended statistics',
  'reading constraints',
  'reading triggers',
  'reading rewrite rules',
  'reading policies',
  'reading publications',
  'reading publication membership',
  'reading subscriptions',
  'reading large objects',
  'reading dependency data',
  'saving encoding = UTF8',
  'saving standard_conforming_strings = on',
  'saving search_path = ',
  'implied data-only restore',
].map((l) => `pg_dump: ${l}`);

function entrypointLines(container: Container, pod: Pod, env: Record<string, string>, run: ContainerRun): string[] {
  const { repo, tag } = repoAndTag(container.image ?? '');
  const at = run.startedAtMs;
  if (repo === 'simple-backup-example') return env['URL'] ? [...PG_DUMP_VERBOSE, 'Not sending the dump actually anywhere'] : [];
  if (repo === 'nginx') return nginxLines(tag, at);
  if (repo === 'redis') return redisLines(tag, at);
  if (repo === 'postgres') return postgresLines(tag, at);
  if (repo === 'httpd') return httpdLines(pod, at);
  return [];
}

/**
 * The log lines of one run of `container` in `pod`.
 *
 * @example
 * containerLogLines(pod, { name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hello'] }, { startedAtMs }) // ['hello']
 */
export function containerLogLines(pod: Pod, container: Container, run: ContainerRun): string[] {
  const env = environment(container, pod);
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  if (argv.length > 0) {
    // `args` alone are handed to the image's entrypoint; only server images are known to ignore them for logging.
    if (!container.command && isServerImage(container.image ?? '')) return entrypointLines(container, pod, env, run);
    return commandLines(argv, env, run);
  }
  return entrypointLines(container, pod, env, run);
}
