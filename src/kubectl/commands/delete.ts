/**
 * `kubectl delete` (R5.4–R5.6, R6.1, R6.6, R17.10): by name, `-l`, `--all` or
 * `-f`; `--grace-period`, `--force`, `--now`, `--cascade=background|foreground|orphan`,
 * `--wait`. Acknowledgements print first, then it blocks until the objects
 * (by UID) are gone.
 */
import { deleteObject, type Propagation } from '../../engine/deletion';
import { listObjects } from '../../engine/store';
import { parseManifests } from '../../manifest/parseManifests';
import { kindInfo, qualifiedResource } from '../../model/kinds';
import type { KObject } from '../../model/objects';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs } from './flags';
import { selectObjects } from './resources';
import { DEFAULT_WAIT_MS, waitFor } from './wait';

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

function ack(obj: KObject, operation: string): string {
  const info = kindInfo(obj.kind);
  const name = `${qualifiedResource(obj.kind)} "${obj.metadata.name}" ${operation}`;
  return info?.namespaced ? `${name} from ${obj.metadata.namespace ?? 'default'} namespace` : name;
}

export function deleteCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: {
      namespace: 'namespace', n: 'namespace', selector: 'selector', l: 'selector', 'grace-period': 'grace-period',
      cascade: 'cascade', filename: 'filename', f: 'filename', wait: 'wait', timeout: 'timeout',
    },
    booleans: { force: 'force', all: 'all', now: 'now', 'ignore-not-found': 'ignore-not-found' },
  });
  const namespace = args.flags['namespace'] ?? 'default';
  const cascade = (args.flags['cascade'] ?? 'background').toLowerCase();
  const propagation: Propagation = cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  let grace = args.flags['grace-period'] !== undefined ? Number(args.flags['grace-period']) : undefined;
  if (flagOn(args, 'now')) grace = 1;
  const force = flagOn(args, 'force');
  if (force && grace === undefined) grace = 0;
  if (grace === 0 && !force) {
    // kubectl turns --grace-period=0 without --force into 1 s (a graceful delete).
    grace = 1;
  }
  let targets: KObject[] = [];
  let errors: string[] = [];
  if (args.flags['filename']) {
    const text = ctx.files[args.flags['filename']];
    if (text === undefined) throw new CommandError(`error: the path "${args.flags['filename']}" does not exist`);
    for (const doc of parseManifests(text, args.flags['filename']).documents) {
      if (!doc.object) continue;
      const info = kindInfo(doc.object.kind);
      const ns = info?.namespaced ? doc.object.metadata.namespace ?? namespace : undefined;
      const found = listObjects<KObject>(ctx.state, doc.object.kind, ns).find((o) => o.metadata.name === doc.object?.metadata.name);
      if (found) targets.push(found);
      else if (info) errors.push(`Error from server (NotFound): error when deleting "${args.flags['filename']}": ${info.plural} "${doc.object.metadata.name}" not found`);
    }
  } else {
    if (args.positional.length === 1 && !args.positional[0]?.includes('/') && !args.flags['selector'] && !flagOn(args, 'all')) {
      throw new CommandError('error: resource(s) were provided, but no name was specified');
    }
    const result = selectObjects(ctx.state, args.positional, { namespace, selector: args.flags['selector'] });
    targets = result.selections.flatMap((s) => s.objects);
    errors = flagOn(args, 'ignore-not-found') ? [] : result.errors;
  }
  if (targets.length === 0 && errors.length === 0) {
    ctx.term.print(`No resources found`);
    return 0;
  }
  if (grace === 0 && force) ctx.term.print(FORCE_WARNING);
  const uids = new Map<string, KObject>();
  for (const obj of targets) {
    deleteObject(ctx.state, obj.kind, obj.metadata.namespace, obj.metadata.name, { gracePeriodSeconds: grace, propagation });
    ctx.term.print(ack(obj, grace === 0 && force ? 'force deleted' : 'deleted'));
    uids.set(obj.metadata.uid ?? '', obj);
  }
  for (const e of errors) ctx.term.print(e);
  const wait = args.flags['wait'] !== 'false';
  if (wait) {
    const gone = () =>
      [...uids.values()].every((o) => !listObjects<KObject>(ctx.state, o.kind, o.metadata.namespace).some((x) => x.metadata.uid === o.metadata.uid));
    if (!waitFor(ctx, gone, DEFAULT_WAIT_MS)) {
      const left = [...uids.values()].filter((o) => listObjects<KObject>(ctx.state, o.kind, o.metadata.namespace).some((x) => x.metadata.uid === o.metadata.uid));
      ctx.term.print(left.map((o) => `error: timed out waiting for the condition on ${kindInfo(o.kind)?.plural ?? o.kind}/${o.metadata.name}`).join('\n'));
      return 1;
    }
  }
  return errors.length ? 1 : 0;
}
