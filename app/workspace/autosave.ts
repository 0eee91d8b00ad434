// Saves the editor's files to localStorage shortly after each change (only the files: the cluster
// is rebuilt from the scenario). Files equal to the scenario's are not kept.
import type { AppStoreApi } from '../store/appStore';
import { clearWorkspace, saveWorkspace, type StorageLike } from './workspaceStorage';

const DELAY_MS = 300;

const sameFiles = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Starts autosaving; returns a function that stops it. */
export function installAutosave(store: AppStoreApi, storage: StorageLike | undefined): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    timer = undefined;
    const { workspaceKey, files, scenarioFiles } = store.getState();
    if (workspaceKey === undefined) return;
    if (sameFiles(files, scenarioFiles)) clearWorkspace(storage, workspaceKey);
    else saveWorkspace(storage, workspaceKey, files);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.workspaceKey === undefined || (state.files === previous.files && state.workspaceKey === previous.workspaceKey)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  });
  // Leaving the page right after typing still saves.
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    save();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    if (timer !== undefined) clearTimeout(timer);
  };
}
