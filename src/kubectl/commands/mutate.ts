/**
 * Commands that edit one object: `kubectl scale` (R5.1), `kubectl patch`
 * (merge/strategic as JSON merge patch, and JSON patch), `kubectl label`.
 * Updates pass the same immutability checks as apply.
 */
import { getObject, updateObject } from '../../engine/store';
import { workloadLimitError } from '../../engine/limits';
import { applyDefaults } from '../../manifest/defaults';
import { validateUpdate } from '../../manifest/validateUpdate';
import { qualifiedResource } from '../../model/kinds';
import type { KObject } from '../../model/objects';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { notFound, oneObject, selectObjects } from './resources';

const SCALABLE = ['StatefulSet', 'Deployment', 'ReplicaSet'];

export function scaleCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: { replicas: 'replicas', namespace: 'namespace', n: 'namespace', 'current-replicas': 'current' }, booleans: {} });
  const replicas = Number(args.flags['replicas']);
  if (args.flags['replicas'] === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw new CommandError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  const namespace = args.flags['namespace'] ?? 'default';
  const { selections, errors } = selectObjects(ctx.state, args.positional, { namespace });
  for (const sel of selections) {
    if (!SCALABLE.includes(sel.info.kind)) throw new CommandError(`error: cannot scale a ${sel.info.kind}`);
    for (const obj of sel.objects) {
      const tooBig = workloadLimitError({ ...obj, spec: { ...(obj['spec'] as object), replicas } });
      if (tooBig) throw new CommandError(tooBig);
      updateObject<KObject & { spec: { replicas?: number } }>(ctx.state, obj.kind, obj.metadata.namespace, obj.metadata.name, (o) => {
        o.spec.replicas = replicas;
      });
      ctx.term.print(`${qualifiedResource(obj.kind)}/${obj.metadata.name} scaled`);
    }
  }
  for (const e of errors) ctx.term.print(e);
  return errors.length ? 1 : 0;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** RFC 6902 JSON patch (add, replace, remove, test). */
function jsonPatch(target: unknown, ops: { op: string; path: string; value?: unknown }[]): unknown {
  const doc = JSON.parse(JSON.stringify(target)) as Record<string, unknown>;
  for (const op of ops) {
    const parts = op.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    let node: unknown = doc;
    for (const p of parts) {
      node = (node as Record<string, unknown>)?.[p];
      if (node === undefined) throw new CommandError(`The request is invalid: the server rejected our request due to an error in our request`);
    }
    const container = node as Record<string, unknown> | unknown[];
    if (last === undefined) continue;
    if (op.op === 'remove') {
      if (Array.isArray(container)) container.splice(Number(last), 1);
      else delete container[last];
    } else if (op.op === 'add' && Array.isArray(container)) {
      container.splice(last === '-' ? container.length : Number(last), 0, op.value);
    } else if (op.op === 'add' || op.op === 'replace') {
      (container as Record<string, unknown>)[last] = op.value;
    }
  }
  return doc;
}

export function patchCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: { patch: 'patch', p: 'patch', type: 'type', namespace: 'namespace', n: 'namespace' }, booleans: {} });
  const { info, name } = oneObject(args.positional, 'patch');
  const namespace = info.namespaced ? args.flags['namespace'] ?? 'default' : undefined;
  const existing = getObject<KObject>(ctx.state, info.kind, namespace, name);
  if (!existing) throw notFound(info, name);
  const text = args.flags['patch'];
  if (text === undefined) throw new CommandError('error: must specify -p to patch');
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch {
    throw new CommandError(`error: unable to parse "${text}": yaml: did not find expected node content`);
  }
  const type = args.flags['type'] ?? 'strategic';
  const patched = (type === 'json' ? jsonPatch(existing, patch as { op: string; path: string }[]) : mergePatch(existing, patch)) as KObject;
  const desired = applyDefaults(patched);
  const problem = validateUpdate(existing, desired) ?? workloadLimitError(desired);
  if (problem) throw new CommandError(problem);
  const before = JSON.stringify(existing);
  const after = updateObject<KObject>(ctx.state, info.kind, namespace, name, (o) => {
    Object.assign(o, desired, { metadata: { ...desired.metadata, resourceVersion: o.metadata.resourceVersion } });
  });
  const changed = after !== undefined && JSON.stringify(after) !== before;
  ctx.term.print(`${qualifiedResource(info.kind)}/${name} patched${changed ? '' : ' (no change)'}`);
  return 0;
}

export function labelCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: { namespace: 'namespace', n: 'namespace' }, booleans: { overwrite: 'overwrite' } });
  const changes = args.positional.filter((w) => /=|-$/.test(w) && !w.includes('/'));
  const targetWords = args.positional.filter((w) => !changes.includes(w));
  const { info, name } = oneObject(targetWords, 'label');
  const namespace = info.namespaced ? args.flags['namespace'] ?? 'default' : undefined;
  const existing = getObject<KObject>(ctx.state, info.kind, namespace, name);
  if (!existing) throw notFound(info, name);
  for (const change of changes) {
    const key = change.endsWith('-') ? change.slice(0, -1) : change.split('=')[0] ?? '';
    if (!change.endsWith('-') && existing.metadata.labels?.[key] !== undefined && !flagOn(args, 'overwrite')) {
      throw new CommandError(`error: '${key}' already has a value (${existing.metadata.labels[key]}), and --overwrite is false`);
    }
  }
  updateObject<KObject>(ctx.state, info.kind, namespace, name, (o) => {
    const labels = { ...o.metadata.labels };
    for (const change of changes) {
      if (change.endsWith('-')) delete labels[change.slice(0, -1)];
      else {
        const [k, v] = change.split('=', 2) as [string, string];
        labels[k] = v;
      }
    }
    o.metadata.labels = labels;
  });
  ctx.term.print(`${qualifiedResource(info.kind)}/${name} labeled`);
  return 0;
}
