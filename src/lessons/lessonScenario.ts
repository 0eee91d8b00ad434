/**
 * The scenario a lesson runs in: the files, seed and cluster of the scenario it names (plus its
 * own files), with the lesson's `setup` as the script. The scenario's own script is not run: the
 * lesson's steps are what happens.
 */
import type { Scenario } from '../scenarios/scenario';
import type { Lesson } from './lesson';

/** The name of a lesson's scenario (its workspace and share-link name). */
export function lessonScenarioName(lesson: Lesson): string {
  return `lesson-${lesson.id}`;
}

/**
 * Builds the lesson's scenario. `base` is the parsed scenario `lesson.scenario` names (the caller
 * looks it up among the bundled ones); it is required when the lesson names one.
 */
export function lessonScenario(lesson: Lesson, base: Scenario | undefined): Scenario {
  if (lesson.scenario !== undefined && !base) throw new Error(`lesson ${lesson.id}: there is no scenario "${lesson.scenario}"`);
  const scenario: Scenario = {
    name: lessonScenarioName(lesson),
    title: lesson.title.en,
    seed: lesson.seed ?? base?.seed ?? 1,
    files: { ...base?.files, ...lesson.files },
    script: [...lesson.setup],
  };
  if (base?.startTime !== undefined) scenario.startTime = base.startTime;
  if (base?.cluster !== undefined) scenario.cluster = base.cluster;
  if (base?.timing !== undefined) scenario.timing = base.timing;
  return scenario;
}
