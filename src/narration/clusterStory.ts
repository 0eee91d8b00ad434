/**
 * Narration rules for nodes, StatefulSets and claims: a node that stops answering or is cordoned,
 * a StatefulSet created, scaled or deleted (its claims stay), and the birth of claims (remembered
 * so that a pod coming back can be told it keeps its claim).
 */
import type { Node } from 'kubernetes-types/core/v1';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { KObject } from '../model/objects';
import type { PodObject } from '../model/pod';
import { listObjects } from '../engine/store';
import type { StoryContext } from './narrate';
import type { NodeDigest, SetDigest } from './narrationLine';

const UNREACHABLE_TAINTS = ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready'];

/** Node Ready going away and coming back; cordon and uncordon. */
export function narrateNodeChange(ctx: StoryContext): void {
  const { change, memory } = ctx;
  const node = change.object as Node & KObject;
  const name = node.metadata.name;
  if (change.type === 'DELETED') {
    delete memory.nodes[name];
    return;
  }
  const now = digestNode(node);
  const before = memory.nodes[name];
  memory.nodes[name] = now;
  if (!before) return;
  if (before.ready && !now.ready) ctx.say('nodeStoppedAnswering', { node: name, delay: formatDelay(evictionDelayMs(ctx, name)) });
  else if (!before.ready && now.ready) ctx.say('nodeReadyAgain', { node: name });
  if (!before.unschedulable && now.unschedulable) ctx.say('nodeCordoned', { node: name });
  else if (before.unschedulable && !now.unschedulable) ctx.say('nodeUncordoned', { node: name });
}

function digestNode(node: Node): NodeDigest {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return { ready, unschedulable: node.spec?.unschedulable === true };
}

/**
 * How long the pods on a node tolerate it being unreachable before the taint manager marks them
 * for deletion: the smallest NoExecute toleration among them (300 s by default, R10.6).
 */
function evictionDelayMs(ctx: StoryContext, node: string): number {
  let seconds: number | undefined;
  for (const pod of listObjects<PodObject>(ctx.state, 'Pod')) {
    if (pod.spec?.nodeName !== node) continue;
    for (const t of pod.spec.tolerations ?? []) {
      if (t.effect !== 'NoExecute' || t.tolerationSeconds === undefined || !UNREACHABLE_TAINTS.includes(t.key ?? '')) continue;
      seconds = Math.min(seconds ?? Infinity, t.tolerationSeconds);
    }
  }
  return (seconds ?? ctx.state.config.timing.defaultTolerationSeconds) * 1000;
}

/** `300000` → `5m`, `90000` → `1m30s`, `20000` → `20s` (kubectl's duration notation). */
export function formatDelay(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (!minutes) return `${seconds}s`;
  return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}

/** A StatefulSet created, scaled up or down, deleted (and which claims stay). */
export function narrateSetChange(ctx: StoryContext): void {
  const { change, memory } = ctx;
  const set = change.object as StatefulSet & KObject;
  const name = set.metadata.name;
  const before = memory.sets[change.key];
  if (change.type === 'DELETED') {
    delete memory.sets[change.key];
    if (!before) return;
    const claims = before.keepsClaimsOnDelete ? claimsOfSet(ctx, set.metadata.namespace, name, before.templates) : [];
    if (claims.length) ctx.say('setDeletedClaimsStay', { set: name, claims: claims.join(', ') });
    else ctx.say('setDeleted', { set: name });
    return;
  }
  const now: SetDigest = {
    replicas: set.spec?.replicas ?? 1,
    ordered: set.spec?.podManagementPolicy !== 'Parallel',
    templates: (set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? ''),
    keepsClaimsOnScale: set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete',
    keepsClaimsOnDelete: set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted !== 'Delete',
  };
  if (before?.lastRemoved !== undefined && now.replicas <= before.replicas) now.lastRemoved = before.lastRemoved;
  memory.sets[change.key] = now;
  if (!before) {
    ctx.say(now.ordered ? 'setCreated' : 'setCreatedParallel', { set: name, replicas: now.replicas });
    return;
  }
  if (now.replicas > before.replicas) ctx.say(now.ordered ? 'setScaledUp' : 'setScaledUpParallel', { set: name, from: before.replicas, to: now.replicas });
  else if (now.replicas < before.replicas) ctx.say('setScaledDown', { set: name, from: before.replicas, to: now.replicas });
}

/** Claims of a set that exist now, by the `<template>-<set>-<ordinal>` naming (R7.1). */
function claimsOfSet(ctx: StoryContext, namespace: string | undefined, set: string, templates: string[]): string[] {
  const prefix = `${namespace ?? 'default'}/`;
  const names = Object.keys(ctx.memory.claimsBornAt)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .filter((claim) => templates.some((t) => claim.startsWith(`${t}-${set}-`) && /^\d+$/.test(claim.slice(t.length + set.length + 2))));
  return names.sort(byOrdinal);
}

/** `www-web-2` before `www-web-10`. */
function byOrdinal(a: string, b: string): number {
  const number = (s: string) => Number(/(\d+)$/.exec(s)?.[1] ?? 0);
  return a.replace(/\d+$/, '') === b.replace(/\d+$/, '') ? number(a) - number(b) : a < b ? -1 : 1;
}

/** Claims are not narrated on their own: their pod's line says "gets its own claim" or "keeps its claim". */
export function rememberClaim(ctx: StoryContext): void {
  const { change, memory } = ctx;
  if (change.type === 'ADDED') memory.claimsBornAt[change.key] = change.at;
  else if (change.type === 'DELETED') delete memory.claimsBornAt[change.key];
  // First seen modified (a memory taken mid-log): the claim predates everything we read.
  else memory.claimsBornAt[change.key] ??= -1;
}
