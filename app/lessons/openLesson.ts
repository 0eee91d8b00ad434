// Which lesson the page opens: a share link's lesson progress (resumed at its step), or
// `?lesson=<id>` (from its first step, in a fresh copy of the lesson's scenario).
import i18next from 'i18next';
import type { Lesson } from '../../src/lessons/lesson';
import type { LessonProgress } from '../../src/scenarios/scenarioUrl';
import { lessonScenarioText } from './lessonCatalog';

/** What the page does about lessons at start. */
export interface LessonOpening {
  /** The scenario to load instead of the chosen one (`?lesson=`). */
  scenarioText?: string;
  /** The lesson and step to show. */
  progress?: LessonProgress;
  /** Why the lesson asked for could not be opened. */
  notice?: string;
}

/**
 * Reads `?lesson=<id>` from `search`, or takes `linked` (a share link's lesson progress, which
 * wins: the link also holds the lesson's scenario and the learner's steps). The step is clamped to
 * the lesson's length (its end is the summary).
 */
export function openLesson(search: string, linked: LessonProgress | undefined, lessons: readonly Lesson[]): LessonOpening {
  const find = (id: string) => lessons.find((l) => l.id === id);
  if (linked) {
    const lesson = find(linked.id);
    if (!lesson) return { notice: i18next.t('lessons:notice.unknown', { id: linked.id }) };
    return { progress: { id: lesson.id, step: Math.min(Math.max(0, linked.step), lesson.steps.length) } };
  }
  const id = new URLSearchParams(search).get('lesson');
  if (id === null || id === '') return {};
  const lesson = find(id);
  if (!lesson) return { notice: i18next.t('lessons:notice.unknown', { id }) };
  return { scenarioText: lessonScenarioText(lesson), progress: { id: lesson.id, step: 0 } };
}

/** The address that opens lesson `id` from its start: `?lesson=<id>`, without a scenario or share fragment. */
export function lessonHref(current: string, id: string): string {
  const url = new URL(current);
  url.searchParams.delete('scenario');
  url.searchParams.set('lesson', id);
  url.hash = '';
  return url.href;
}

/** The current address without `?lesson=` (after leaving a lesson, a reload does not reopen it). */
export function withoutLesson(current: string): string {
  const url = new URL(current);
  url.searchParams.delete('lesson');
  return url.href;
}
