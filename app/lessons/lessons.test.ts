import { describe, expect, it } from 'vitest';
import { LESSON_LANGUAGES, lessonTexts } from '../../src/lessons/lesson';
import { parseLesson } from '../../src/lessons/parseLesson';
import { playLesson } from '../../src/lessons/playLesson';
import { SCENARIOS } from '../workspace/scenarioCatalog';
import { LESSONS, LESSON_FILES, LESSON_ORDER, scenarioOfLesson } from './lessonCatalog';

// Every bundled lesson, played headless to the end (issue 5 "Checks"): each step's check must be
// false before its commands run (else the lesson would advance on its own) and true after.
describe('bundled lessons', () => {
  it('are at least six, and every file parses without errors or warnings', () => {
    expect(Object.keys(LESSON_FILES).length).toBeGreaterThanOrEqual(6);
    for (const [name, text] of Object.entries(LESSON_FILES)) {
      const { lesson, diagnostics } = parseLesson(text, `lessons/${name}.yaml`);
      expect(diagnostics, name).toEqual([]);
      expect(lesson?.id, `metadata.name of lessons/${name}.yaml is its file name`).toBe(name);
    }
    expect(LESSONS.map((l) => l.id)).toEqual(LESSON_ORDER);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: every text is written in English, Vietnamese and Traditional Chinese', (_id, lesson) => {
    for (const { path, text } of lessonTexts(lesson)) {
      for (const language of LESSON_LANGUAGES) expect(text[language].trim(), `${path}.${language}`).not.toBe('');
      // A sentence copied from English is an untranslated text; a bare name (`web-2`) is not.
      if (/\s/.test(text.en.trim())) {
        expect(text.vi, `${path}: vi is not a copy of en`).not.toBe(text.en);
        expect(text['zh-Hant'], `${path}: zh-Hant is not a copy of en`).not.toBe(text.en);
      }
    }
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: starts from a bundled scenario', (_id, lesson) => {
    if (lesson.scenario !== undefined) expect(Object.keys(SCENARIOS)).toContain(lesson.scenario);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: plays to the end, each check holding only after its step ran', (_id, lesson) => {
    const played = playLesson(lesson, scenarioOfLesson(lesson));
    expect(played.steps).toHaveLength(lesson.steps.length);
    for (const step of played.steps) {
      const label = `step ${step.index + 1}`;
      expect(step.before.every(Boolean), `${label}: its check already held before its commands ran`).toBe(false);
      expect(step.after, `${label}: each check after the step`).toEqual(step.after.map(() => true));
      expect(step.passed, label).toBe(true);
      for (const out of step.outputs) expect(out.exitCode, `${label}: ${out.command}\n${out.output}`).toBe(0);
    }
  });
});
