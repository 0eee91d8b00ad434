// The lessons bundled with the page (`lessons/*.yaml`), parsed once, in curriculum order, with
// the scenario each one runs in. Bundled as text, never fetched.
import type { Lesson } from '../../src/lessons/lesson';
import { lessonScenario } from '../../src/lessons/lessonScenario';
import { parseLesson } from '../../src/lessons/parseLesson';
import { parseScenario } from '../../src/scenarios/parseScenario';
import type { Scenario } from '../../src/scenarios/scenario';
import { toScenarioText } from '../../src/scenarios/scenarioUrl';
import { SCENARIOS } from '../workspace/scenarioCatalog';

const files = import.meta.glob<string>('../../lessons/*.yaml', { query: '?raw', import: 'default', eager: true });

/** Lesson file text by file name without `.yaml`. */
export const LESSON_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text]),
);

/** The order of the list: the seeds' curriculum. Lessons not named here come after, by id. */
export const LESSON_ORDER: readonly string[] = [
  'ordered-creation',
  'storage-survives',
  'headless-dns',
  'scale-down-claims',
  'deployment-vs-statefulset',
  'local-vs-remote-storage',
  'mysql-primary-replicas',
];

/** Parses every bundled lesson; a lesson file with errors is left out (the lesson test reports it). */
function loadLessons(): Lesson[] {
  const lessons = Object.entries(LESSON_FILES).flatMap(([name, text]) => {
    const { lesson } = parseLesson(text, `lessons/${name}.yaml`);
    return lesson ? [lesson] : [];
  });
  const rank = (id: string) => (LESSON_ORDER.includes(id) ? LESSON_ORDER.indexOf(id) : LESSON_ORDER.length);
  return lessons.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

/** The bundled lessons in list order. */
export const LESSONS: readonly Lesson[] = loadLessons();

/** The lesson with this id, if bundled. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

/** The scenario a lesson runs in (its named scenario's files and seed, its own setup as script). */
export function scenarioOfLesson(lesson: Lesson, scenarios: Readonly<Record<string, string>> = SCENARIOS): Scenario {
  const text = lesson.scenario !== undefined && Object.hasOwn(scenarios, lesson.scenario) ? scenarios[lesson.scenario] : undefined;
  const base = text === undefined ? undefined : parseScenario(text, `${lesson.scenario}.yaml`).scenario;
  return lessonScenario(lesson, base);
}

/** The scenario text the worker loads for a lesson. */
export function lessonScenarioText(lesson: Lesson): string {
  return toScenarioText(scenarioOfLesson(lesson));
}
