/** `kubectl describe <kind> [name…] [-l selector]`. */
import { describe } from '../printers/describe';
import { noResourcesMessage } from '../printers/getTable';
import type { CommandContext } from './context';
import { parseArgs } from './flags';
import { selectObjects } from './resources';

export function describeCommand(ctx: CommandContext, words: string[]): number {
  const args = parseArgs(words, {
    values: { namespace: 'namespace', n: 'namespace', selector: 'selector', l: 'selector' },
    booleans: { 'all-namespaces': 'all', A: 'all' },
  });
  const namespace = args.flags['namespace'] ?? 'default';
  const { selections, errors } = selectObjects(ctx.state, args.positional, { namespace, selector: args.flags['selector'], allNamespaces: args.flags['all'] === 'true' });
  const objects = selections.flatMap((s) => s.objects);
  if (objects.length) ctx.term.print(objects.map((o) => describe(ctx.state, o)).join('\n\n'));
  else if (!errors.length) ctx.term.print(noResourcesMessage(namespace));
  for (const e of errors) ctx.term.print(e);
  return errors.length ? 1 : 0;
}
