// Which bundled scenario the page opens: `?scenario=<name>` (a file of scenarios/ without .yaml),
// otherwise the default. An unknown name falls back to the default with a notice (in the page's
// language: i18next is initialised before the page chooses).
import { i18next } from '../i18n/i18n';

export interface ScenarioChoice {
  /** The scenario's name (also the key of its autosaved workspace). */
  name: string;
  text: string;
  /** Set when the URL asked for something that could not be opened. */
  notice?: string;
}

/** Picks the scenario named by the `scenario` query parameter of `search` (`?scenario=web-local-path`). */
export function chooseScenario(search: string, scenarios: Readonly<Record<string, string>>, fallback: string): ScenarioChoice {
  const wanted = new URLSearchParams(search).get('scenario');
  const fallbackText = scenarios[fallback];
  if (fallbackText === undefined) throw new Error(`the default scenario "${fallback}" is not bundled`);
  if (wanted === null || wanted === '') return { name: fallback, text: fallbackText };
  const text = Object.hasOwn(scenarios, wanted) ? scenarios[wanted] : undefined;
  if (text !== undefined) return { name: wanted, text };
  const known = Object.keys(scenarios).sort().join(', ');
  return { name: fallback, text: fallbackText, notice: i18next.t('picker.noScenario', { name: wanted, known }) };
}
