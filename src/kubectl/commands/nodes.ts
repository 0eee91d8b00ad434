/**
 * Node maintenance: `kubectl cordon`, `uncordon` (R10.7), `drain` (R13.1, after
 * `staging/src/k8s.io/kubectl/pkg/drain` and `pkg/cmd/drain`, with evictions
 * through the eviction API of `engine/eviction.ts`, so PodDisruptionBudgets
 * are respected) and `taint`.
 *
 * Drain leaves out: `--selector` (several nodes), `--disable-eviction`,
 * `--skip-wait-for-delete-timeout`, dry runs, and the 1 s polling of the
 * wait (an evicted pod is reported the instant it is gone or replaced).
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { evictPod } from '../../engine/eviction';
import { getObject, listObjects, updateObject } from '../../engine/store';
import { goDuration, parseDuration, toTimestamp } from '../../model/duration';
import { matches, parseSelector, type Selector } from '../../model/labelSelector';
import { controllerOf, type KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { DEFAULT_WAIT_MS, waitFor } from './wait';

type NodeObject = Node & KObject;
const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

function requireNode(ctx: CommandContext, name: string | undefined): NodeObject {
  if (!name) throw new CommandError('error: resource(s) were provided, but no name was specified');
  const node = getObject<NodeObject>(ctx.state, 'Node', undefined, name);
  if (!node) throw new CommandError(`Error from server (NotFound): nodes "${name}" not found`);
  return node;
}

/** Sets spec.unschedulable and the matching taint; returns false when already in that state. */
function setUnschedulable(ctx: CommandContext, node: NodeObject, on: boolean): boolean {
  if (Boolean(node.spec?.unschedulable) === on) return false;
  updateObject<NodeObject>(ctx.state, 'Node', undefined, node.metadata.name, (n) => {
    const spec = (n.spec ??= {});
    const taints = (spec.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE_TAINT);
    if (on) {
      spec.unschedulable = true;
      taints.push({ key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule', timeAdded: toTimestamp(ctx.state.epochMs + ctx.state.now) });
    } else delete spec.unschedulable;
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
  });
  return true;
}

export function cordonCommand(ctx: CommandContext, words: string[], on: boolean): number {
  const args = parseArgs(words, { values: {}, booleans: {} });
  const node = requireNode(ctx, args.positional[0]);
  const changed = setUnschedulable(ctx, node, on);
  const verb = on ? 'cordoned' : 'uncordoned';
  ctx.term.print(`node/${node.metadata.name} ${changed ? verb : `already ${verb}`}`);
  return 0;
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** `kubectl drain`'s verdict on one pod (drain `PodDeleteStatus`). */
interface PodVerdict {
  delete: boolean;
  /** `Warning` / `Error` message, grouped over pods when printed. */
  warning?: string;
  error?: string;
}

interface DrainFlags {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  podSelector?: Selector;
}

function isFinished(pod: PodObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The drain filters (`pkg/drain/filters.go`) in their order: DaemonSet,
 * mirror pod, local storage, no controller. Like upstream, a later filter's
 * verdict replaces an earlier one's warning.
 */
function podVerdict(ctx: CommandContext, pod: PodObject, flags: DrainFlags): PodVerdict {
  const owner = controllerOf(pod);
  const filters: (() => PodVerdict)[] = [
    () => {
      if (owner?.kind !== 'DaemonSet' || isFinished(pod)) return { delete: true };
      if (!getObject(ctx.state, 'DaemonSet', pod.metadata.namespace, owner.name)) {
        const missing = `daemonsets.apps "${owner.name}" not found`;
        return flags.force ? { delete: true, warning: missing } : { delete: false, error: missing };
      }
      if (!flags.ignoreDaemonSets) return { delete: false, error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
      return { delete: false, warning: 'ignoring DaemonSet-managed Pods' };
    },
    () => (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined ? { delete: false } : { delete: true }),
    () => {
      if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir) || isFinished(pod)) return { delete: true };
      if (!flags.deleteEmptyDirData) return { delete: false, error: 'Pods with local storage (use --delete-emptydir-data to override)' };
      return { delete: true, warning: 'deleting Pods with local storage' };
    },
    () => {
      if (isFinished(pod) || owner) return { delete: true };
      if (flags.force) return { delete: true, warning: 'deleting Pods that declare no controller' };
      return { delete: false, error: 'Pods declare no controller (use --force to override)' };
    },
  ];
  let verdict: PodVerdict = { delete: true };
  for (const filter of filters) {
    verdict = filter();
    if (!verdict.delete) break;
  }
  return verdict;
}

/** Groups `pod → message` into `<message>: ns/a, ns/b` texts, in order of first appearance. */
function grouped(entries: [string, PodObject][], format: (message: string, pods: string) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const [message, pod] of entries) {
    const list = groups.get(message) ?? [];
    list.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
    groups.set(message, list);
  }
  return [...groups].map(([message, pods]) => format(message, pods.join(', ')));
}

/** `GetPodsForDeletion`: the pods to evict, and the warnings and errors about the rest. */
function podsForDeletion(ctx: CommandContext, node: string, flags: DrainFlags): { pods: PodObject[]; warnings: string[]; errors: string[] } {
  const onNode = listObjects<PodObject>(ctx.state, 'Pod').filter(
    (p) => p.spec?.nodeName === node && (!flags.podSelector || matches(flags.podSelector, p.metadata.labels)),
  );
  const verdicts = onNode.map((pod) => [pod, podVerdict(ctx, pod, flags)] as const);
  return {
    pods: verdicts.filter(([, v]) => v.delete).map(([pod]) => pod),
    warnings: grouped(
      verdicts.flatMap(([pod, v]) => (v.warning ? [[v.warning, pod] as [string, PodObject]] : [])),
      (message, pods) => `${message}: ${pods}`,
    ),
    errors: grouped(
      verdicts.flatMap(([pod, v]) => (v.error ? [[v.error, pod] as [string, PodObject]] : [])),
      (message, pods) => (message.toLowerCase().startsWith('cannot delete') ? `${message}: ${pods}` : `cannot delete ${message}: ${pods}`),
    ),
  };
}

/** `utilerrors.NewAggregate(errs).Error()`: one error as is, several in brackets. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`;
}

/** One pod the drain evicts: retrying (a 429 came back) or waiting for the pod to go. */
interface Eviction {
  pod: PodObject;
  uid: string;
  phase: 'evicting' | 'waiting' | 'done';
  retryAt: number;
}

/**
 * `evictPods`: evicts every pod in parallel, retrying each refused eviction
 * every `drainRetryMs` of simulated time, and waits for each evicted pod to be
 * gone or replaced by a pod of the same name with a new uid. Returns the
 * errors, in the order they happened.
 */
function evictAll(ctx: CommandContext, pods: PodObject[], gracePeriodSeconds: number | undefined, timeoutMs: number, timeoutText: string): string[] {
  const state = ctx.state;
  const deadline = state.now + timeoutMs;
  const errors: string[] = [];
  const evictions: Eviction[] = pods.map((pod) => ({ pod, uid: pod.metadata.uid ?? '', phase: 'evicting', retryAt: state.now }));
  const options = gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds };
  const attempt = (e: Eviction) => {
    const { namespace = 'default', name } = e.pod.metadata;
    ctx.term.print(`evicting pod ${namespace}/${name}`);
    if (state.now >= deadline) {
      e.phase = 'done';
      errors.push(`error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${timeoutText}`);
      return;
    }
    const outcome = evictPod(state, namespace, name, options);
    if (outcome.code === 200) e.phase = 'waiting';
    else if (outcome.code === 404) e.phase = 'done';
    else if (outcome.code === 429) {
      ctx.term.print(`error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${outcome.message}`);
      // kubectl's text says 5s whatever the scenario's timing; a zero delay would never let time advance.
      e.retryAt = state.now + Math.max(1, state.config.timing.drainRetryMs);
    } else {
      e.phase = 'done';
      errors.push(`error when evicting pods/"${name}" -n "${namespace}": ${outcome.message}`);
    }
  };
  const gone = (e: Eviction) => {
    const now = getObject<PodObject>(state, 'Pod', e.pod.metadata.namespace, e.pod.metadata.name);
    return !now || now.metadata.uid !== e.uid;
  };
  const settle = () => {
    for (const e of evictions) {
      if (e.phase !== 'waiting' || !gone(e)) continue;
      ctx.term.print(`pod/${e.pod.metadata.name} evicted`);
      e.phase = 'done';
    }
  };
  for (const e of evictions) attempt(e);
  for (;;) {
    settle();
    const open = evictions.filter((e) => e.phase !== 'done');
    if (open.length === 0) return errors;
    const wakeups = open.filter((e) => e.phase === 'evicting').map((e) => e.retryAt);
    if (state.now < deadline) wakeups.push(deadline);
    const wakeAt = Math.min(...wakeups);
    if (wakeAt > state.now) waitFor(ctx, () => evictions.some((e) => e.phase === 'waiting' && gone(e)), wakeAt - state.now);
    settle();
    if (state.now >= deadline) {
      for (const e of evictions.filter((x) => x.phase === 'waiting')) {
        e.phase = 'done';
        errors.push(`error when waiting for pod "${e.pod.metadata.name}" in namespace "${e.pod.metadata.namespace}" to terminate: global timeout reached: ${timeoutText}`);
      }
    }
    for (const e of evictions) if (e.phase === 'evicting' && e.retryAt <= state.now) attempt(e);
  }
}

/** Prints `drain`'s failure for one node (RunDrain + cmdutil.CheckErr) and returns the exit code. */
function drainFailed(ctx: CommandContext, node: string, errors: string[]): number {
  ctx.term.print(`error: unable to drain node "${node}" due to error: ${aggregate(errors)}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${errors.join('\n')}`);
  return 1;
}

/**
 * `kubectl drain <node>` (R13.1): cordon, classify the node's pods, evict the
 * rest through the eviction API (R13.2) — parallel, retrying refusals every
 * 5 s of simulated time — and wait for each to be gone or replaced. Without
 * `--timeout` kubectl waits forever; this gives up after DEFAULT_WAIT_MS with
 * kubectl's timeout errors.
 */
export function drainCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { timeout: 'timeout', 'grace-period': 'grace-period', selector: 'selector', l: 'selector', 'pod-selector': 'pod-selector' },
    booleans: { 'ignore-daemonsets': 'ignore-daemonsets', 'delete-emptydir-data': 'delete-emptydir-data', 'delete-local-data': 'delete-emptydir-data', force: 'force' },
  });
  const timeoutFlag = args.flags['timeout'] ?? '0s';
  const timeoutMs = parseDuration(timeoutFlag);
  if (timeoutMs === undefined) throw new CommandError(`error: invalid argument "${timeoutFlag}" for "--timeout" flag: time: invalid duration "${timeoutFlag}"`);
  const grace = Number(args.flags['grace-period'] ?? -1);
  let podSelector: Selector | undefined;
  try {
    podSelector = args.flags['pod-selector'] ? parseSelector(args.flags['pod-selector']) : undefined;
  } catch (e) {
    throw new CommandError(`error: ${(e as Error).message}`);
  }
  const flags: DrainFlags = {
    ignoreDaemonSets: flagOn(args, 'ignore-daemonsets'),
    deleteEmptyDirData: flagOn(args, 'delete-emptydir-data'),
    force: flagOn(args, 'force'),
    podSelector,
  };
  const node = requireNode(ctx, args.positional[0]);
  const name = node.metadata.name;
  ctx.term.print(setUnschedulable(ctx, node, true) ? `node/${name} cordoned` : `node/${name} already cordoned`);
  const list = podsForDeletion(ctx, name, flags);
  if (list.errors.length) return drainFailed(ctx, name, list.errors);
  if (list.warnings.length) ctx.term.print(`Warning: ${list.warnings.join('; ')}`);
  const bounded = timeoutMs > 0 ? timeoutMs : DEFAULT_WAIT_MS;
  const errors = evictAll(ctx, list.pods, Number.isInteger(grace) && grace >= 0 ? grace : undefined, bounded, goDuration(bounded));
  if (errors.length) {
    const pending = podsForDeletion(ctx, name, flags).pods.map((p) => `pod/${p.metadata.name}`);
    if (pending.length) ctx.term.print(`There are pending pods in node "${name}" when an error occurred: ${aggregate(errors)}\n${pending.join('\n')}`);
    return drainFailed(ctx, name, errors);
  }
  ctx.term.print(`node/${name} drained`);
  return 0;
}

export function taintCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: {}, booleans: { overwrite: 'overwrite' } });
  const [kindWord, nodeName, ...specs] = args.positional;
  if (kindWord !== 'node' && kindWord !== 'nodes' && kindWord !== 'no') throw new CommandError('error: only nodes can be tainted');
  const node = requireNode(ctx, nodeName);
  if (specs.length === 0) throw new CommandError('error: at least one taint update is required');
  updateObject<NodeObject>(ctx.state, 'Node', undefined, node.metadata.name, (n) => {
    let taints: Taint[] = [...(n.spec?.taints ?? [])];
    for (const spec of specs) {
      const remove = spec.endsWith('-');
      const body = remove ? spec.slice(0, -1) : spec;
      const [keyValue, effect] = body.split(':') as [string, string | undefined];
      const [key, value] = keyValue.split('=') as [string, string | undefined];
      taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)));
      if (!remove) {
        if (!effect) throw new CommandError(`error: invalid taint spec: ${spec}, unknown effect`);
        taints.push({ key, ...(value !== undefined ? { value } : {}), effect, timeAdded: effect === 'NoExecute' ? toTimestamp(ctx.state.epochMs + ctx.state.now) : undefined } as Taint);
      }
    }
    const spec = (n.spec ??= {});
    if (taints.length) spec.taints = JSON.parse(JSON.stringify(taints));
    else delete spec.taints;
  });
  ctx.term.print(`node/${node.metadata.name} ${specs.every((s) => s.endsWith('-')) ? 'untainted' : 'tainted'}`);
  return 0;
}
