import { parseScenario } from '../../src/scenarios/parseScenario';

// The ready-made scenarios bundled with the page (`scenarios/*.yaml`), by file name without
// `.yaml`: `web`, `web-local-path`, … Bundled as text, never fetched.
const files = import.meta.glob<string>('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true });

/** Scenario text by name (`web` → the text of `scenarios/web.yaml`). */
export const SCENARIOS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text]),
);

/** The scenario the page opens without `?scenario=`. */
export const DEFAULT_SCENARIO = 'web';

/**
 * The gallery (issue 5): one scenario per seed story, in the order of the curriculum. Each is a
 * bundled scenario name; the seed demos are reused as they are, the `gallery-*` files add the
 * stories no seed demo tells.
 */
export const GALLERY_NAMES: readonly string[] = [
  'seed-002-web-demo',
  'gallery-deployment-vs-statefulset',
  'seed-003-redis',
  'gallery-remote-vs-local-storage',
  'mysql-replicas',
  'seed-003-postgres-backup',
  'gallery-node-failure',
  'gallery-rolling-update',
];

/** One entry of the scenario picker. */
export interface GalleryEntry {
  /** The scenario's name (`?scenario=<name>`). */
  name: string;
  /** Its `metadata.title` (the name when it has none). */
  title: string;
}

/** The gallery's scenarios with their titles, in order; names that are not bundled are left out. */
export function galleryEntries(scenarios: Readonly<Record<string, string>> = SCENARIOS, names: readonly string[] = GALLERY_NAMES): GalleryEntry[] {
  return names.flatMap((name) => {
    const text = Object.hasOwn(scenarios, name) ? scenarios[name] : undefined;
    if (text === undefined) return [];
    return [{ name, title: parseScenario(text, `${name}.yaml`).scenario?.title ?? name }];
  });
}

/**
 * The address that opens scenario `name` the way a typed `?scenario=<name>` does: the same page,
 * only that query parameter changed, without a share fragment (which would win over it).
 */
export function scenarioHref(current: string, name: string): string {
  const url = new URL(current);
  url.searchParams.set('scenario', name);
  url.hash = '';
  return url.href;
}
