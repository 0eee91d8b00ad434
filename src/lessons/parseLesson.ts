/**
 * Reads a lesson file (`apiVersion: ordinal.dev/v1alpha1`, `kind: Lesson`) with diagnostics that
 * name file, line and column, like `parseScenario`. Errors stop the parse; a missing translation
 * is a warning (the interface falls back to English, and the lesson test refuses it).
 *
 * ```yaml
 * apiVersion: ordinal.dev/v1alpha1
 * kind: Lesson
 * metadata: {name: ordered-creation}
 * spec:
 *   title: {en: …, vi: …, zh-Hant: …}
 *   summary: {en: …, vi: …, zh-Hant: …}
 *   scenario: web            # a bundled scenario: its files, seed and cluster (not its script)
 *   setup: []                # optional command lines run when the lesson opens
 *   steps:
 *     - explain: {…}
 *       instruction: {…}
 *       commands: ["kubectl apply -f web.yaml"]
 *       question: {prompt: {…}, choices: [{…}, {…}], answer: 0, why: {…}}   # optional
 *       outcome: {…}         # optional
 *       check: [{pod: web-0, ready: true}]
 *       timeout: 2m          # optional, default 5m
 *   conclusion: {…}
 * ```
 */
import { LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../manifest/diagnostics';
import { parseDuration } from '../model/duration';
import { SCENARIO_LIMITS } from '../scenarios/scenario';
import type { Lesson, LessonQuestion, LessonStep } from './lesson';
import { parseCheck } from './parseCheck';
import { LessonSyntaxError, YamlReader } from './yamlReader';

/** Limits that keep a hostile lesson file from hanging the tab. */
export const LESSON_LIMITS = { maxBytes: 1_000_000, maxSteps: 50, maxCommands: 20, maxChecks: 20, maxChoices: 6 };

/** The player's bound when a step names no `timeout`. */
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;

const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const FILE_NAME = /^[\w.-]+$/;

/** Parses a lesson file. `lesson` is set when there is no error (warnings may remain). */
export function parseLesson(text: string, fileName?: string): { lesson?: Lesson; diagnostics: Diagnostic[] } {
  if (text.length > LESSON_LIMITS.maxBytes) {
    return { diagnostics: [{ file: fileName, message: `lesson is too large (${text.length} bytes; the limit is ${LESSON_LIMITS.maxBytes})`, severity: 'error' }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const reader = new YamlReader(lines, fileName);
  if (doc.errors.length) {
    return {
      diagnostics: doc.errors.map((err) => {
        const p = lines.linePos(err.pos[0]);
        return { file: fileName, line: p.line, column: p.col, message: err.message.split('\n')[0] ?? err.message, severity: 'error' as const };
      }),
    };
  }
  try {
    const lesson = readLesson(reader, doc.contents);
    return { lesson, diagnostics: reader.warnings };
  } catch (e) {
    if (!(e instanceof LessonSyntaxError)) throw e;
    return { diagnostics: [reader.diagnostic(e.message, e.node), ...reader.warnings] };
  }
}

function readLesson(r: YamlReader, root: unknown): Lesson {
  const doc = r.map(root, 'a lesson file (apiVersion, kind, metadata, spec)');
  r.onlyKeys(doc, ['apiVersion', 'kind', 'metadata', 'spec'], 'lesson');
  if (r.string(r.field(doc, 'apiVersion', 'lesson'), 'apiVersion') !== 'ordinal.dev/v1alpha1') {
    throw new LessonSyntaxError('apiVersion must be ordinal.dev/v1alpha1', r.get(doc, 'apiVersion'));
  }
  if (r.string(r.field(doc, 'kind', 'lesson'), 'kind') !== 'Lesson') throw new LessonSyntaxError('kind must be Lesson', r.get(doc, 'kind'));
  const metadata = r.map(r.field(doc, 'metadata', 'lesson'), 'metadata');
  r.onlyKeys(metadata, ['name'], 'metadata');
  const id = r.string(r.field(metadata, 'name', 'metadata'), 'metadata.name');
  if (!LESSON_ID.test(id)) throw new LessonSyntaxError('metadata.name must be lowercase letters, digits and "-" (at most 63)', r.get(metadata, 'name'));

  const spec = r.map(r.field(doc, 'spec', 'lesson'), 'spec');
  r.onlyKeys(spec, ['title', 'summary', 'scenario', 'files', 'seed', 'setup', 'steps', 'conclusion'], 'spec');
  const lesson: Lesson = {
    id,
    title: r.localized(r.field(spec, 'title', 'spec'), 'spec.title'),
    summary: r.localized(r.field(spec, 'summary', 'spec'), 'spec.summary'),
    setup: [],
    steps: [],
    conclusion: { en: '', vi: '', 'zh-Hant': '' },
  };
  const scenario = r.field(spec, 'scenario', 'spec', true);
  if (scenario !== undefined) lesson.scenario = r.string(scenario, 'spec.scenario');
  const files = r.field(spec, 'files', 'spec', true);
  if (files !== undefined) lesson.files = readFiles(r, files);
  if (lesson.scenario === undefined && lesson.files === undefined) throw new LessonSyntaxError('spec needs a scenario to start from, or files', spec);
  const seed = r.field(spec, 'seed', 'spec', true);
  if (seed !== undefined) lesson.seed = r.integer(seed, 'spec.seed');
  const setup = r.field(spec, 'setup', 'spec', true);
  if (setup !== undefined) lesson.setup = r.strings(setup, 'spec.setup');

  const steps = r.seq(r.field(spec, 'steps', 'spec'), 'spec.steps');
  if (steps.items.length === 0 || steps.items.length > LESSON_LIMITS.maxSteps) {
    throw new LessonSyntaxError(`spec.steps must have 1 to ${LESSON_LIMITS.maxSteps} steps`, steps);
  }
  lesson.steps = steps.items.map((node, i) => readStep(r, node, `steps[${i}]`));
  lesson.conclusion = r.localized(r.field(spec, 'conclusion', 'spec'), 'spec.conclusion');
  return lesson;
}

function readFiles(r: YamlReader, node: unknown): Record<string, string> {
  const map = r.map(node, 'spec.files (file names to YAML text)');
  if (map.items.length > SCENARIO_LIMITS.maxFiles) throw new LessonSyntaxError(`too many files (the limit is ${SCENARIO_LIMITS.maxFiles})`, map);
  const files: Record<string, string> = {};
  for (const { key, node: keyNode } of r.keys(map)) {
    if (!FILE_NAME.test(key)) throw new LessonSyntaxError(`invalid file name "${key}" (letters, digits, ".", "-" and "_" only)`, keyNode);
    files[key] = r.string(r.get(map, key), `spec.files.${key}`);
  }
  return files;
}

function readStep(r: YamlReader, node: unknown, where: string): LessonStep {
  const map = r.map(node, where);
  r.onlyKeys(map, ['explain', 'instruction', 'commands', 'question', 'outcome', 'check', 'timeout'], where);
  const commands = r.strings(r.field(map, 'commands', where), `${where}.commands`);
  if (commands.length === 0 || commands.length > LESSON_LIMITS.maxCommands) {
    throw new LessonSyntaxError(`${where}.commands must have 1 to ${LESSON_LIMITS.maxCommands} command lines`, r.get(map, 'commands'));
  }
  const checks = r.seq(r.field(map, 'check', where), `${where}.check`);
  if (checks.items.length === 0 || checks.items.length > LESSON_LIMITS.maxChecks) {
    throw new LessonSyntaxError(`${where}.check must have 1 to ${LESSON_LIMITS.maxChecks} items`, checks);
  }
  const step: LessonStep = {
    explain: r.localized(r.field(map, 'explain', where), `${where}.explain`),
    instruction: r.localized(r.field(map, 'instruction', where), `${where}.instruction`),
    commands,
    check: checks.items.map((item, i) => parseCheck(r, item, `${where}.check[${i}]`)),
    timeoutMs: DEFAULT_STEP_TIMEOUT_MS,
  };
  const question = r.field(map, 'question', where, true);
  if (question !== undefined) step.question = readQuestion(r, question, `${where}.question`);
  const outcome = r.field(map, 'outcome', where, true);
  if (outcome !== undefined) step.outcome = r.localized(outcome, `${where}.outcome`);
  const timeout = r.field(map, 'timeout', where, true);
  if (timeout !== undefined) {
    const ms = parseDuration(r.string(timeout, `${where}.timeout`));
    if (ms === undefined || ms <= 0) throw new LessonSyntaxError(`${where}.timeout must be a duration like 90s or 5m`, timeout);
    step.timeoutMs = ms;
  }
  return step;
}

function readQuestion(r: YamlReader, node: unknown, where: string): LessonQuestion {
  const map: YAMLMap = r.map(node, where);
  r.onlyKeys(map, ['prompt', 'choices', 'answer', 'why'], where);
  const choices = r.seq(r.field(map, 'choices', where), `${where}.choices`);
  if (choices.items.length < 2 || choices.items.length > LESSON_LIMITS.maxChoices) {
    throw new LessonSyntaxError(`${where}.choices must have 2 to ${LESSON_LIMITS.maxChoices} choices`, choices);
  }
  const answerNode = r.field(map, 'answer', where);
  const answer = r.integer(answerNode, `${where}.answer`);
  if (answer >= choices.items.length) throw new LessonSyntaxError(`${where}.answer must be the index (from 0) of one of the ${choices.items.length} choices`, answerNode);
  return {
    prompt: r.localized(r.field(map, 'prompt', where), `${where}.prompt`),
    choices: choices.items.map((c, i) => r.localized(c, `${where}.choices[${i}]`)),
    answer,
    why: r.localized(r.field(map, 'why', where), `${where}.why`),
  };
}
