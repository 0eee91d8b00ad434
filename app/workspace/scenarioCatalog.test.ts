import { describe, expect, it } from 'vitest';
import { GALLERY_NAMES, SCENARIOS, galleryEntries, scenarioHref } from './scenarioCatalog';

describe('the scenario gallery catalog', () => {
  it('bundles every gallery scenario, each with its own title', () => {
    const entries = galleryEntries();
    expect(entries.map((e) => e.name)).toEqual(GALLERY_NAMES);
    for (const name of GALLERY_NAMES) expect(Object.hasOwn(SCENARIOS, name)).toBe(true);
    expect(new Set(entries.map((e) => e.title)).size).toBe(entries.length);
    expect(entries.every((e) => e.title !== e.name)).toBe(true);
    expect(entries.find((e) => e.name === 'gallery-deployment-vs-statefulset')?.title).toBe(
      'Deployment vs StatefulSet: the same nginx both ways — names, order, claims, replacements',
    );
  });

  it('includes every scenarios/gallery-*.yaml file', () => {
    const files = Object.keys(SCENARIOS).filter((n) => n.startsWith('gallery-'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const name of files) expect(GALLERY_NAMES).toContain(name);
  });

  it('leaves out names that are not bundled and falls back to the name without a title', () => {
    const scenarios = { a: 'apiVersion: ordinal.dev/v1alpha1\nkind: Scenario\nmetadata: {name: a}\nspec: {files: {}, script: []}\n' };
    expect(galleryEntries(scenarios, ['a', 'missing'])).toEqual([{ name: 'a', title: 'a' }]);
  });

  it('opens a scenario by changing only ?scenario= and dropping a share fragment', () => {
    expect(scenarioHref('http://127.0.0.1:4173/?mode=presenter&scenario=web#v1/abc', 'gallery-node-failure')).toBe(
      'http://127.0.0.1:4173/?mode=presenter&scenario=gallery-node-failure',
    );
    expect(scenarioHref('http://127.0.0.1:4173/', 'web')).toBe('http://127.0.0.1:4173/?scenario=web');
  });

  it('leaves a lesson behind: the other scenario is not the lesson\'s', () => {
    expect(scenarioHref('http://127.0.0.1:4173/?lang=vi&lesson=headless-dns', 'web')).toBe('http://127.0.0.1:4173/?lang=vi&scenario=web');
  });
});
