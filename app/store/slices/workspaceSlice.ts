import type { StateCreator } from 'zustand';
import { shareSource } from '../../share/shareSource';
import { EMPTY_SCENARIO, SCENARIOS, scenarioHref } from '../../workspace/scenarioCatalog';
import { unappliedFiles } from '../../workspace/unappliedEdits';
import { clearWorkspace, loadWorkspace } from '../../workspace/workspaceStorage';
import type { AppState, StoreDeps } from '../appStore';

/** A workspace change that would lose unapplied edits, waiting for the user's yes or no. */
export interface PendingWorkspaceChange {
  action: 'reset' | 'startEmpty';
  /** The files whose edits were never applied. */
  files: string[];
}

/** The scenario the workspace belongs to, its original files, and restoring, resetting or emptying it. */
export interface WorkspaceSlice {
  /** Name of the open scenario (`web`): the key of its autosaved files. Set once they were restored. */
  workspaceKey: string | undefined;
  /** The files as the scenario defines them. */
  scenarioFiles: Record<string, string>;
  /** Set while the confirmation of a reset or "start empty" is open. */
  pendingChange: PendingWorkspaceChange | undefined;
  /** After a load: puts back the files saved for this scenario, if any and readable. */
  restoreWorkspace(key: string, scenarioFiles: Record<string, string>): void;
  /** "Reset to the scenario", asking first when unapplied edits would be lost. */
  requestReset(): void;
  /** "Start empty", asking first when unapplied edits would be lost. */
  requestStartEmpty(): void;
  /** Carries out the pending change (the user said yes). */
  confirmChange(): void;
  /** Drops the pending change (the user said no). */
  cancelChange(): void;
  /**
   * Drops the edits, the saved files and the steps run since the load, and loads the scenario
   * again as it was bundled (or as the share link that opened the page gave it).
   */
  resetToScenario(): Promise<void>;
  /**
   * Opens the built-in empty scenario (the default nodes and StorageClasses, one empty file). The
   * files of the scenario left behind stay autosaved; on the empty scenario itself this is a reset.
   */
  startEmpty(): Promise<void>;
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
    const unapplied = () => unappliedFiles(get().files, get().scenarioFiles, simulation.journal());
    /** Starting empty elsewhere keeps this scenario's edits only when they are autosaved. */
    const startEmptyLoses = () => get().workspaceKey === EMPTY_SCENARIO || get().workspaceKey === undefined || storage === undefined;
    const ask = (action: PendingWorkspaceChange['action'], files: string[], run: () => Promise<void>) => {
      if (files.length) set({ pendingChange: { action, files } });
      else void run();
    };
    return {
      workspaceKey: undefined,
      scenarioFiles: {},
      pendingChange: undefined,
      restoreWorkspace(key, scenarioFiles) {
        set({ workspaceKey: undefined, scenarioFiles });
        const saved = loadWorkspace(storage, key);
        if (saved.kind === 'files') replaceFiles(saved.files);
        else if (saved.kind === 'unreadable') get().showNotice(saved.message);
        set({ workspaceKey: key });
      },
      requestReset: () => ask('reset', unapplied(), () => get().resetToScenario()),
      requestStartEmpty: () => ask('startEmpty', startEmptyLoses() ? unapplied() : [], () => get().startEmpty()),
      confirmChange() {
        const pending = get().pendingChange;
        set({ pendingChange: undefined });
        if (pending?.action === 'reset') void get().resetToScenario();
        else if (pending?.action === 'startEmpty') void get().startEmpty();
      },
      cancelChange: () => set({ pendingChange: undefined }),
      async resetToScenario() {
        const key = get().workspaceKey;
        const text = shareSource()?.scenarioText ?? (key !== undefined ? SCENARIOS[key] : undefined);
        if (key !== undefined) clearWorkspace(storage, key);
        if (text === undefined) {
          replaceFiles({ ...get().scenarioFiles });
          return;
        }
        // Nothing is autosaved until the scenario's files are back (restoreWorkspace sets the key).
        set({ workspaceKey: undefined, selected: undefined, menu: undefined });
        await get().loadScenario(text, key);
      },
      async startEmpty() {
        if (get().workspaceKey === EMPTY_SCENARIO) return get().resetToScenario();
        window.location.assign(scenarioHref(window.location.href, EMPTY_SCENARIO));
      },
    };
  };
}
