import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localizedScenarioTitle } from '../i18n/scenarioTitle';
import { chooseScenario } from './chooseScenario';
import { DEFAULT_SCENARIO, SCENARIOS, galleryEntries, scenarioHref } from './scenarioCatalog';

/**
 * The top bar's gallery menu: every gallery scenario by its title in the page's language. Choosing one opens it through the
 * same path as a typed `?scenario=<name>` — the address changes and the page loads it (its
 * autosaved files, if any, come back as they would after a reload).
 */
export function ScenarioPicker() {
  const { t } = useTranslation();
  const entries = useMemo(() => galleryEntries(), []);
  const open = chooseScenario(window.location.search, SCENARIOS, DEFAULT_SCENARIO).name;
  const current = entries.some((e) => e.name === open) && !window.location.hash ? open : '';
  return (
    <select
      data-testid="toolbar.scenario-picker"
      aria-label={t('picker.label')}
      title={t('picker.label')}
      value={current}
      style={{ maxWidth: '18rem' }}
      onChange={(e) => {
        const name = e.target.value;
        if (name && name !== current) window.location.assign(scenarioHref(window.location.href, name));
      }}
    >
      <option value="" disabled>
        {t('picker.placeholder')}
      </option>
      {entries.map((e) => (
        <option key={e.name} value={e.name}>
          {localizedScenarioTitle(t, e.title, e.name)}
        </option>
      ))}
    </select>
  );
}
