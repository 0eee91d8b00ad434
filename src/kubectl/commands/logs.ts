/**
 * `kubectl logs`: what a container printed, from the engine's log model
 * (`src/engine/containerLogs.ts`). After kubectl's `cmd/logs/logs.go`,
 * `polymorphichelpers/logsforobject.go` and `podutils.ByLogging`, and the pod
 * log REST handler's errors (`pkg/registry/core/pod/strategy.go` LogLocation):
 *
 * - `kubectl logs web-0`, `pod/web-0`, `job/backup` (and other workloads: the
 *   first of their pods by kubectl's logging order, `Found N pods, using pod/x`),
 *   `-l app=web` (every matching pod, at most `--max-log-requests`, 5);
 * - `-c`, `--all-containers`, `-p/--previous` (the last terminated run),
 *   `--tail`, `--timestamps`, `--prefix`; `-f` prints what is there and returns.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { containerLogLines } from '../../engine/containerLogs';
import { getObject, listObjects } from '../../engine/store';
import { selectorMatches } from '../../model/labelSelector';
import type { KObject } from '../../model/objects';
import { isPodReady, podRestarts, type PodObject } from '../../model/pod';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { resolveKind, safeSelector } from './resources';
import { matches } from '../../model/labelSelector';

const USAGE =
  "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** `podutils.ByLogging`: the pod kubectl picks first for a workload's logs. */
function byLogging(a: PodObject, b: PodObject): number {
  const assigned = Number(Boolean(b.spec?.nodeName)) - Number(Boolean(a.spec?.nodeName));
  if (assigned) return assigned;
  const phase = (PHASE_ORDER[b.status?.phase ?? ''] ?? 0) - (PHASE_ORDER[a.status?.phase ?? ''] ?? 0);
  if (phase) return phase;
  const ready = Number(isPodReady(b)) - Number(isPodReady(a));
  if (ready) return ready;
  const restarts = podRestarts(b) - podRestarts(a);
  if (restarts) return restarts;
  const age = Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '');
  return age || (a.metadata.name < b.metadata.name ? -1 : 1);
}

interface Target {
  pods: PodObject[];
  notice?: string;
}

/** The pods a `TYPE/NAME` (or bare pod name) stands for. */
function resolveTarget(ctx: CommandContext, word: string, namespace: string): Target {
  const slash = word.indexOf('/');
  const kindWord = slash < 0 ? 'pods' : word.slice(0, slash);
  const name = slash < 0 ? word : word.slice(slash + 1);
  const info = resolveKind(kindWord);
  if (info.kind === 'Pod') {
    const pod = getObject<PodObject>(ctx.state, 'Pod', namespace, name);
    if (!pod) throw new CommandError(`Error from server (NotFound): pods "${name}" not found`);
    return { pods: [pod] };
  }
  const owner = getObject<KObject & { spec?: { selector?: Parameters<typeof selectorMatches>[0] } }>(ctx.state, info.kind, namespace, name);
  const resource = info.group ? `${info.plural}.${info.group}` : info.plural;
  if (!owner) throw new CommandError(`Error from server (NotFound): ${resource} "${name}" not found`);
  const selector = owner.spec?.selector;
  if (!selector) throw new CommandError(`error: cannot get the logs from ${info.kind}`);
  const pods = listObjects<PodObject>(ctx.state, 'Pod', namespace)
    .filter((p) => selectorMatches(selector, p.metadata.labels))
    .sort(byLogging);
  const first = pods[0];
  if (!first) throw new CommandError(`error: timed out waiting for the condition`);
  return { pods: [first], notice: pods.length > 1 ? `Found ${pods.length} pods, using pod/${first.metadata.name}` : undefined };
}

interface LogOptions {
  container?: string;
  allContainers: boolean;
  previous: boolean;
  tail?: number;
  timestamps: boolean;
  prefix: boolean;
}

function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The log text of one container of one pod, or kubectl's error for it. */
function containerLogs(ctx: CommandContext, pod: PodObject, name: string, opts: LogOptions): string[] {
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === name);
  if (!spec) throw new CommandError(`error: container ${name} is not valid for pod ${pod.metadata.name}`);
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return [];
  const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((c) => c.name === name);
  const state = status?.state;
  const lastRun = status?.lastState?.terminated;
  let startedAt: string | undefined;
  if (opts.previous) {
    if (!lastRun) throw new CommandError(`Error from server (BadRequest): previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
    startedAt = lastRun.startedAt;
  } else if (state?.running) startedAt = state.running.startedAt;
  else if (state?.terminated) startedAt = state.terminated.startedAt;
  else if (status?.containerID && lastRun) startedAt = lastRun.startedAt;
  else {
    const reason = state?.waiting?.reason ?? 'ContainerCreating';
    const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    throw new CommandError(`Error from server (BadRequest): container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${why}`);
  }
  if (ctx.state.runtime.nodes[nodeName]?.kubeletUp === false) {
    const node = getObject<Node & KObject>(ctx.state, 'Node', undefined, nodeName);
    const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
    throw new CommandError(
      `Error from server: Get "https://${ip}:10250/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${name}": dial tcp ${ip}:10250: i/o timeout`,
    );
  }
  const at = Date.parse(startedAt ?? '') || ctx.state.epochMs + ctx.state.now;
  let lines = containerLogLines(pod as Pod, spec, { startedAtMs: at });
  if (opts.tail !== undefined && opts.tail >= 0) lines = opts.tail === 0 ? [] : lines.slice(-opts.tail);
  if (opts.timestamps) lines = lines.map((l) => `${rfc3339Nano(at)} ${l}`);
  if (opts.prefix) lines = lines.map((l) => `[pod/${pod.metadata.name}/${name}] ${l}`);
  return lines;
}

function podLogs(ctx: CommandContext, pod: PodObject, opts: LogOptions, out: string[]): void {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  if (opts.allContainers) {
    for (const name of [...(pod.spec?.initContainers ?? []).map((c) => c.name), ...names]) out.push(...containerLogs(ctx, pod, name, opts));
    return;
  }
  let name = opts.container;
  if (!name) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    name = annotated && names.includes(annotated) ? annotated : names[0] ?? '';
    if (!annotated && (names.length > 1 || (pod.spec?.initContainers?.length ?? 0) > 0)) {
      const all = [...names, ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ');
      out.push(`Defaulted container "${name}" out of: ${all}`);
    }
  }
  out.push(...containerLogs(ctx, pod, name, opts));
}

/** Runs `kubectl logs …`. */
export function logsCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { container: 'container', c: 'container', namespace: 'namespace', n: 'namespace', selector: 'selector', l: 'selector', tail: 'tail', 'max-log-requests': 'max', since: 'since' },
    booleans: { follow: 'follow', f: 'follow', previous: 'previous', p: 'previous', timestamps: 'timestamps', 'all-containers': 'all', prefix: 'prefix', 'ignore-errors': 'ignore' },
  });
  const namespace = args.flags['namespace'] ?? 'default';
  const tailText = args.flags['tail'];
  const tail = tailText === undefined ? undefined : Number(tailText);
  if (tail !== undefined && !Number.isInteger(tail)) throw new CommandError(`error: invalid argument "${tailText}" for "--tail" flag: strconv.ParseInt: parsing "${tailText}": invalid syntax`);
  const selectorText = args.flags['selector'];
  const opts: LogOptions = {
    container: args.flags['container'] || args.positional[1],
    allContainers: flagOn(args, 'all'),
    previous: flagOn(args, 'previous'),
    tail: tail ?? (selectorText !== undefined ? 10 : undefined),
    timestamps: flagOn(args, 'timestamps'),
    prefix: flagOn(args, 'prefix'),
  };
  const out: string[] = [];
  try {
    collect(ctx, args.positional, selectorText, namespace, Number(args.flags['max'] ?? 5), opts, out);
  } catch (e) {
    // What was printed before the error (a `Defaulted container` notice, earlier pods) stays on screen.
    if (out.length && e instanceof CommandError) ctx.term.print(out.join('\n'));
    throw e;
  }
  if (out.length) ctx.term.print(out.join('\n'));
  return 0;
}

function collect(ctx: CommandContext, positional: string[], selectorText: string | undefined, namespace: string, max: number, opts: LogOptions, out: string[]): void {
  if (selectorText !== undefined) {
    if (positional.length) throw new CommandError('error: only a selector (-l) or a POD name is allowed');
    const selector = safeSelector(selectorText);
    const pods = listObjects<PodObject>(ctx.state, 'Pod', namespace).filter((p) => matches(selector, p.metadata.labels));
    if (pods.length > max) {
      throw new CommandError(
        `error: you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`,
      );
    }
    if (pods.length === 0) {
      out.push(`No resources found in ${namespace} namespace.`);
      return;
    }
    for (const pod of pods) podLogs(ctx, pod, opts, out);
    return;
  }
  const word = positional[0];
  if (!word) throw new CommandError(USAGE);
  const target = resolveTarget(ctx, word, namespace);
  if (target.notice) out.push(target.notice);
  for (const pod of target.pods) podLogs(ctx, pod, opts, out);
}
