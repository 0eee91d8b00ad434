import type { StateCreator } from 'zustand';
import { clearWorkspace, loadWorkspace } from '../../workspace/workspaceStorage';
import type { AppState, StoreDeps } from '../appStore';

/** The scenario the workspace belongs to, its original files, and restoring or resetting them. */
export interface WorkspaceSlice {
  /** Name of the open scenario (`web`): the key of its autosaved files. Set once they were restored. */
  workspaceKey: string | undefined;
  /** The files as the scenario defines them (what "Reset to scenario" brings back). */
  scenarioFiles: Record<string, string>;
  /** After a load: puts back the files saved for this scenario, if any and readable. */
  restoreWorkspace(key: string, scenarioFiles: Record<string, string>): void;
  /** Replaces the editor's files by the scenario's originals and forgets the saved ones. */
  resetToScenario(): void;
}

export function createWorkspaceSlice({ simulation, storage }: StoreDeps): StateCreator<AppState, [], [], WorkspaceSlice> {
  return (set, get) => {
    /** Shows `files` in the editor and tells the worker; files no longer there are emptied. */
    const replaceFiles = (files: Record<string, string>) => {
      const before = get().files;
      for (const [file, text] of Object.entries(files)) {
        if (before[file] !== text) void simulation.request({ type: 'editFile', file, text }).catch(() => undefined);
      }
      for (const file of Object.keys(before)) {
        if (files[file] === undefined) void simulation.request({ type: 'editFile', file, text: '' }).catch(() => undefined);
      }
      const active = get().activeFile;
      set({ files, activeFile: active !== undefined && files[active] !== undefined ? active : Object.keys(files)[0] });
    };
    return {
      workspaceKey: undefined,
      scenarioFiles: {},
      restoreWorkspace(key, scenarioFiles) {
        set({ workspaceKey: undefined, scenarioFiles });
        const saved = loadWorkspace(storage, key);
        if (saved.kind === 'files') replaceFiles(saved.files);
        else if (saved.kind === 'unreadable') get().showNotice(saved.message);
        set({ workspaceKey: key });
      },
      resetToScenario() {
        const key = get().workspaceKey;
        if (key !== undefined) clearWorkspace(storage, key);
        replaceFiles({ ...get().scenarioFiles });
      },
    };
  };
}
