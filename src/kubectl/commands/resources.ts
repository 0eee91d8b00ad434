/**
 * Resolving what a kubectl command names: `pods`, `sts web`, `sts/web`,
 * `pods,svc`, `all`, with `-n`, `-A` and `-l`, into store objects — with
 * kubectl's NotFound and "the server doesn't have a resource type" errors.
 */
import type { ClusterState } from '../../engine/clusterState';
import { getObject, listObjects } from '../../engine/store';
import { kindInfo, resolveResource, type KindInfo } from '../../model/kinds';
import { matches, parseSelector } from '../../model/labelSelector';
import type { KObject } from '../../model/objects';
import { CommandError } from './context';

/** Kinds `kubectl get all` lists, in kubectl's order. */
export const ALL_KINDS = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob'];

export function resolveKind(word: string): KindInfo {
  const info = resolveResource(word);
  if (!info) throw new CommandError(`error: the server doesn't have a resource type "${word}"`);
  return info;
}

/** Error text for a missing object: `Error from server (NotFound): pods "web-9" not found`. */
export function notFound(info: KindInfo, name: string): CommandError {
  const resource = info.group ? `${info.plural}.${info.group}` : info.plural;
  return new CommandError(`Error from server (NotFound): ${resource} "${name}" not found`);
}

export interface Selection {
  info: KindInfo;
  objects: KObject[];
  /** True when names were given explicitly (missing ones are errors). */
  byName: boolean;
}

export interface SelectOptions {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  /** Whether a bare kind with no names and no selector selects everything (get) or is an error (delete). */
  requireTarget?: boolean;
}

/**
 * Turns positional words into selections. Forms: `<kinds> [names…]` and
 * `<kind>/<name> …`. Missing names raise NotFound after the found ones are
 * collected (`errors`), as kubectl prints found objects and then errors.
 */
export function selectObjects(state: ClusterState, words: string[], opts: SelectOptions): { selections: Selection[]; errors: string[] } {
  if (words.length === 0) throw new CommandError('error: you must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.');
  const errors: string[] = [];
  const selections: Selection[] = [];
  const selector = opts.selector !== undefined ? safeSelector(opts.selector) : undefined;
  const ns = (info: KindInfo) => (info.namespaced ? (opts.allNamespaces ? undefined : opts.namespace) : undefined);
  const nsOfNamed = (info: KindInfo) => (info.namespaced ? opts.namespace : undefined);

  if (words.every((w) => w.includes('/'))) {
    for (const word of words) {
      const [kindWord, name] = word.split('/', 2) as [string, string];
      const info = resolveKind(kindWord);
      const obj = getObject<KObject>(state, info.kind, nsOfNamed(info), name);
      if (obj) pushInto(selections, info, obj, true);
      else errors.push(notFound(info, name).message);
    }
    return { selections, errors };
  }
  const [kindsWord, ...names] = words as [string, ...string[]];
  const infos = kindsWord
    .split(',')
    .flatMap((k) => (k === 'all' ? ALL_KINDS.map((kind) => kindInfo(kind) as KindInfo) : [resolveKind(k)]));
  if (names.length) {
    for (const info of infos) {
      const found: KObject[] = [];
      for (const name of names) {
        const obj = getObject<KObject>(state, info.kind, nsOfNamed(info), name);
        if (obj) found.push(obj);
        else errors.push(notFound(info, name).message);
      }
      if (found.length) selections.push({ info, objects: found, byName: true });
    }
    return { selections, errors };
  }
  for (const info of infos) {
    let objects = listObjects<KObject>(state, info.kind, ns(info));
    if (selector) objects = objects.filter((o) => matches(selector, o.metadata.labels));
    selections.push({ info, objects, byName: false });
  }
  return { selections, errors };
}

function pushInto(selections: Selection[], info: KindInfo, obj: KObject, byName: boolean): void {
  const last = selections[selections.length - 1];
  if (last && last.info.kind === info.kind) last.objects.push(obj);
  else selections.push({ info, objects: [obj], byName });
}

export function safeSelector(text: string) {
  try {
    return parseSelector(text);
  } catch (e) {
    throw new CommandError(`error: ${(e as Error).message}`);
  }
}

/** Splits `sts/web` or `sts web` into kind info and name (commands that act on one object). */
export function oneObject(words: string[], verb: string): { info: KindInfo; name: string } {
  if (words.length === 1 && words[0]?.includes('/')) {
    const [k, name] = (words[0] as string).split('/', 2) as [string, string];
    return { info: resolveKind(k), name };
  }
  if (words.length === 2) return { info: resolveKind(words[0] as string), name: words[1] as string };
  throw new CommandError(`error: resource(s) were provided, but no name was specified for ${verb}`);
}
