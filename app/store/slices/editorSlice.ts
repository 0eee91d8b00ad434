import type { StateCreator } from 'zustand';
import type { AppState, StoreDeps } from '../appStore';

/** The workspace files as the editor holds them, and the tab in front. */
export interface EditorSlice {
  files: Record<string, string>;
  activeFile: string | undefined;
  setActiveFile(file: string): void;
  /** Called on every edit: the worker re-checks the file and the journal records it at the next apply. */
  editFile(file: string, text: string): void;
  addFile(): void;
  renameFile(from: string, to: string): void;
  deleteFile(file: string): void;
  /** `kubectl apply -f <active file>`. */
  applyActiveFile(): Promise<void>;
}

export function createEditorSlice({ simulation }: StoreDeps): StateCreator<AppState, [], [], EditorSlice> {
  return (set, get) => ({
    files: {},
    activeFile: undefined,
    setActiveFile: (file) => set({ activeFile: file }),
    editFile(file, text) {
      set({ files: { ...get().files, [file]: text } });
      void simulation.request({ type: 'editFile', file, text }).catch(() => undefined);
    },
    addFile() {
      const files = get().files;
      let n = 1;
      while (files[`new-${n}.yaml`] !== undefined) n++;
      const file = `new-${n}.yaml`;
      get().editFile(file, '');
      set({ activeFile: file });
    },
    renameFile(from, to) {
      const files = { ...get().files };
      const text = files[from];
      if (text === undefined || !to || files[to] !== undefined) return;
      delete files[from];
      set({ files, activeFile: to });
      get().editFile(to, text);
      void simulation.request({ type: 'editFile', file: from, text: '' }).catch(() => undefined);
    },
    deleteFile(file) {
      const files = { ...get().files };
      delete files[file];
      set({ files, activeFile: Object.keys(files)[0] });
      void simulation.request({ type: 'editFile', file, text: '' }).catch(() => undefined);
    },
    async applyActiveFile() {
      const file = get().activeFile;
      if (file) await get().run(`kubectl apply -f ${file}`);
    },
  });
}
