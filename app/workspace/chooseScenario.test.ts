import { beforeAll, describe, expect, it } from 'vitest';
import { initI18nForTests } from '../i18n/i18n';
import { chooseScenario } from './chooseScenario';
import { DEFAULT_SCENARIO, SCENARIOS } from './scenarioCatalog';

describe('chooseScenario', () => {
  beforeAll(async () => {
    await initI18nForTests('en');
  });

  it('opens the default web scenario without a query parameter', () => {
    expect(chooseScenario('', SCENARIOS, DEFAULT_SCENARIO)).toEqual({ name: 'web', text: SCENARIOS['web'] });
  });

  it('opens the local-path variant named by ?scenario=', () => {
    const choice = chooseScenario('?scenario=web-local-path', SCENARIOS, DEFAULT_SCENARIO);
    expect(choice.name).toBe('web-local-path');
    expect(choice.text).toContain('defaultStorageClass: local-path');
    expect(choice.notice).toBeUndefined();
  });

  it('falls back to the default with a notice for an unknown name, even one that is an Object method', () => {
    for (const name of ['nope', 'toString']) {
      const choice = chooseScenario(`?scenario=${name}`, SCENARIOS, DEFAULT_SCENARIO);
      expect(choice.name).toBe('web');
      expect(choice.notice).toMatch(new RegExp(`^There is no scenario "${name}" \\(try one of: .*web-local-path`));
    }
  });

  it('says so in the page\'s language', async () => {
    await initI18nForTests('vi');
    expect(chooseScenario('?scenario=nope', SCENARIOS, DEFAULT_SCENARIO).notice).toMatch(/^Không có kịch bản "nope"/);
    await initI18nForTests('en');
  });
});
