import type { StateCreator } from 'zustand';
import type { ObjectRef } from '../../../src/protocol/messages';
import type { AppState, StoreDeps } from '../appStore';

/** What the context menu is open on: a graph object at a screen position. */
export interface MenuTarget {
  ref: ObjectRef;
  x: number;
  y: number;
}

/** Selection, the context menu and the dock's tab. */
export interface ViewSlice {
  selected: ObjectRef | undefined;
  menu: MenuTarget | undefined;
  dockTab: 'events' | 'inspector';
  eventFilter: string;
  select(ref: ObjectRef | undefined): void;
  openMenu(target: MenuTarget): void;
  closeMenu(): void;
  setDockTab(tab: 'events' | 'inspector'): void;
  setEventFilter(filter: string): void;
}

export function createViewSlice({ simulation }: StoreDeps): StateCreator<AppState, [], [], ViewSlice> {
  return (set) => ({
    selected: undefined,
    menu: undefined,
    dockTab: 'events',
    eventFilter: '',
    select(ref) {
      set(ref ? { selected: ref, dockTab: 'inspector' } : { selected: undefined });
      void simulation.request({ type: 'inspect', ref: ref ?? null }).catch(() => undefined);
    },
    openMenu: (menu) => set({ menu }),
    closeMenu: () => set({ menu: undefined }),
    setDockTab: (dockTab) => set({ dockTab }),
    setEventFilter: (eventFilter) => set({ eventFilter }),
  });
}
