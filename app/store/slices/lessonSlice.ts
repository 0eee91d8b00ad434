import type { StateCreator } from 'zustand';
import type { LessonCheck } from '../../../src/lessons/checks';
import type { LessonProgress } from '../../../src/scenarios/scenarioUrl';
import type { AppState, StoreDeps } from '../appStore';

/**
 * The open lesson and the step reached (what a share link carries), and the lesson list. The
 * lessons' content lives in app/lessons; the worker judges the step's checks (`checks` request).
 */
export interface LessonSlice {
  /** The lesson in progress and its step (0-based); `step` equal to the step count = finished. */
  lessonProgress: LessonProgress | undefined;
  lessonListOpen: boolean;
  setLessonListOpen(open: boolean): void;
  setLessonProgress(progress: LessonProgress | undefined): void;
  /** Asks the worker to judge these checks from now on, against the cluster as it is now. */
  watchLessonChecks(key: string, checks: LessonCheck[]): void;
}

export function createLessonSlice({ simulation }: StoreDeps): StateCreator<AppState, [], [], LessonSlice> {
  return (set) => ({
    lessonProgress: undefined,
    lessonListOpen: false,
    setLessonListOpen: (lessonListOpen) => set({ lessonListOpen }),
    setLessonProgress: (lessonProgress) => set({ lessonProgress }),
    watchLessonChecks(key, checks) {
      void simulation.request({ type: 'checks', key, checks }).catch(() => undefined);
    },
  });
}
