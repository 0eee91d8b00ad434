/**
 * Node maintenance: `kubectl cordon`, `uncordon` (R10.7), `drain` (R13.1, with
 * evictions through the eviction API) and `taint`.
 * PodDisruptionBudgets are not consulted yet (every eviction is allowed).
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';
import { deleteObject } from '../../engine/deletion';
import { getObject, listObjects, updateObject } from '../../engine/store';
import { toTimestamp } from '../../model/duration';
import { controllerOf, setStatus, type KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { DEFAULT_WAIT_MS, waitFor } from './wait';
import { parseDuration } from '../../model/duration';

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

function hasLocalStorage(pod: PodObject): boolean {
  return (pod.spec?.volumes ?? []).some((v) => v.emptyDir);
}

/** POST pods/eviction: marks the DisruptionTarget condition and deletes gracefully (R13.2). */
export function evictPod(ctx: CommandContext, pod: PodObject): void {
  const at = toTimestamp(ctx.state.epochMs + ctx.state.now);
  updateObject<PodObject>(ctx.state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
    const conditions = (p.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastTransitionTime: at, lastProbeTime: null as unknown as string });
    setStatus(p, { ...p.status, conditions });
  });
  deleteObject(ctx.state, 'Pod', pod.metadata.namespace, pod.metadata.name);
}

export function drainCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { timeout: 'timeout', 'grace-period': 'grace-period', selector: 'selector', l: 'selector', 'pod-selector': 'pod-selector' },
    booleans: { 'ignore-daemonsets': 'ignore-daemonsets', 'delete-emptydir-data': 'delete-emptydir-data', 'delete-local-data': 'delete-emptydir-data', force: 'force' },
  });
  const node = requireNode(ctx, args.positional[0]);
  const name = node.metadata.name;
  ctx.term.print(setUnschedulable(ctx, node, true) ? `node/${name} cordoned` : `node/${name} already cordoned`);
  const pods = listObjects<PodObject>(ctx.state, 'Pod').filter((p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const daemon = pods.filter((p) => controllerOf(p)?.kind === 'DaemonSet');
  const bare = pods.filter((p) => !controllerOf(p));
  const local = pods.filter((p) => hasLocalStorage(p) && controllerOf(p)?.kind !== 'DaemonSet');
  const problems: string[] = [];
  if (daemon.length && !flagOn(args, 'ignore-daemonsets')) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  if (bare.length && !flagOn(args, 'force')) problems.push(`cannot delete Pods declare no controller (use --force to override): ${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  if (local.length && !flagOn(args, 'delete-emptydir-data')) problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  if (problems.length) {
    ctx.term.print(`error: unable to drain node "${name}" due to error: ${problems.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${problems.map((p) => `error: ${p}`).join('\n')}`);
    return 1;
  }
  if (daemon.length) ctx.term.print(`Warning: ignoring DaemonSet-managed Pods: ${daemon.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  const targets = pods.filter((p) => controllerOf(p)?.kind !== 'DaemonSet');
  for (const pod of targets) {
    ctx.term.print(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}`);
    evictPod(ctx, pod);
  }
  const timeout = args.flags['timeout'] ? parseDuration(args.flags['timeout']) ?? DEFAULT_WAIT_MS : DEFAULT_WAIT_MS;
  const pending = new Map(targets.map((p) => [p.metadata.uid ?? '', p]));
  const report = () => {
    for (const [uid, pod] of [...pending]) {
      const now = getObject<PodObject>(ctx.state, 'Pod', pod.metadata.namespace, pod.metadata.name);
      if (!now || now.metadata.uid !== uid) {
        ctx.term.print(`pod/${pod.metadata.name} evicted`);
        pending.delete(uid);
      }
    }
    return pending.size === 0;
  };
  if (!report() && !waitFor(ctx, report, timeout)) {
    ctx.term.print(`error: unable to drain node "${name}" due to error: [${[...pending.values()].map((p) => `error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: global timeout reached: ${args.flags['timeout'] ?? '10m0s'}`).join(', ')}], continuing command...`);
    return 1;
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
