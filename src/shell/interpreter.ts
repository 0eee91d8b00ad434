/**
 * Runs parsed shell lines against a container: expansion (variables, command
 * substitution, field splitting, `*`/`?` globs in the last path segment),
 * pipelines, `&&`/`||`, redirections into the container's file model, and the
 * built-ins that belong to the shell itself (`sh -c`, `exit`, `cd`, `export`).
 * Behaviour and messages follow busybox ash.
 */
import { DATABASE_COMMANDS, commandInImage } from '../apps/databaseClients';
import { readDir, normalizePath, stat, writeFile, dirname, basename } from './fileSystem';
import { containerEnvironment } from './environment';
import { FILE_COMMANDS } from './fileCommands';
import { NETWORK_COMMANDS } from './network';
import { parseShell, ShellSyntaxError, type ListItem, type SimpleCommand, type Word } from './parser';
import { fail, ok, type ExecResult, type ShellCommand, type ShellContext, type ShellSession } from './types';

/** Thrown by `exit` to unwind the running script. */
class ExitSignal {
  constructor(readonly code: number) {}
}

/** The environment the command sees: the container's plus exported shell variables. */
export function environment(ctx: ShellContext): [string, string][] {
  const env = new Map(containerEnvironment(ctx.state, ctx.pod, ctx.container, ctx.containerRuntime.startedAt ?? ctx.state.now));
  for (const name of ctx.session.exported) env.set(name, ctx.session.vars[name] ?? '');
  return [...env.entries()];
}

function variable(ctx: ShellContext, name: string): string {
  if (name === '?') return String(ctx.session.lastExit);
  if (name === '$') return '1';
  if (name === '#') return '0';
  if (name === '0') return 'sh';
  if (name in ctx.session.vars) return ctx.session.vars[name] ?? '';
  return environment(ctx).find(([k]) => k === name)?.[1] ?? '';
}

interface Field {
  text: string;
  /** True when an unquoted part contains glob characters. */
  glob: boolean;
}

/** Expands one word into fields (command substitution writes its stderr to `errors`). */
function expandWord(ctx: ShellContext, word: Word, errors: string[]): Field[] {
  const fields: Field[] = [];
  let current: Field | undefined;
  const append = (text: string, glob: boolean) => {
    current ??= { text: '', glob: false };
    current.text += text;
    current.glob ||= glob;
  };
  for (const part of word) {
    let value: string;
    if (part.kind === 'text') value = part.value;
    else if (part.kind === 'var') value = variable(ctx, part.name);
    else {
      const sub = runScript({ ...ctx, stdin: '', session: { ...ctx.session, vars: { ...ctx.session.vars } } }, part.script);
      errors.push(sub.stderr);
      ctx.session.lastExit = sub.exitCode;
      value = sub.stdout.replace(/\n+$/, '');
    }
    if (part.quoted || part.kind === 'text') {
      append(value, !part.quoted && /[*?]/.test(value));
      continue;
    }
    // Unquoted expansions are split on whitespace.
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && current) {
        fields.push(current);
        current = undefined;
      }
      if (piece !== '') append(piece, false);
    });
  }
  if (current) fields.push(current);
  return fields;
}

/** `*.html` in the last path segment → the matching names, or the word itself when nothing matches. */
function glob(ctx: ShellContext, pattern: string): string[] {
  const dir = pattern.includes('/') ? dirname(normalizePath(ctx.session.cwd, pattern)) : ctx.session.cwd;
  const prefix = pattern.includes('/') ? pattern.slice(0, pattern.lastIndexOf('/') + 1) : '';
  const last = pattern.slice(prefix.length);
  if (/[*?]/.test(prefix)) return [pattern];
  const re = new RegExp(`^${last.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  const names = (readDir(ctx, dir) ?? []).filter((n) => re.test(n) && (!n.startsWith('.') || last.startsWith('.')));
  return names.length > 0 ? names.map((n) => `${prefix}${n}`) : [pattern];
}

function expandWords(ctx: ShellContext, words: Word[], errors: string[]): string[] {
  return words.flatMap((w) => expandWord(ctx, w, errors).flatMap((f) => (f.glob ? glob(ctx, f.text) : [f.text])));
}

/** `sh -c '…'` / `sh`: a child shell with its own copy of the session. */
const sh: ShellCommand = (ctx, args) => {
  if (args[0] !== '-c') return ok();
  if (args.length < 2) return fail('sh: -c requires an argument', 2);
  const child: ShellSession = { ...ctx.session, vars: { ...ctx.session.vars }, exported: [...ctx.session.exported], exited: false };
  return runScript({ ...ctx, session: child }, args[1] as string);
};

const cd: ShellCommand = (ctx, args) => {
  const target = normalizePath(ctx.session.cwd, args[0] ?? '/root');
  if (stat(ctx, target)?.kind !== 'dir') return fail(`sh: cd: can't cd to ${args[0] ?? '/root'}: No such file or directory`, 2);
  ctx.session.cwd = target;
  return ok();
};

const exportVars: ShellCommand = (ctx, args) => {
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (eq >= 0) ctx.session.vars[name] = arg.slice(eq + 1);
    if (!ctx.session.exported.includes(name)) ctx.session.exported.push(name);
  }
  return ok();
};

const env: ShellCommand = (ctx) => ok(environment(ctx).map(([k, v]) => `${k}=${v}\n`).join(''));

const printenv: ShellCommand = (ctx, args) => {
  const all = environment(ctx);
  if (args.length === 0) return env(ctx, args);
  const values = args.map((name) => all.find(([k]) => k === name)?.[1]);
  const out = values.filter((v) => v !== undefined).map((v) => `${v}\n`).join('');
  return { stdout: out, stderr: '', exitCode: values.includes(undefined) ? 1 : 0 };
};

/** Every command the shell knows, by name (database clients: `src/apps/databaseClients.ts`). */
export const COMMANDS: Record<string, ShellCommand> = {
  ...FILE_COMMANDS,
  ...NETWORK_COMMANDS,
  ...DATABASE_COMMANDS,
  sh,
  bash: sh,
  ash: sh,
  cd,
  export: exportVars,
  env,
  printenv,
};

/** The command a name runs (`/bin/sh` → `sh`), if the shell knows it (and, given `image`, that image has it). */
export function lookupCommand(name: string, image?: string): ShellCommand | undefined {
  const base = name.includes('/') ? basename(name) : name;
  if (image !== undefined && !commandInImage(base, image)) return undefined;
  return Object.prototype.hasOwnProperty.call(COMMANDS, base) ? COMMANDS[base] : undefined;
}

type Sink = { kind: 'out' } | { kind: 'err' } | { kind: 'file'; path: string };

function runSimple(ctx: ShellContext, cmd: SimpleCommand): ExecResult {
  const errors: string[] = [];
  const argv = expandWords(ctx, cmd.words, errors);
  const assigned = cmd.assignments.map((a) => [a.name, expandWords(ctx, [a.value], errors).join(' ')] as const);
  if (argv.length === 0) for (const [name, value] of assigned) ctx.session.vars[name] = value;
  // Redirections are set up before the command runs; a failure means it never runs.
  const sinks: Sink[] = [{ kind: 'out' }, { kind: 'out' }, { kind: 'err' }];
  let stdin = ctx.stdin;
  for (const r of cmd.redirects) {
    if (r.op === '>&') {
      sinks[r.fd] = sinks[r.dupFd ?? 1] ?? { kind: 'out' };
      continue;
    }
    const target = expandWords(ctx, r.target ? [r.target] : [], errors).join(' ');
    const path = normalizePath(ctx.session.cwd, target);
    if (r.op === '<') {
      const entry = stat(ctx, path);
      if (entry?.kind !== 'file') return fail(`${errors.join('')}sh: can't open '${target}': No such file or directory`, 1);
      stdin = entry.content;
      continue;
    }
    const error = writeFile(ctx, path, '', r.op === '>>');
    if (error) return fail(`${errors.join('')}sh: can't create ${target}: ${error}`, 1);
    sinks[r.fd] = { kind: 'file', path };
  }
  let result: ExecResult = ok();
  if (argv.length > 0) {
    const name = argv[0] as string;
    if (name === 'exit') throw new ExitSignal(argv[1] === undefined ? ctx.session.lastExit : Number(argv[1]) & 0xff);
    const command = lookupCommand(name, ctx.container.image ?? '');
    result = command ? command({ ...ctx, stdin }, argv.slice(1)) : fail(`sh: ${name}: not found`, 127);
  }
  const out = { stdout: '', stderr: errors.join('') };
  const route = (text: string, sink: Sink | undefined) => {
    if (!text) return;
    if (sink?.kind === 'file') writeFile(ctx, sink.path, text, true);
    else if (sink?.kind === 'err') out.stderr += text;
    else out.stdout += text;
  };
  route(result.stdout, sinks[1]);
  route(result.stderr, sinks[2]);
  return { ...out, exitCode: result.exitCode };
}

function runPipeline(ctx: ShellContext, pipeline: SimpleCommand[]): ExecResult {
  let stdin = ctx.stdin;
  let stderr = '';
  let last: ExecResult = ok();
  for (const cmd of pipeline) {
    last = runSimple({ ...ctx, stdin }, cmd);
    stderr += last.stderr;
    stdin = last.stdout;
  }
  return { stdout: last.stdout, stderr, exitCode: last.exitCode };
}

function runList(ctx: ShellContext, list: ListItem[]): ExecResult {
  let stdout = '';
  let stderr = '';
  for (const item of list) {
    const status = ctx.session.lastExit;
    if ((item.connector === '&&' && status !== 0) || (item.connector === '||' && status === 0)) continue;
    try {
      const r = runPipeline(ctx, item.pipeline);
      stdout += r.stdout;
      stderr += r.stderr;
      ctx.session.lastExit = r.exitCode;
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      ctx.session.lastExit = e.code;
      ctx.session.exited = true;
      break;
    }
  }
  return { stdout, stderr, exitCode: ctx.session.lastExit };
}

/** Parses and runs a script (one line or `sh -c` text) in `ctx.session`. */
export function runScript(ctx: ShellContext, script: string): ExecResult {
  let list: ListItem[];
  try {
    list = parseShell(script);
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      ctx.session.lastExit = 2;
      return fail(e.message, 2);
    }
    throw e;
  }
  return runList(ctx, list);
}
