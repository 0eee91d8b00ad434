// Autosave of the workspace files (the editor's text) in localStorage, one entry per scenario.
// Only the files are kept: the cluster is rebuilt from the scenario (and, after a worker restart,
// the journal). Whatever is stored is distrusted: anything unreadable is dropped with a message.
import { i18next, translate, type Message } from '../i18n/i18n';

/** The part of `Storage` used here (tests pass a Map-backed stand-in). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const VERSION = 1;
const MAX_FILES = 50;
const MAX_BYTES = 2_000_000;

export const storageKey = (scenario: string) => `ordinal.workspace.${scenario}`;

export type LoadedWorkspace = { kind: 'none' } | { kind: 'files'; files: Record<string, string> } | { kind: 'unreadable'; message: string };

/** Reads the saved files of a scenario; a bad entry is removed and reported, never thrown. */
export function loadWorkspace(storage: StorageLike | undefined, scenario: string): LoadedWorkspace {
  if (!storage) return { kind: 'none' };
  const key = storageKey(scenario);
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return { kind: 'none' };
  }
  if (raw === null) return { kind: 'none' };
  const checked = validate(raw);
  if ('files' in checked) return { kind: 'files', files: checked.files };
  try {
    storage.removeItem(key);
  } catch {
    // storage became unavailable: nothing more to clean
  }
  return { kind: 'unreadable', message: i18next.t('workspace.unreadable', { problem: translate(checked.problem) }) };
}

/** The files of a saved entry, or what is wrong with it (a `workspace.problem.*` message). */
function validate(raw: string): { files: Record<string, string> } | { problem: Message } {
  const problem = (name: string, values?: Message['values']) => ({ problem: { key: `workspace.problem.${name}`, ...(values ? { values } : {}) } });
  if (raw.length > MAX_BYTES) return problem('tooLarge');
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return problem('notJson');
  }
  if (typeof data !== 'object' || data === null) return problem('notObject');
  const { version, files } = data as { version?: unknown; files?: unknown };
  if (version !== VERSION) return problem('otherVersion', { version: JSON.stringify(version) ?? '–' });
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return problem('noFiles');
  const entries = Object.entries(files as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_FILES) return problem('fileCount', { count: entries.length });
  const result: Record<string, string> = {};
  for (const [name, text] of entries) {
    if (typeof text !== 'string' || !/^[\w.-]{1,100}$/.test(name)) return problem('badFile', { name: JSON.stringify(name) });
    result[name] = text;
  }
  return { files: result };
}

/** Saves the files of a scenario; returns false when the browser refused (quota, private mode). */
export function saveWorkspace(storage: StorageLike | undefined, scenario: string, files: Record<string, string>): boolean {
  if (!storage) return false;
  try {
    storage.setItem(storageKey(scenario), JSON.stringify({ version: VERSION, files }));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the saved files of a scenario. */
export function clearWorkspace(storage: StorageLike | undefined, scenario: string): void {
  try {
    storage?.removeItem(storageKey(scenario));
  } catch {
    // nothing to clear when storage is unavailable
  }
}

/** The page's localStorage, or undefined where it cannot be used. */
export function browserStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
