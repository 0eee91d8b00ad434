import { describe, expect, it } from 'vitest';
import { bundledResources, LANGUAGES, matchLanguage } from './i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('the bundled translations', () => {
  const resources = bundledResources() as Record<string, Record<string, Tree>>;
  const english = resources['en'] ?? {};

  it('has every language of the switch', () => {
    expect(Object.keys(resources).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const { code } of LANGUAGES.filter((l) => l.code !== 'en')) {
    for (const namespace of Object.keys(english)) {
      it(`${code}/${namespace} has exactly the English keys, none empty, with the same placeholders`, () => {
        const en = flatten(english[namespace] ?? {});
        const other = flatten(resources[code]?.[namespace] ?? {});
        expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
        for (const [key, text] of other) {
          expect(text.trim(), `${code}/${namespace}:${key}`).not.toBe('');
          expect(placeholders(text), `${code}/${namespace}:${key}`).toEqual(placeholders(en.get(key) ?? ''));
        }
      });
    }
  }
});

describe('matchLanguage', () => {
  it('maps browser tags to our three languages', () => {
    expect(matchLanguage('vi-VN')).toBe('vi');
    expect(matchLanguage('zh-TW')).toBe('zh-Hant');
    expect(matchLanguage('zh-Hant-HK')).toBe('zh-Hant');
    expect(matchLanguage('en-GB')).toBe('en');
    expect(matchLanguage('fr')).toBe('en');
    expect(matchLanguage(undefined)).toBe('en');
  });
});
