import { useTranslation } from 'react-i18next';
import { LANGUAGES, matchLanguage } from './i18n';

/** The language switch in the top bar; the choice is remembered (localStorage). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="toolbar.language"
        value={matchLanguage(i18n.resolvedLanguage ?? i18n.language)}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
        aria-label={t('language.label')}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
