// The open lesson's title in the reader's language, for the top bar (the lesson's scenario carries
// only the English one).
import { useAppStore } from '../store/appStore';
import { LESSONS } from './lessonCatalog';
import { useLocalize } from './localize';

/** The title of the lesson in progress, or undefined when no lesson is open. */
export function useLessonTitle(): string | undefined {
  const id = useAppStore((s) => s.lessonProgress?.id);
  const localize = useLocalize();
  const lesson = id === undefined ? undefined : LESSONS.find((l) => l.id === id);
  return lesson ? localize(lesson.title) : undefined;
}
