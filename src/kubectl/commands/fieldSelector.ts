/**
 * `--field-selector` as kubectl sends it: `key=value`, `key==value`,
 * `key!=value`, comma-separated, ANDed. Keys are dotted paths into the
 * object (`metadata.name`, `spec.nodeName`, `status.phase`,
 * `involvedObject.name` for events).
 */
import { CommandError } from './context';

interface Term {
  path: string[];
  value: string;
  negate: boolean;
}

export type FieldSelector = Term[];

export function parseFieldSelector(text: string): FieldSelector {
  return text
    .split(',')
    .filter((part) => part.trim())
    .map((part) => {
      const m = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
      if (!m) throw new CommandError(`error: invalid selector: '${text}'; can't understand '${part}'`);
      return { path: (m[1] as string).split('.'), value: m[3] as string, negate: m[2] === '!=' };
    });
}

function lookup(obj: unknown, path: string[]): string {
  let cur: unknown = obj;
  for (const key of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

/** True when every term holds for `obj`. */
export function fieldsMatch(selector: FieldSelector, obj: unknown): boolean {
  return selector.every((t) => (lookup(obj, t.path) === t.value) !== t.negate);
}
