// Renders a narration line (key + params from the worker) as a sentence in the reader's language.
// Object names arrive as params and are inserted as they are: they are never translated.
import type { TFunction } from 'i18next';
import type { NarrationLine } from '../../src/narration/narrationLine';

/** The i18next namespace of the narration sentences and of the event log's own words. */
export const NARRATION_NAMESPACE = 'narration';

/** The sentence for one line, e.g. "web-1 waits: web-0 is not Ready yet". */
export function narrationText(t: TFunction, line: Pick<NarrationLine, 'key' | 'params'>): string {
  return t(`lines.${line.key}`, { ...line.params, ns: NARRATION_NAMESPACE, defaultValue: line.key });
}
