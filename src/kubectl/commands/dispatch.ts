/**
 * Routes a command line to its verb. Every user action — a toolbar button, a
 * right-click, the terminal, a lesson step, a share URL — arrives here as the
 * same text (DESIGN §1).
 */
import { applyCommand } from './apply';
import { CommandError, type CommandContext } from './context';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { execCommand, runCommand } from './exec';
import { getCommand } from './get';
import { logsCommand } from './logs';
import { labelCommand, patchCommand, scaleCommand } from './mutate';
import { cordonCommand, drainCommand, taintCommand } from './nodes';
import { rolloutCommand } from './rollout';
import { setCommand } from './setImage';
import { simCommand } from './sim';
import { tokenize } from './tokenize';

const KUBECTL: Record<string, (ctx: CommandContext, words: string[]) => number> = {
  apply: applyCommand,
  get: getCommand,
  describe: describeCommand,
  delete: deleteCommand,
  scale: scaleCommand,
  patch: patchCommand,
  label: labelCommand,
  cordon: (ctx, w) => cordonCommand(ctx, w, true),
  uncordon: (ctx, w) => cordonCommand(ctx, w, false),
  drain: drainCommand,
  taint: taintCommand,
  exec: execCommand,
  run: runCommand,
  logs: logsCommand,
  rollout: rolloutCommand,
  set: setCommand,
};

/** Every kubectl verb Ordinal runs (the terminal completes exactly these). */
export const KUBECTL_VERBS = Object.keys(KUBECTL);

/** Real kubectl verbs Ordinal does not simulate yet: say so instead of pretending. */
const NOT_YET = ['edit', 'create', 'expose', 'autoscale', 'top', 'wait', 'annotate', 'port-forward', 'cp', 'attach'];

/** Executes one command line; output goes to `ctx.term`. Returns the exit code. */
export function dispatch(ctx: CommandContext, line: string): number {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return 0;
  const { words, error } = tokenize(trimmed);
  if (error) throw new CommandError(`error: ${error}`);
  const [program, verb, ...rest] = words;
  try {
    if (program === 'kubectl' || program === 'k') {
      if (!verb) throw new CommandError('kubectl controls the Kubernetes cluster manager.\nUse one of: ' + KUBECTL_VERBS.join(', '));
      const handler = KUBECTL[verb];
      if (handler) return handler(ctx, rest);
      if (NOT_YET.includes(verb)) throw new CommandError(`error: Ordinal does not simulate "kubectl ${verb}" yet`);
      throw new CommandError(`error: unknown command "${verb}" for "kubectl"`);
    }
    if (program === 'sim') return simCommand(ctx, [verb ?? '', ...rest].filter((w, i) => i > 0 || w !== ''));
    throw new CommandError(`error: unknown command "${program}": commands start with kubectl or sim`);
  } catch (e) {
    if (e instanceof CommandError) {
      ctx.term.print(e.message);
      return e.exitCode;
    }
    if (e instanceof Error && /^(unknown flag|unknown shorthand flag|flag needs an argument)/.test(e.message)) {
      ctx.term.print(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
