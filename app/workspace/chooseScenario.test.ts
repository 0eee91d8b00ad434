import { describe, expect, it } from 'vitest';
import { chooseScenario } from './chooseScenario';
import { DEFAULT_SCENARIO, SCENARIOS } from './scenarioCatalog';

describe('chooseScenario', () => {
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
});
