/**
 * `kubectl get` (R17): tables per kind, `-o wide|yaml|json|name`, `-l`,
 * `-n`/`-A`, `--show-labels`, and `-w` streams.
 */
import type { EventRecord } from '../../engine/clusterState';
import { printEvents } from '../printers/events';
import { printJson, printNames, printYaml } from '../printers/formats';
import { noResourcesMessage } from '../printers/getTable';
import { printTable } from '../printers/getTable';
import type { KObject } from '../../model/objects';
import { CommandError, type CommandContext } from './context';
import { flagOn, parseArgs, type FlagSpec } from './flags';
import { fieldsMatch, parseFieldSelector } from './fieldSelector';
import { selectObjects } from './resources';

export const GET_FLAGS: FlagSpec = {
  values: { namespace: 'namespace', n: 'namespace', output: 'output', o: 'output', selector: 'selector', l: 'selector', 'field-selector': 'field-selector' },
  booleans: { watch: 'watch', w: 'watch', 'all-namespaces': 'all', A: 'all', 'show-labels': 'show-labels', 'no-headers': 'no-headers', 'watch-only': 'watch-only' },
};

function eventsInScope(ctx: CommandContext, namespace: string | undefined): EventRecord[] {
  return ctx.state.events
    .filter((e) => namespace === undefined || (e.involved.namespace ?? 'default') === namespace || !e.involved.namespace)
    .slice()
    .sort((a, b) => a.lastAt - b.lastAt);
}

export function getCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, GET_FLAGS);
  const namespace = args.flags['namespace'] ?? 'default';
  const all = flagOn(args, 'all');
  const output = args.flags['output'];
  const watch = flagOn(args, 'watch') || flagOn(args, 'watch-only');
  const nowMs = ctx.state.epochMs + ctx.state.now;
  if (output && !['wide', 'yaml', 'json', 'name'].includes(output)) {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml`);
  }
  const first = args.positional[0]?.toLowerCase();
  if ((first === 'events' || first === 'event' || first === 'ev') && args.positional.length === 1 && !output) {
    const fields = args.flags['field-selector'] ? parseFieldSelector(args.flags['field-selector']) : undefined;
    const events = eventsInScope(ctx, all ? undefined : namespace).filter(
      (e) => !fields || fieldsMatch(fields, { involvedObject: e.involved, type: e.type, reason: e.reason, source: { component: e.source } }),
    );
    if (events.length === 0) ctx.term.print(noResourcesMessage(all ? undefined : namespace));
    else ctx.term.print(printEvents(ctx.state, events, { nowMs, wide: false }));
    return 0;
  }
  const { selections, errors } = selectObjects(ctx.state, args.positional, {
    namespace,
    allNamespaces: all,
    selector: args.flags['selector'],
  });
  if (args.flags['field-selector']) {
    const fields = parseFieldSelector(args.flags['field-selector']);
    for (const sel of selections) sel.objects = sel.objects.filter((o) => fieldsMatch(fields, o));
  }
  const objects: KObject[] = selections.flatMap((s) => s.objects);
  if (output === 'yaml' || output === 'json' || output === 'name') {
    if (objects.length) {
      const byName = selections.length === 1 && selections[0]?.byName && objects.length === 1;
      const text = output === 'yaml' ? printYaml(objects, Boolean(byName)) : output === 'json' ? printJson(objects, Boolean(byName)) : printNames(objects);
      ctx.term.print(text);
    }
  } else if (!watch) {
    const nonEmpty = selections.filter((s) => s.objects.length > 0);
    const tables = nonEmpty.map((s) =>
      printTable(ctx.state, s.info.kind, s.objects, {
        wide: output === 'wide',
        showLabels: flagOn(args, 'show-labels'),
        noHeaders: flagOn(args, 'no-headers'),
        withNamespace: all,
        withKind: selections.length > 1,
        nowMs,
      }),
    );
    if (tables.length) ctx.term.print(tables.join('\n\n'));
    else if (errors.length === 0 && !watch) {
      const cluster = selections.every((s) => !s.info.namespaced);
      ctx.term.print(noResourcesMessage(all || cluster ? undefined : namespace));
    }
  }
  for (const e of errors) ctx.term.print(e);
  if (watch) {
    ctx.openWatch({
      kinds: selections.map((s) => s.info.kind),
      namespace: all ? undefined : namespace,
      allNamespaces: all,
      selector: args.flags['selector'],
      names: selections.some((s) => s.byName) ? objects.map((o) => o.metadata.name) : [],
      wide: output === 'wide',
      fromSeq: ctx.state.counters.seq,
      initial: flagOn(args, 'watch-only') ? [] : objects,
    });
  }
  return errors.length ? 1 : 0;
}
