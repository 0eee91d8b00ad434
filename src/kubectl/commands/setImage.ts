/**
 * `kubectl set image` (R8 — the usual way to start a rolling update), after
 * `staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go`: every
 * `<container>=<image>` pair (`*` for all containers) is set in the pod
 * template of each named workload (init containers included), or in a bare
 * pod's own spec (a pod's image is one of its few mutable fields). Objects
 * that changed print `<resource>/<name> image updated`; unchanged ones print
 * nothing, as kubectl skips empty patches.
 *
 * Other `kubectl set` subcommands (env, resources, selector, serviceaccount,
 * subject) are not simulated. Left out: `--local`, `--dry-run`, `-o`, `--all`.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { kindInfo, qualifiedResource } from '../../model/kinds';
import { CommandError, type CommandContext } from './context';
import { parseArgs } from './flags';
import { podSpecOf, selectTargets, writeObject } from './workloadEdits';

/** Go type names kubectl prints when an object has no pod template. */
const GO_TYPES: Record<string, string> = { Service: '*v1.Service', PersistentVolumeClaim: '*v1.PersistentVolumeClaim', ConfigMap: '*v1.ConfigMap' };

function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (c.name === name || name === '*') {
      found = true;
      c.image = image;
    }
  }
  return found;
}

/** `cmdutil.GetResourcesAndPairs`: words with `=` are pairs, the rest name resources (pairs come last). */
function splitPairs(words: string[]): { resources: string[]; pairs: [string, string][] } {
  const resources: string[] = [];
  const pairs: [string, string][] = [];
  for (const word of words) {
    if (!word.includes('=')) {
      if (pairs.length) throw new CommandError(`error: all resources must be specified before image changes: ${word}`);
      resources.push(word);
      continue;
    }
    const at = word.indexOf('=');
    const name = word.slice(0, at);
    const image = word.slice(at + 1);
    if (!name || !image) throw new CommandError(`error: invalid image format: ${word}`);
    pairs.push([name, image]);
  }
  return { resources, pairs };
}

/** `kubectl set image <resource> <container>=<image> …`. */
export function setImageCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, { values: { namespace: 'namespace', n: 'namespace', selector: 'selector', l: 'selector' }, booleans: {} });
  const { resources, pairs } = splitPairs(args.positional);
  const problems: string[] = [];
  if (resources.length === 0) problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (pairs.length === 0) problems.push('at least one image update is required');
  else if (pairs.length > 1 && pairs.some(([name]) => name === '*')) {
    problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  }
  if (problems.length === 1) throw new CommandError(`error: ${problems[0]}`);
  if (problems.length > 1) throw new CommandError(`error: [${problems.join(', ')}]`);

  const { objects, errors } = selectTargets(ctx, { ...args, positional: resources });
  const failures: string[] = [];
  for (const obj of objects) {
    if (!podSpecOf(obj)) {
      const plural = kindInfo(obj.kind)?.plural ?? obj.kind.toLowerCase();
      failures.push(`error: ${plural}/${obj.metadata.name} the object is not a pod or does not have a pod template: ${GO_TYPES[obj.kind] ?? `*v1.${obj.kind}`}`);
      continue;
    }
    const missing: string[] = [];
    const result = writeObject(ctx, obj, (draft) => {
      const spec = podSpecOf(draft);
      for (const [name, image] of pairs) {
        const inInit = setImage(spec?.initContainers, name, image);
        const inMain = setImage(spec?.containers, name, image);
        if (!inInit && !inMain) missing.push(`error: unable to find container named "${name}"`);
      }
    });
    failures.push(...missing);
    if (result.error) {
      failures.push(`failed to patch image update to pod template: ${result.error}`);
      continue;
    }
    if (result.changed) ctx.term.print(`${qualifiedResource(obj.kind)}/${obj.metadata.name} image updated`);
  }
  for (const line of [...failures, ...errors]) ctx.term.print(line);
  return failures.length || errors.length ? 1 : 0;
}

/** `kubectl set <subcommand>`: only `image` is simulated. */
export function setCommand(ctx: CommandContext, words: string[]): number {
  const [sub, ...rest] = words;
  if (sub === 'image') return setImageCommand(ctx, rest);
  if (sub === undefined) throw new CommandError('Configure application resources.\nAvailable Commands: image');
  if (['env', 'resources', 'selector', 'serviceaccount', 'subject'].includes(sub)) {
    throw new CommandError(`error: Ordinal does not simulate "kubectl set ${sub}" yet`);
  }
  throw new CommandError(`error: unknown command "${sub}" for "kubectl set"`);
}
