// Autosave of the workspace files (the editor's text) in localStorage, one entry per scenario.
// Only the files are kept: the cluster is rebuilt from the scenario (and, after a worker restart,
// the journal). Whatever is stored is distrusted: anything unreadable is dropped with a message.

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
  const problem = validate(raw);
  if (typeof problem !== 'string') return { kind: 'files', files: problem };
  try {
    storage.removeItem(key);
  } catch {
    // storage became unavailable: nothing more to clean
  }
  return { kind: 'unreadable', message: `Your saved files could not be restored (${problem}); the scenario's original files are shown.` };
}

function validate(raw: string): Record<string, string> | string {
  if (raw.length > MAX_BYTES) return 'too large';
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return 'not JSON';
  }
  if (typeof data !== 'object' || data === null) return 'not an object';
  const { version, files } = data as { version?: unknown; files?: unknown };
  if (version !== VERSION) return `saved by another version (${JSON.stringify(version) ?? 'none'})`;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return 'no files';
  const entries = Object.entries(files as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_FILES) return `${entries.length} files`;
  const result: Record<string, string> = {};
  for (const [name, text] of entries) {
    if (typeof text !== 'string' || !/^[\w.-]{1,100}$/.test(name)) return `bad file ${JSON.stringify(name)}`;
    result[name] = text;
  }
  return result;
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
