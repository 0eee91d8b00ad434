/**
 * A lesson (issue 5 "Lessons"): a guided walk through a gallery scenario. Each step explains one
 * idea, asks the learner to do one thing (with the command lines that do it), may ask a question
 * before it runs (predict, then watch), and has a check on the cluster state that holds once the
 * step is done. Lesson files live in `lessons/*.yaml` (`kind: Lesson`, read by `parseLesson`).
 *
 * Every text is written in the three languages of the course notes. Kubernetes terms, object
 * names and commands stay as Kubernetes prints them.
 */
import type { LessonCheck } from './checks';

/** The languages every lesson text is written in. */
export const LESSON_LANGUAGES = ['en', 'vi', 'zh-Hant'] as const;

export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

/**
 * One text in every lesson language.
 *
 * @example
 * { en: 'Delete web-1.', vi: 'Xoá web-1.', 'zh-Hant': '刪除 web-1。' }
 */
export type LocalizedText = Record<LessonLanguage, string>;

/** A multiple-choice question asked before the step's commands run. */
export interface LessonQuestion {
  prompt: LocalizedText;
  choices: LocalizedText[];
  /** Index (0-based) of the right choice. */
  answer: number;
  /** Why the right choice is right: shown once the learner answered. */
  why: LocalizedText;
}

/** One step: explain, instruct, (ask,) do, check. */
export interface LessonStep {
  explain: LocalizedText;
  /** What to do, in one short imperative sentence ("Delete web-1."). */
  instruction: LocalizedText;
  /** The command lines that carry the step out ("Do it for me", the headless player). */
  commands: string[];
  question?: LessonQuestion;
  /** What the learner should have seen, shown once the check holds. */
  outcome?: LocalizedText;
  /** Every check must hold for the step to be done. */
  check: LessonCheck[];
  /** How much simulated time (ms) the headless player lets pass for the check to hold. */
  timeoutMs: number;
}

/**
 * A parsed lesson file.
 *
 * @example
 * { id: 'ordered-creation', title: {…}, summary: {…}, scenario: 'web', setup: [], steps: [{…}], conclusion: {…} }
 */
export interface Lesson {
  /** `metadata.name`: the id in `?lesson=<id>` and in share links. */
  id: string;
  title: LocalizedText;
  /** One or two sentences for the lesson list. */
  summary: LocalizedText;
  /** The bundled scenario whose files, seed and cluster the lesson starts from. */
  scenario?: string;
  /** Workspace files of the lesson itself (added to, or replacing, the scenario's). */
  files?: Record<string, string>;
  /** The seed when the lesson has no scenario (default 1). */
  seed?: number;
  /** Command lines run when the lesson opens, before step 1 (the scenario's own script is not run). */
  setup: string[];
  steps: LessonStep[];
  /** Shown when the last step is done. */
  conclusion: LocalizedText;
}

/** Every text of a lesson with a path naming where it is (for the translation test and tools). */
export function lessonTexts(lesson: Lesson): { path: string; text: LocalizedText }[] {
  const texts = [
    { path: 'title', text: lesson.title },
    { path: 'summary', text: lesson.summary },
    { path: 'conclusion', text: lesson.conclusion },
  ];
  lesson.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    texts.push({ path: `${at}.explain`, text: step.explain }, { path: `${at}.instruction`, text: step.instruction });
    if (step.outcome) texts.push({ path: `${at}.outcome`, text: step.outcome });
    const q = step.question;
    if (q) {
      texts.push({ path: `${at}.question.prompt`, text: q.prompt }, { path: `${at}.question.why`, text: q.why });
      q.choices.forEach((choice, c) => texts.push({ path: `${at}.question.choices[${c}]`, text: choice }));
    }
  });
  return texts;
}
