import type { StateCreator } from 'zustand';
import type { ObjectRef } from '../../../src/protocol/messages';
import { i18next, translate, type Message } from '../../i18n/i18n';
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
  /** Shows a notice: text already in the page's language, or a message that follows language switches. */
  showNotice(text: string | Message | undefined): void;
  select(ref: ObjectRef | undefined): void;
  /** An object the graph's camera is asked to bring into view once (one just selected, a lesson step's subject); `seq` tells requests apart. */
  cameraRequest: { ref: ObjectRef; seq: number } | undefined;
  /** Asks the graph to bring `ref`'s card into view, without selecting it. */
  showInGraph(ref: ObjectRef): void;
  /** The graph's camera glides to what just happens (the story's newest line, a newly Pending pod). */
  followStory: boolean;
  setFollowStory(follow: boolean): void;
  openMenu(target: MenuTarget): void;
  closeMenu(): void;
  setDockTab(tab: DockTab): void;
  setEventFilter(filter: string): void;
}

export function createViewSlice({ simulation }: StoreDeps): StateCreator<AppState, [], [], ViewSlice> {
  return (set, get) => {
    // A notice given as a message is translated again when the language changes.
    let noticeMessage: Message | undefined;
    i18next.on('languageChanged', () => {
      if (noticeMessage && get().notice !== undefined) set({ notice: translate(noticeMessage) });
    });
    const nextCameraRequest = (ref: ObjectRef) => ({ ref, seq: (get().cameraRequest?.seq ?? 0) + 1 });
    return {
      selected: undefined,
      menu: undefined,
      dockTab: 'terminal',
      eventFilter: '',
      notice: undefined,
      showNotice(notice) {
        noticeMessage = typeof notice === 'object' ? notice : undefined;
        set({ notice: typeof notice === 'object' ? translate(notice) : notice });
      },
      select(ref) {
        // A selected object's card is brought into view too (an event's object link, a shared link).
        set(ref ? { selected: ref, dockTab: 'inspector', cameraRequest: nextCameraRequest(ref) } : { selected: undefined });
        void simulation.request({ type: 'inspect', ref: ref ?? null }).catch(() => undefined);
      },
      cameraRequest: undefined,
      followStory: true,
      setFollowStory: (followStory) => set({ followStory }),
      showInGraph: (ref) => set({ cameraRequest: nextCameraRequest(ref) }),
      openMenu: (menu) => set({ menu }),
      closeMenu: () => set({ menu: undefined }),
      setDockTab: (dockTab) => set({ dockTab }),
      setEventFilter: (eventFilter) => set({ eventFilter }),
    };
  };
}
