/**
 * `kubectl exec` and `kubectl run`: commands in a pod's container through the
 * built-in shell (src/shell), interactive shells (`-it … sh`, `run -it --rm`),
 * and bare pods like the seeds' busybox DNS client.
 */
import { admitPod } from '../../engine/admission';
import { deleteObject } from '../../engine/deletion';
import { createObject, getObject } from '../../engine/store';
import { applyDefaults } from '../../manifest/defaults';
import type { KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { execInPod, openShellSession } from '../../shell/execInPod';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { waitFor } from './wait';

const SHELLS = ['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash'];

export function execCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { container: 'container', c: 'container', namespace: 'namespace', n: 'namespace' },
    booleans: { stdin: 'stdin', i: 'stdin', tty: 'tty', t: 'tty', quiet: 'quiet', q: 'quiet' },
  });
  const pod = args.positional[0]?.replace(/^pods?\//, '');
  if (!pod) throw new CommandError('error: pod, type/name or --filename must be specified');
  const argv = args.dashdash ? args.rest : args.positional.slice(1);
  if (argv.length === 0) throw new CommandError('error: you must specify at least one command for the container');
  const namespace = args.flags['namespace'] ?? 'default';
  const interactive = flagOn(args, 'stdin') && flagOn(args, 'tty');
  const target = { namespace, pod, container: args.flags['container'] };
  if (interactive && argv.length === 1 && SHELLS.includes(argv[0] as string)) {
    const opened = openShellSession(ctx.state, target);
    if (opened.stderr) ctx.term.print(opened.stderr.replace(/\n$/, ''));
    if (!opened.session) return opened.exitCode;
    ctx.enterShell({ ...target, removeOnExit: false, session: opened.session });
    return 0;
  }
  const result = execInPod(ctx.state, target, argv);
  const text = `${result.stdout}${result.stderr}`.replace(/\n$/, '');
  if (text) ctx.term.print(text);
  return result.exitCode;
}

export function runCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { image: 'image', restart: 'restart', namespace: 'namespace', n: 'namespace', labels: 'labels', l: 'labels', env: 'env', port: 'port' },
    booleans: { stdin: 'stdin', i: 'stdin', tty: 'tty', t: 'tty', rm: 'rm', command: 'command', quiet: 'quiet', q: 'quiet' },
  });
  const name = args.positional[0];
  const image = args.flags['image'];
  if (!name) throw new CommandError('error: NAME is required for run');
  if (!image) throw new CommandError('error: required flag(s) "image" not set');
  const namespace = args.flags['namespace'] ?? 'default';
  const interactive = flagOn(args, 'stdin');
  if (flagOn(args, 'rm') && !interactive) throw new CommandError('error: --rm should only be used for attached containers');
  const argv = args.dashdash ? args.rest : args.positional.slice(1);
  if (getObject(ctx.state, 'Pod', namespace, name)) throw new CommandError(`Error from server (AlreadyExists): pods "${name}" already exists`);
  const labels = Object.fromEntries((args.flags['labels'] ?? `run=${name}`).split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const container: Record<string, unknown> = { name, image };
  const shellOnly = argv.length === 1 && SHELLS.includes(argv[0] as string);
  if (argv.length && !(interactive && shellOnly)) {
    if (flagOn(args, 'command')) container['command'] = argv;
    else container['args'] = argv;
  } else if (interactive) {
    // An attached shell keeps the container alive for as long as the session lasts.
    container['command'] = ['sh'];
    container['stdin'] = true;
    container['tty'] = true;
  }
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [container], restartPolicy: args.flags['restart'] ?? 'Always' },
  };
  if (interactive) container['command'] = ['sleep', 'infinity'];
  createObject(ctx.state, admitPod(ctx.state, applyDefaults(pod) as PodObject));
  if (!interactive) {
    ctx.term.print(`pod/${name} created`);
    return 0;
  }
  const running = () => getObject<PodObject>(ctx.state, 'Pod', namespace, name)?.status?.phase === 'Running';
  if (!waitFor(ctx, running, 5 * 60_000)) {
    ctx.term.print(`error: timed out waiting for the condition`);
    return 1;
  }
  const opened = openShellSession(ctx.state, { namespace, pod: name });
  if (!opened.session) {
    ctx.term.print(opened.stderr.replace(/\n$/, ''));
    return opened.exitCode;
  }
  ctx.term.print(`If you don't see a command prompt, try pressing enter.`);
  ctx.enterShell({ namespace, pod: name, removeOnExit: flagOn(args, 'rm'), session: opened.session });
  return 0;
}

/** Leaving an interactive shell started by `run --rm` deletes its pod and waits for it. */
export function leaveShell(ctx: CommandContext, namespace: string, pod: string, remove: boolean): void {
  if (!remove) return;
  const uid = getObject<PodObject>(ctx.state, 'Pod', namespace, pod)?.metadata.uid;
  deleteObject(ctx.state, 'Pod', namespace, pod);
  ctx.term.print(`pod "${pod}" deleted from ${namespace} namespace`);
  waitFor(ctx, () => getObject<PodObject>(ctx.state, 'Pod', namespace, pod)?.metadata.uid !== uid, 5 * 60_000);
}
