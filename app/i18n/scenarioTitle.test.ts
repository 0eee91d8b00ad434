import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/parseScenario';
import { SCENARIOS } from '../workspace/scenarioCatalog';
import { bundledResources, i18next, initI18nForTests } from './i18n';
import { localizedScenarioTitle } from './scenarioTitle';

describe('scenario titles', () => {
  beforeAll(async () => {
    await initI18nForTests('en');
  });

  it('the scenarios namespace has every bundled scenario, with the English title of its file', () => {
    const english = bundledResources()['en']?.['scenarios'] as Record<string, { title: string }>;
    for (const [name, text] of Object.entries(SCENARIOS)) {
      const title = parseScenario(text, `${name}.yaml`).scenario?.title;
      expect(english[name]?.title, name).toBe(title);
    }
  });

  it('translates a bundled title and leaves a user title as written', async () => {
    await i18next.changeLanguage('vi');
    const t = i18next.t.bind(i18next);
    const title = parseScenario(SCENARIOS['web'] ?? '').scenario?.title ?? '';
    expect(localizedScenarioTitle(t, title)).toBe('Tạo theo thứ tự: StatefulSet web chạy nginx');
    expect(localizedScenarioTitle(t, title, 'web')).toBe('Tạo theo thứ tự: StatefulSet web chạy nginx');
    // the name of a bundled scenario with another title: the user's own text
    expect(localizedScenarioTitle(t, 'My own web', 'web')).toBe('My own web');
    expect(localizedScenarioTitle(t, 'My own web')).toBe('My own web');
    await i18next.changeLanguage('zh-Hant');
    expect(localizedScenarioTitle(i18next.t.bind(i18next), title)).toBe('依序建立：執行 nginx 的 web StatefulSet');
    await i18next.changeLanguage('en');
  });
});
