/**
 * The exec shell's everyday commands, with busybox's output formats and
 * messages: `hostname`, `cat`, `ls`, `echo`, `mkdir`, `rm`, `touch`, `pwd`,
 * `date`, `whoami`, `true`, `false`, `sleep` (returns at once: commands take
 * no simulated time).
 */
import { basename, makeDir, normalizePath, readDir, removePath, stat, utf8Length, writeFile } from './fileSystem';
import { podFqdn, podHostname } from './systemFiles';
import { fail, ok, type ExecResult, type ShellCommand, type ShellContext } from './types';

/** Splits `-la`-style flags from operands (everything after `--` is an operand). */
export function splitFlags(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const arg of args) {
    if (!done && arg === '--') done = true;
    else if (!done && arg.length > 1 && arg.startsWith('-')) for (const f of arg.slice(1)) flags.add(f);
    else operands.push(arg);
  }
  return { flags, operands };
}

const hostname: ShellCommand = (ctx, args) => {
  const { flags } = splitFlags(args);
  if (flags.has('f')) return ok(`${podFqdn(ctx.state, ctx.pod)}\n`);
  if (flags.has('i')) return ok(`${ctx.pod.status?.podIP ?? ''}\n`);
  if (flags.has('d')) return ok(`${podFqdn(ctx.state, ctx.pod).split('.').slice(1).join('.')}\n`);
  return ok(`${podHostname(ctx.pod)}\n`);
};

const cat: ShellCommand = (ctx, args) => {
  const { operands } = splitFlags(args);
  if (operands.length === 0) return ok(ctx.stdin);
  let stdout = '';
  let stderr = '';
  for (const f of operands) {
    if (f === '-') {
      stdout += ctx.stdin;
      continue;
    }
    const entry = stat(ctx, normalizePath(ctx.session.cwd, f));
    if (!entry) stderr += `cat: can't open '${f}': No such file or directory\n`;
    else if (entry.kind === 'dir') stderr += 'cat: read error: Is a directory\n';
    else stdout += entry.content;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wallClock(ctx: ShellContext): Date {
  return new Date(ctx.state.epochMs + ctx.state.now);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** busybox `ls -l` line: mode, links, owner, group, size, `Mon DD HH:MM`, name. */
function longLine(ctx: ShellContext, path: string, name: string): string {
  const entry = stat(ctx, path);
  const isDir = entry?.kind === 'dir';
  const size = entry?.kind === 'file' ? utf8Length(entry.content) : 4096;
  const d = wallClock(ctx);
  const when = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  const mode = isDir ? 'drwxr-xr-x' : '-rw-r--r--';
  return `${mode} ${String(isDir ? 2 : 1).padStart(4)} root     root     ${String(size).padStart(9)} ${when} ${name}\n`;
}

const ls: ShellCommand = (ctx, args) => {
  const { flags, operands } = splitFlags(args);
  const long = flags.has('l');
  const all = flags.has('a');
  const targets = operands.length > 0 ? operands : ['.'];
  let stdout = '';
  let stderr = '';
  const files = targets.filter((t) => stat(ctx, normalizePath(ctx.session.cwd, t))?.kind === 'file');
  const dirs = targets.filter((t) => stat(ctx, normalizePath(ctx.session.cwd, t))?.kind === 'dir');
  for (const t of targets) if (!files.includes(t) && !dirs.includes(t)) stderr += `ls: ${t}: No such file or directory\n`;
  for (const f of files) stdout += long ? longLine(ctx, normalizePath(ctx.session.cwd, f), f) : `${f}\n`;
  dirs.forEach((d, i) => {
    const path = normalizePath(ctx.session.cwd, d);
    if (targets.length > 1) stdout += `${i > 0 || files.length > 0 ? '\n' : ''}${d}:\n`;
    const names = (readDir(ctx, path) ?? []).filter((n) => all || !n.startsWith('.'));
    if (all) names.unshift('.', '..');
    for (const n of names) stdout += long ? longLine(ctx, normalizePath(path, n), n) : `${n}\n`;
  });
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

const echo: ShellCommand = (_ctx, args) => {
  const noNewline = args[0] === '-n';
  const words = noNewline ? args.slice(1) : args;
  return ok(`${words.join(' ')}${noNewline ? '' : '\n'}`);
};

const mkdir: ShellCommand = (ctx, args) => {
  const { flags, operands } = splitFlags(args);
  if (operands.length === 0) return fail('Usage: mkdir [-m MODE] [-p] DIRECTORY...', 1);
  let stderr = '';
  for (const d of operands) {
    const path = normalizePath(ctx.session.cwd, d);
    if (flags.has('p')) {
      // Create each missing ancestor in turn; existing directories are fine.
      const parts = path.split('/').filter(Boolean);
      for (let i = 1; i <= parts.length; i++) {
        const prefix = `/${parts.slice(0, i).join('/')}`;
        const entry = stat(ctx, prefix);
        if (entry?.kind === 'dir') continue;
        const error = entry ? 'Not a directory' : makeDir(ctx, prefix);
        if (error) {
          stderr += `mkdir: can't create directory '${d}': ${error}\n`;
          break;
        }
      }
      continue;
    }
    const error = makeDir(ctx, path);
    if (error) stderr += `mkdir: can't create directory '${d}': ${error}\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
};

const rm: ShellCommand = (ctx, args) => {
  const { flags, operands } = splitFlags(args);
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  let stderr = '';
  for (const f of operands) {
    const error = removePath(ctx, normalizePath(ctx.session.cwd, f), recursive);
    if (error && !(force && error === 'No such file or directory')) stderr += `rm: can't remove '${f}': ${error}\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
};

const touch: ShellCommand = (ctx, args) => {
  let stderr = '';
  for (const f of splitFlags(args).operands) {
    const path = normalizePath(ctx.session.cwd, f);
    if (stat(ctx, path)) continue;
    const error = writeFile(ctx, path, '');
    if (error) stderr += `touch: ${f}: ${error === 'nonexistent directory' ? 'No such file or directory' : error}\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
};

const date: ShellCommand = (ctx) => {
  const d = wallClock(ctx);
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return ok(`${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${time} UTC ${d.getUTCFullYear()}\n`);
};

const constant = (result: ExecResult): ShellCommand => () => result;

/** The file and system commands, by name. */
export const FILE_COMMANDS: Record<string, ShellCommand> = {
  hostname,
  cat,
  ls,
  echo,
  mkdir,
  rm,
  touch,
  date,
  pwd: (ctx) => ok(`${ctx.session.cwd}\n`),
  whoami: constant(ok('root\n')),
  true: constant(ok()),
  false: constant({ stdout: '', stderr: '', exitCode: 1 }),
  sleep: constant(ok()),
  basename: (_ctx, args) => ok(`${basename(args[0] ?? '')}\n`),
};
