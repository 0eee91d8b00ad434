// Picks a lesson text in the interface's language (English when a translation is missing).
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../src/lessons/lesson';
import { matchLanguage } from '../i18n/i18n';

/** `text` in `language` (`vi-VN` → vi), or English. */
export function localize(text: LocalizedText, language: string | undefined): string {
  return text[matchLanguage(language)] || text.en;
}

/** A `localize` bound to the current language; components re-render when it changes. */
export function useLocalize(): (text: LocalizedText) => string {
  const { i18n } = useTranslation('lessons');
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (text) => localize(text, language);
}
