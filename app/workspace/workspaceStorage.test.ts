import { beforeAll, describe, expect, it } from 'vitest';
import { initI18nForTests } from '../i18n/i18n';
import { clearWorkspace, loadWorkspace, saveWorkspace, storageKey, type StorageLike } from './workspaceStorage';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('workspaceStorage', () => {
  beforeAll(async () => {
    await initI18nForTests('en');
  });

  it('saves the files of a scenario and reads them back', () => {
    const storage = memoryStorage();
    expect(saveWorkspace(storage, 'web', { 'web.yaml': 'replicas: 4' })).toBe(true);
    expect(loadWorkspace(storage, 'web')).toEqual({ kind: 'files', files: { 'web.yaml': 'replicas: 4' } });
    expect(loadWorkspace(storage, 'web-local-path')).toEqual({ kind: 'none' });
    clearWorkspace(storage, 'web');
    expect(loadWorkspace(storage, 'web')).toEqual({ kind: 'none' });
  });

  it('drops unreadable or stale content with a message instead of throwing', () => {
    const cases: [string, string][] = [
      ['{not json', 'not JSON'],
      ['42', 'not an object'],
      ['{"version":0,"files":{"web.yaml":""}}', 'saved by another version (0)'],
      ['{"version":1,"files":[]}', 'no files'],
      ['{"version":1,"files":{"web.yaml":3}}', 'bad file "web.yaml"'],
      ['{"version":1,"files":{"../x":"a"}}', 'bad file "../x"'],
    ];
    for (const [raw, problem] of cases) {
      const storage = memoryStorage({ [storageKey('web')]: raw });
      expect(loadWorkspace(storage, 'web')).toEqual({
        kind: 'unreadable',
        message: `Your saved files could not be restored (${problem}); the scenario's original files are shown.`,
      });
      expect(storage.data.size).toBe(0);
    }
  });

  it('says why in the page\'s language', async () => {
    await initI18nForTests('zh-Hant');
    const storage = memoryStorage({ [storageKey('web')]: '{"version":1,"files":[]}' });
    expect(loadWorkspace(storage, 'web')).toEqual({ kind: 'unreadable', message: '無法還原你儲存的檔案（沒有檔案）；目前顯示情境的原始檔案。' });
    await initI18nForTests('en');
  });

  it('survives a storage that throws', () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(loadWorkspace(broken, 'web')).toEqual({ kind: 'none' });
    expect(saveWorkspace(broken, 'web', { 'a.yaml': '' })).toBe(false);
    expect(() => clearWorkspace(broken, 'web')).not.toThrow();
  });
});
