import type { StateCreator } from 'zustand';
import type { ObjectRef } from '../../../src/protocol/messages';
import type { AppState, StoreDeps } from '../appStore';

/** What the context menu is open on: a graph object at a screen position. */
export interface MenuTarget {
  ref: ObjectRef;
  x: number;
  y: number;
}

/** The tabs of the bottom dock. */
export type DockTab = 'terminal' | 'events' | 'inspector';

/** Selection, the context menu and the dock's tab. */
export interface ViewSlice {
  selected: ObjectRef | undefined;
  menu: MenuTarget | undefined;
  dockTab: DockTab;
  eventFilter: string;
  /** A message for the user that stays until dismissed (a bad URL, unreadable saved work…). */
  notice: string | undefined;
  showNotice(text: string | undefined): void;
  select(ref: ObjectRef | undefined): void;
  openMenu(target: MenuTarget): void;
  closeMenu(): void;
  setDockTab(tab: DockTab): void;
  setEventFilter(filter: string): void;
}

export function createViewSlice({ simulation }: StoreDeps): StateCreator<AppState, [], [], ViewSlice> {
  return (set) => ({
    selected: undefined,
    menu: undefined,
    dockTab: 'terminal',
    eventFilter: '',
    notice: undefined,
    showNotice: (notice) => set({ notice }),
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
