// The gallery's scenario titles in the reader's language. A scenario's English title is in its
// file (`metadata.title`); the `scenarios` namespace translates it, keyed by scenario name. A
// title that is not the bundled one (a user's own scenario, an edited copy in a share link) is
// shown as its file says.
import type { TFunction } from 'i18next';
import { bundledResources } from './i18n';

type ScenarioStrings = Record<string, { title?: string } | undefined>;

const english = (bundledResources()['en']?.['scenarios'] ?? {}) as ScenarioStrings;

/** The bundled scenario whose English title is `title`, if any. */
export function scenarioNameOfTitle(title: string): string | undefined {
  return Object.keys(english).find((name) => english[name]?.title === title);
}

/**
 * `englishTitle` translated with `t` when it is the title of a bundled scenario (of `name`, when
 * given); otherwise `englishTitle` unchanged.
 */
export function localizedScenarioTitle(t: TFunction, englishTitle: string, name?: string): string {
  const known = name !== undefined ? (english[name]?.title === englishTitle ? name : undefined) : scenarioNameOfTitle(englishTitle);
  return known === undefined ? englishTitle : t(`${known}.title`, { ns: 'scenarios' });
}
