// The ready-made scenarios bundled with the page (`scenarios/*.yaml`), by file name without
// `.yaml`: `web`, `web-local-path`, … Bundled as text, never fetched.
const files = import.meta.glob<string>('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true });

/** Scenario text by name (`web` → the text of `scenarios/web.yaml`). */
export const SCENARIOS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text]),
);

/** The scenario the page opens without `?scenario=`. */
export const DEFAULT_SCENARIO = 'web';
