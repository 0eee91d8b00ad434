// import.meta.glob is Vite's: named here for the projects that reach this file through types (e2e).
/// <reference types="vite/client" />
import { parseScenario } from '../../src/scenarios/parseScenario';

// The ready-made scenarios bundled with the page (`scenarios/*.yaml`), by file name without
// `.yaml`: `web`, `web-local-path`, … Bundled as text, never fetched.
const files = import.meta.glob<string>('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true });

/** The name of the built-in empty scenario ("Start empty"). */
export const EMPTY_SCENARIO = 'empty';

/**
 * "Start empty": the default cluster (its nodes and StorageClasses), no workloads, and one empty
 * file to write in. Built in rather than a file of `scenarios/`: it teaches nothing on its own.
 */
export const EMPTY_SCENARIO_TEXT = `apiVersion: ordinal.dev/v1alpha1
kind: Scenario
metadata: {name: ${EMPTY_SCENARIO}, title: "An empty cluster: nodes and StorageClasses, no workloads yet"}
spec:
  files:
    app.yaml: ""
`;

/** Scenario text by name (`web` → the text of `scenarios/web.yaml`; `empty` → EMPTY_SCENARIO_TEXT). */
export const SCENARIOS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text])),
  [EMPTY_SCENARIO]: EMPTY_SCENARIO_TEXT,
};

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
  // Another scenario is not the lesson's: the lesson would start over on top of it.
  url.searchParams.delete('lesson');
  url.hash = '';
  return url.href;
}
