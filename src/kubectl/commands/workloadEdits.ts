/**
 * What `kubectl set image` and the `rollout` verbs share: resolving the
 * objects they name, finding the pod spec inside a workload (kubectl's
 * `UpdatePodSpecForObject` in
 * `staging/src/k8s.io/kubectl/pkg/polymorphichelpers/updatepodspec.go`) and
 * writing a changed object back the way a PATCH reaches the API server
 * (defaulted, then checked by update validation, R1.3).
 */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { getObject, updateObject } from '../../engine/store';
import { applyDefaults } from '../../manifest/defaults';
import { validateUpdate } from '../../manifest/validateUpdate';
import type { KindInfo } from '../../model/kinds';
import type { KObject } from '../../model/objects';
import type { CommandContext } from './context';
import type { ParsedArgs } from './flags';
import { selectObjects } from './resources';

/** Kinds whose pod template sits at `spec.template`. */
const TEMPLATE_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'];

/** The pod template of a workload (`spec.template`, or the CronJob's job template's), if it has one. */
export function podTemplateOf(obj: KObject): PodTemplateSpec | undefined {
  const spec = obj['spec'] as { template?: PodTemplateSpec; jobTemplate?: { spec?: { template?: PodTemplateSpec } } } | undefined;
  if (TEMPLATE_KINDS.includes(obj.kind)) return spec?.template;
  if (obj.kind === 'CronJob') return spec?.jobTemplate?.spec?.template;
  return undefined;
}

/** The pod spec a `set image` edits: the pod's own spec, or its template's. */
export function podSpecOf(obj: KObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj['spec'] as PodSpec | undefined;
  return podTemplateOf(obj)?.spec;
}

/** `statefulsets.apps`, `pods`: the resource string kubectl puts in its per-object errors. */
export function resourceString(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** What writing an edited object produced. */
export interface SpecWrite {
  /** The object as stored afterwards. */
  object?: KObject;
  /** True when the store really changed. */
  changed: boolean;
  /** The API server's refusal (update validation), in kubectl's wording. */
  error?: string;
}

/**
 * Applies `mutate` to a copy of the stored object and writes it back if the
 * API server would accept it. Status is never touched (clients PATCH the main
 * resource, not `/status`).
 */
export function writeObject(ctx: CommandContext, obj: KObject, mutate: (draft: KObject) => void): SpecWrite {
  const current = getObject<KObject>(ctx.state, obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!current) return { changed: false };
  const draft = JSON.parse(JSON.stringify(current)) as KObject;
  mutate(draft);
  const desired = applyDefaults(draft);
  const problem = validateUpdate(current, desired);
  if (problem) return { object: current, changed: false, error: problem };
  const before = JSON.stringify(current);
  const after = updateObject<KObject>(ctx.state, current.kind, current.metadata.namespace, current.metadata.name, (o) => {
    for (const key of Object.keys(o)) if (key !== 'status') delete (o as Record<string, unknown>)[key];
    Object.assign(o, desired, { status: current['status'], metadata: { ...desired.metadata, resourceVersion: current.metadata.resourceVersion } });
  });
  return { object: after ?? current, changed: after !== undefined && JSON.stringify(after) !== before };
}

/** The objects a command names (`sts/web`, `sts web`, `sts -l app=nginx`), and NotFound errors for missing ones. */
export function selectTargets(ctx: CommandContext, args: ParsedArgs): { objects: KObject[]; errors: string[] } {
  const namespace = args.flags['namespace'] ?? 'default';
  const { selections, errors } = selectObjects(ctx.state, args.positional, { namespace, selector: args.flags['selector'] });
  return { objects: selections.flatMap((s) => s.objects), errors };
}
