import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/parseScenario';
import { decodeScenarioUrl } from '../../src/scenarios/scenarioUrl';
import { initI18nForTests } from '../i18n/i18n';
import { createShareHash, openScenario } from './shareLink';

beforeAll(() => initI18nForTests('en'));

const web = 'apiVersion: ordinal.dev/v1alpha1\nkind: Scenario\nmetadata: {name: web}\nspec:\n  files:\n    a.yaml: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: a\n';
const other = web.replace('name: web', 'name: other');
const SCENARIOS = { web, other };

function hashOf(input: Parameters<typeof createShareHash>[0]): string {
  const hash = createShareHash(input);
  if (typeof hash !== 'string') throw new Error(hash.error);
  return hash;
}

describe('openScenario', () => {
  it('opens ?scenario= when there is no share fragment', () => {
    expect(openScenario({ hash: '', search: '?scenario=other' }, SCENARIOS, 'web')).toEqual({ name: 'other', text: other });
    expect(openScenario({ hash: '#notes', search: '' }, SCENARIOS, 'web')).toEqual({ name: 'web', text: web });
  });

  it('lets a share fragment win over ?scenario= and replays its steps', () => {
    const hash = hashOf({ scenarioText: other, journal: [{ type: 'line', line: 'kubectl get pods' }], files: { 'a.yaml': parseScenario(other).scenario?.files['a.yaml'] ?? '' }, selected: { kind: 'Pod', name: 'web-0' } });
    const opened = openScenario({ hash, search: '?scenario=web' }, SCENARIOS, 'web');
    expect(opened.name).toBe('other');
    expect(parseScenario(opened.text).scenario).toEqual(parseScenario(other).scenario);
    expect(opened.replay).toEqual([{ type: 'line', line: 'kubectl get pods' }]);
    expect(opened.selected).toEqual({ kind: 'Pod', name: 'web-0' });
    expect(opened.notice).toBeUndefined();
  });

  it('opens the default scenario with a notice for a bad link', () => {
    const opened = openScenario({ hash: '#v1/<script>alert(1)</script>', search: '?scenario=other' }, SCENARIOS, 'web');
    expect(opened).toEqual({
      name: 'web',
      text: web,
      notice: 'This share link could not be opened: the link is damaged or truncated (its data cannot be read). The default scenario is open instead.',
    });
    expect(openScenario({ hash: '#v7/abc', search: '' }, SCENARIOS, 'web').notice).toBe(
      'This share link could not be opened: the link was made by an unknown version of Ordinal ("v7"). The default scenario is open instead.',
    );
  });
});

describe('createShareHash', () => {
  it('adds editor changes not yet journaled as trailing file edits, and removed files as emptied', () => {
    const hash = hashOf({
      scenarioText: web,
      journal: [{ type: 'line', line: 'kubectl apply -f a.yaml' }],
      files: { 'b.yaml': 'kind: ConfigMap\n' },
    });
    const decoded = decodeScenarioUrl(hash);
    if ('error' in decoded) throw new Error(decoded.error);
    expect(decoded.journal).toEqual([
      { type: 'line', line: 'kubectl apply -f a.yaml' },
      { type: 'file', file: 'b.yaml', text: 'kind: ConfigMap\n' },
      { type: 'file', file: 'a.yaml', text: '' },
    ]);
    expect(decoded.selected).toBeUndefined();
  });

  it('adds nothing when the editor matches the replayed files', () => {
    const files = { 'a.yaml': 'changed\n' };
    const decoded = decodeScenarioUrl(hashOf({ scenarioText: web, journal: [{ type: 'file', file: 'a.yaml', text: 'changed\n' }], files }));
    expect('error' in decoded ? decoded.error : decoded.journal).toEqual([{ type: 'file', file: 'a.yaml', text: 'changed\n' }]);
  });

  it('carries the timeline moment and the lesson progress, and openScenario returns them', () => {
    const hash = hashOf({ scenarioText: web, journal: [], files: { 'a.yaml': parseScenario(web).scenario?.files['a.yaml'] ?? '' }, moment: 4200.4, lesson: { id: 'ordered-creation', step: 3 } });
    const opened = openScenario({ hash, search: '' }, SCENARIOS, 'web');
    expect(opened.moment).toBe(4200);
    expect(opened.lesson).toEqual({ id: 'ordered-creation', step: 3 });
    expect(opened.replay).toEqual([]);
    // absent when the page was at the present and no lesson was open
    const plain = openScenario({ hash: hashOf({ scenarioText: web, journal: [], files: {}, moment: undefined, lesson: undefined }), search: '' }, SCENARIOS, 'web');
    expect(plain.moment).toBeUndefined();
    expect(plain.lesson).toBeUndefined();
  });

  it('reports a scenario text that cannot be read', () => {
    expect(createShareHash({ scenarioText: 'kind: Nope', journal: [], files: {} })).toEqual({ error: 'the open scenario cannot be read' });
  });
});
