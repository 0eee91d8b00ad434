/**
 * The interface's languages (i18next). English, Vietnamese and Traditional Chinese — the languages
 * of the course notes. Kubernetes terms, object names and kubectl output are never translated.
 *
 * Strings live in `locales/<language>/<namespace>.json`, bundled at build time (no request leaves
 * the page). The language comes from `?lang=`, then the user's last choice (localStorage), then
 * the browser's languages; `zh-TW`, `zh-HK` and plain `zh` choose Traditional Chinese.
 */
// import.meta.glob is Vite's: named here for the projects that reach this file through types (e2e).
/// <reference types="vite/client" />
import i18next, { type Resource } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

/** The languages of the switch in the top bar, each named in its own language. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'vi', name: 'Tiếng Việt' },
  { code: 'zh-Hant', name: '繁體中文' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** The i18next instance; code outside React (store slices, the client) calls `i18next.t`. */
export { i18next };

/**
 * A message to translate later: a key (`notice.noScenario`, or `ns:key`) and its values. Store
 * slices keep these when the text must follow a later language switch.
 */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

/** The text of `message` in the current language. */
export function translate(message: Message): string {
  return i18next.t(message.key, message.values ?? {});
}

/** `common` holds the interface; other namespaces are per area (lessons, narration, timeline…). */
export const DEFAULT_NAMESPACE = 'common';

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

/** `{ en: { common: {…}, lessons: {…} }, vi: {…}, … }` from the bundled JSON files. */
export function bundledResources(): Resource {
  const resources: Resource = {};
  for (const [path, module] of Object.entries(files)) {
    const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (resources[language] ??= {})[namespace] = module.default;
  }
  return resources;
}

/** Maps a browser language tag to one of ours (`zh-TW` → `zh-Hant`, `vi-VN` → `vi`), else English. */
export function matchLanguage(tag: string | undefined): LanguageCode {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('vi')) return 'vi';
  if (lower.startsWith('zh')) return 'zh-Hant';
  return 'en';
}

/** Initialises i18next once, synchronously (the resources are bundled). */
export function initI18n(): typeof i18next {
  if (i18next.isInitialized) return i18next;
  const resources = bundledResources();
  void i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      initAsync: false,
      supportedLngs: LANGUAGES.map((l) => l.code),
      fallbackLng: 'en',
      ns: Object.keys(resources['en'] ?? { common: {} }),
      defaultNS: DEFAULT_NAMESPACE,
      interpolation: { escapeValue: false }, // React escapes; user text never becomes HTML
      returnNull: false,
      detection: {
        order: ['querystring', 'localStorage', 'navigator'],
        lookupQuerystring: 'lang',
        lookupLocalStorage: 'ordinal.language',
        caches: ['localStorage'],
        convertDetectedLanguage: (lng: string) => matchLanguage(lng),
      },
    });
  syncDocumentLanguage(i18next.language);
  i18next.on('languageChanged', syncDocumentLanguage);
  return i18next;
}

function syncDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Initialises i18next in English without the browser's detector: for Node unit tests of code that
 * calls `i18next.t` (the messages then read as the English JSON says).
 */
export async function initI18nForTests(language: LanguageCode = 'en'): Promise<typeof i18next> {
  const resources = bundledResources();
  if (i18next.isInitialized) {
    await i18next.changeLanguage(language);
    return i18next;
  }
  await i18next.init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(resources['en'] ?? { common: {} }),
    defaultNS: DEFAULT_NAMESPACE,
    interpolation: { escapeValue: false },
  });
  return i18next;
}
