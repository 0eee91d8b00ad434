// The one UI store (zustand, slices pattern). It holds UI state and the worker's latest snapshot;
// it never runs the engine: actions call the simulation client (house-style §4.4).
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimulationClient } from '../simulation/simulationClient';
import type { StorageLike } from '../workspace/workspaceStorage';
import { createEditorSlice, type EditorSlice } from './slices/editorSlice';
import { createLessonSlice, type LessonSlice } from './slices/lessonSlice';
import { createSimulationSlice, type SimulationSlice } from './slices/simulationSlice';
import { createTimelineSlice, type TimelineSlice } from './slices/timelineSlice';
import { createViewSlice, type ViewSlice } from './slices/viewSlice';
import { createWorkspaceSlice, type WorkspaceSlice } from './slices/workspaceSlice';

export type AppState = SimulationSlice & EditorSlice & ViewSlice & WorkspaceSlice & LessonSlice & TimelineSlice;

export type AppStoreApi = StoreApi<AppState>;

export interface StoreDeps {
  simulation: SimulationClient;
  /** Where the workspace files are autosaved (localStorage in the page; absent in tests). */
  storage?: StorageLike | undefined;
}

export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createSimulationSlice(deps)(...a),
    ...createEditorSlice(deps)(...a),
    ...createViewSlice(deps)(...a),
    ...createWorkspaceSlice(deps)(...a),
    ...createLessonSlice(deps)(...a),
    ...createTimelineSlice(deps)(...a),
  }));
}

let current: StoreApi<AppState> | undefined;

/** Installs the page's store (main.tsx does it once, before rendering). */
export function installAppStore(store: StoreApi<AppState>): void {
  current = store;
}

/** The page's store, for code outside React (the test API, keyboard handlers). */
export function appStore(): StoreApi<AppState> {
  if (!current) throw new Error('installAppStore() was not called');
  return current;
}

/** Per-field selector hook on the page's store. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore(), selector);
}

/** For selectors that build arrays or objects: compares them shallowly. */
export function useAppStoreShallow<T>(selector: (state: AppState) => T): T {
  return useStore(appStore(), useShallow(selector));
}
