/**
 * `kubectl rollout status|history|undo|restart|pause|resume` (R8.7–R8.10),
 * after `staging/src/k8s.io/kubectl/pkg/cmd/rollout/` and the polymorphic
 * helpers it calls (`objectrestarter.go`, `objectpauser.go`,
 * `objectresumer.go`). Status lives in `rolloutStatus.ts`, history and undo
 * in `rolloutHistory.ts`.
 *
 * Restart stamps `kubectl.kubernetes.io/restartedAt: <RFC 3339 simulated time>`
 * on the pod template, which is a template change: the controller rolls the
 * pods like any other update. Pause and resume exist for Deployments only.
 * Left out: `-f`, `--dry-run`, `-o`.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { nowTimestamp } from '../../engine/store';
import { kindInfo, qualifiedResource } from '../../model/kinds';
import type { KObject } from '../../model/objects';
import { CommandError, type CommandContext } from './context';
import { parseArgs, type ParsedArgs } from './flags';
import { printRolloutHistory, rollbackObject } from './rolloutHistory';
import { rolloutStatusCommand } from './rolloutStatus';
import { podTemplateOf, resourceString, selectTargets, writeObject } from './workloadEdits';

const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
const SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

const TARGET_FLAGS = { namespace: 'namespace', n: 'namespace', selector: 'selector', l: 'selector' };

/** Resolves the named objects; NotFound errors are printed after the found ones are handled. */
function targetsOf(ctx: CommandContext, args: ParsedArgs): { objects: KObject[]; errors: string[] } {
  if (args.positional.length === 0) throw new CommandError('error: required resource not specified');
  return selectTargets(ctx, args);
}

function revisionFlag(args: ParsedArgs, flag: string): number {
  const text = args.flags[flag] ?? '0';
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new CommandError(`error: invalid argument "${text}" for "--${flag}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`);
  }
  return value;
}

/** Runs `handle` on every target, collecting per-object errors like kubectl's aggregate. */
function eachTarget(ctx: CommandContext, words: string[], extra: Record<string, string>, handle: (obj: KObject, args: ParsedArgs) => void): number {
  const args = parseArgs(words, { values: { ...TARGET_FLAGS, ...extra }, booleans: {} });
  const { objects, errors } = targetsOf(ctx, args);
  const failures: string[] = [];
  for (const obj of objects) {
    try {
      handle(obj, args);
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      failures.push(e.message);
    }
  }
  for (const line of [...failures, ...errors]) ctx.term.print(line);
  return failures.length || errors.length ? 1 : 0;
}

function history(ctx: CommandContext, words: string[]): number {
  return eachTarget(ctx, words, { revision: 'revision' }, (obj, args) => {
    const revision = revisionFlag(args, 'revision');
    if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
    printRolloutHistory(ctx, obj, revision);
  });
}

function undo(ctx: CommandContext, words: string[]): number {
  return eachTarget(ctx, words, { 'to-revision': 'to-revision' }, (obj, args) => rollbackObject(ctx, obj, revisionFlag(args, 'to-revision')));
}

function perObjectError(obj: KObject, message: string): CommandError {
  const info = kindInfo(obj.kind);
  return new CommandError(`error: ${info ? resourceString(info) : obj.kind} "${obj.metadata.name}" ${message}`);
}

function restart(ctx: CommandContext, words: string[]): number {
  return eachTarget(ctx, words, {}, (obj) => {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) throw perObjectError(obj, 'restarting is not supported');
    if (obj.kind === 'Deployment' && (obj as Deployment & KObject).spec?.paused) {
      throw perObjectError(obj, "can't restart paused deployment (run rollout resume first)");
    }
    const stamp = nowTimestamp(ctx.state);
    const result = writeObject(ctx, obj, (draft) => {
      const template = podTemplateOf(draft);
      if (!template) return;
      template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [RESTARTED_AT]: stamp } };
    });
    if (result.error) throw new CommandError(`failed to patch: ${result.error}`);
    ctx.term.print(`${qualifiedResource(obj.kind)}/${obj.metadata.name} restarted`);
    // Two restarts within one second compute the same annotation: kubectl patches nothing and says so.
    if (!result.changed) throw new CommandError(`error: failed to create patch for ${obj.metadata.name}: empty patch`);
  });
}

function pauseOrResume(ctx: CommandContext, words: string[], pause: boolean): number {
  return eachTarget(ctx, words, {}, (obj) => {
    if (obj.kind !== 'Deployment') throw perObjectError(obj, pause ? 'pausing is not supported' : 'resuming is not supported');
    const paused = Boolean((obj as Deployment & KObject).spec?.paused);
    if (paused === pause) throw perObjectError(obj, pause ? 'is already paused' : 'is not paused');
    const result = writeObject(ctx, obj, (draft) => {
      const spec = (draft as Deployment & KObject).spec as NonNullable<Deployment['spec']> & { paused?: boolean };
      if (pause) spec.paused = true;
      else delete spec.paused;
    });
    if (result.error) throw new CommandError(`failed to patch: ${result.error}`);
    ctx.term.print(`${qualifiedResource(obj.kind)}/${obj.metadata.name} ${pause ? 'paused' : 'resumed'}`);
  });
}

/** Runs `kubectl rollout <subcommand> …`. */
export function rolloutCommand(ctx: CommandContext, words: string[]): number {
  const [sub, ...rest] = words;
  switch (sub) {
    case 'status':
      return rolloutStatusCommand(ctx, rest);
    case 'history':
      return history(ctx, rest);
    case 'undo':
      return undo(ctx, rest);
    case 'restart':
      return restart(ctx, rest);
    case 'pause':
      return pauseOrResume(ctx, rest, true);
    case 'resume':
      return pauseOrResume(ctx, rest, false);
    case undefined:
      throw new CommandError(`Manage the rollout of one or many resources.\nAvailable Commands: ${SUBCOMMANDS.join(', ')}`);
    default:
      throw new CommandError(`error: unknown command "${sub}" for "kubectl rollout"`);
  }
}
