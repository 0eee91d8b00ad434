// Which bundled scenario the page opens: `?scenario=<name>` (a file of scenarios/ without .yaml),
// otherwise the default. An unknown name falls back to the default with a notice.

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
  return { name: fallback, text: fallbackText, notice: `There is no scenario "${wanted}" (try one of: ${known}); the default scenario is open.` };
}
