/**
 * Share links (house-style §4.6): a scenario, the journal of what the user did since it was
 * loaded, and the selected object, packed into a URL fragment `#v1/<payload>`.
 *
 * The payload is lz-string's `compressToEncodedURIComponent` of a compact JSON object that keeps
 * only the fields that differ from their defaults (seed 1, no files, no script, no journal…).
 * Decoding never trusts the link: the size is capped before and after decompression, every field
 * is shape-checked, and the scenario goes through `parseScenario` (the same limits and manifest
 * checks as a scenario file) before anything may run it. Every version ever written keeps a
 * decoder in `DECODERS`, so old links keep opening.
 */
import * as lzModule from 'lz-string';
import { stringify } from 'yaml';
import type { JournalEntry, ObjectRef } from '../protocol/messages';
import { parseScenario } from './parseScenario';
import { SCENARIO_LIMITS, type Scenario } from './scenario';

/**
 * lz-string is a CommonJS module whose exports Node's ES module loader cannot name (the headless
 * tools load this file under Node; the bundler can): its functions are on the default export there.
 */
const lz: typeof lzModule = (lzModule as { default?: typeof lzModule }).default ?? lzModule;

/**
 * What a share link carries: the scenario as loaded, then what the user did (replayed after the
 * scenario's own script), and the object shown in the inspector.
 *
 * @example
 * { scenario: { name: 'web', seed: 1, files: { 'web.yaml': '…' }, script: [] },
 *   journal: [{ type: 'line', line: 'kubectl delete pod web-1' }, { type: 'line', line: 'sim advance 3000ms' }],
 *   selected: { kind: 'Pod', name: 'web-1' } }
 */
export interface SharedScenario {
  scenario: Scenario;
  journal: JournalEntry[];
  selected?: ObjectRef;
  /** The moment on the timeline the link shows (simulated ms); absent = the end of the recording. */
  moment?: number;
  /** A lesson in progress: its id and the step reached (0-based). */
  lesson?: LessonProgress;
}

/** Where a learner is in a lesson. */
export interface LessonProgress {
  id: string;
  step: number;
}

/** The result of reading a fragment: a checked scenario, or one sentence saying why not. */
export type DecodedScenarioUrl = SharedScenario | { error: string };

/** The fragment's version prefix written by `encodeScenarioUrl`. */
export const CURRENT_URL_VERSION = 'v1';

/** Limits of a share link on top of `SCENARIO_LIMITS` (DESIGN §3 "Limits"). */
export const URL_LIMITS = {
  /** Characters of the whole fragment: bigger links are refused unread. */
  maxFragmentChars: 200_000,
  /** Characters of the decompressed JSON (a small fragment can expand a lot). */
  maxJsonChars: SCENARIO_LIMITS.maxFileBytes * 4,
  /** Entries of the journal (lines and file edits). */
  maxJournalEntries: SCENARIO_LIMITS.maxScriptLines * 2,
};

const DEFAULT_SEED = 1;
const FILE_NAME = /^[\w.-]+$/;
const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Compact v1 JSON: short keys; a journal line is a string, a file edit a `[file, text]` pair. */
interface PayloadV1 {
  n: string;
  ti?: string;
  s?: number;
  st?: string;
  c?: Scenario['cluster'];
  tm?: Scenario['timing'];
  f?: Record<string, string>;
  sc?: string[];
  j?: (string | [string, string])[];
  /** `[kind, name]` or `[kind, name, namespace]`. */
  sel?: [string, string] | [string, string, string];
  /** The timeline moment, simulated ms. */
  m?: number;
  /** `[lessonId, step]`. */
  l?: [string, number];
}

const isEmptyObject = (value: object | undefined) => value === undefined || Object.keys(value).length === 0;

/**
 * Writes the fragment (with its `#`) for a shared scenario; fields equal to their defaults are
 * left out.
 *
 * @example
 * encodeScenarioUrl({ scenario, journal: [] }) // '#v1/N4Ig…'
 */
export function encodeScenarioUrl(shared: SharedScenario): string {
  const { scenario, journal, selected, moment, lesson } = shared;
  const payload: PayloadV1 = { n: scenario.name };
  if (scenario.title !== undefined) payload.ti = scenario.title;
  if (scenario.seed !== DEFAULT_SEED) payload.s = scenario.seed;
  if (scenario.startTime !== undefined) payload.st = scenario.startTime;
  if (scenario.cluster !== undefined && !isEmptyObject(scenario.cluster)) payload.c = scenario.cluster;
  if (scenario.timing !== undefined && !isEmptyObject(scenario.timing)) payload.tm = scenario.timing;
  if (!isEmptyObject(scenario.files)) payload.f = scenario.files;
  if (scenario.script.length) payload.sc = scenario.script;
  if (journal.length) payload.j = journal.map((e) => (e.type === 'line' ? e.line : [e.file, e.text]));
  if (selected) payload.sel = selected.namespace ? [selected.kind, selected.name, selected.namespace] : [selected.kind, selected.name];
  if (moment !== undefined) payload.m = moment;
  if (lesson !== undefined) payload.l = [lesson.id, lesson.step];
  return `#${CURRENT_URL_VERSION}/${lz.compressToEncodedURIComponent(JSON.stringify(payload))}`;
}

/** True when `hash` (with or without `#`) looks like a share link of any version (`#v1/…`). */
export function isScenarioUrl(hash: string): boolean {
  return /^#?v\d+\//.test(hash);
}

/**
 * Reads a fragment written by `encodeScenarioUrl` (this version or an older one). Returns the
 * checked scenario, or `{ error }` with a sentence for the user: unknown version, damaged or
 * truncated data, too large, wrong shapes, or a scenario that fails the scenario file's checks.
 * `limits` is for tests.
 */
export function decodeScenarioUrl(hash: string, limits: typeof URL_LIMITS = URL_LIMITS): DecodedScenarioUrl {
  if (hash.length > limits.maxFragmentChars) {
    return { error: `the link is too large (${hash.length} characters; the limit is ${limits.maxFragmentChars})` };
  }
  const match = /^#?(v\d+)\/(.*)$/s.exec(hash);
  if (!match) return { error: 'the link does not hold a scenario (it should start with #v1/)' };
  const [, version = '', data = ''] = match;
  const decoder = Object.hasOwn(DECODERS, version) ? DECODERS[version] : undefined;
  if (!decoder) return { error: `the link was made by an unknown version of Ordinal ("${version}")` };
  return decoder(data, limits);
}

const DECODERS: Record<string, (data: string, limits: typeof URL_LIMITS) => DecodedScenarioUrl> = { v1: decodeV1 };

function decodeV1(data: string, limits: typeof URL_LIMITS): DecodedScenarioUrl {
  const damaged = { error: 'the link is damaged or truncated (its data cannot be read)' };
  if (!/^[A-Za-z0-9+\-$]*$/.test(data) || data === '') return damaged;
  let json: string | null;
  try {
    json = lz.decompressFromEncodedURIComponent(data);
  } catch {
    return damaged;
  }
  if (!json) return damaged;
  if (json.length > limits.maxJsonChars) return { error: `the link's scenario is too large (${json.length} characters; the limit is ${limits.maxJsonChars})` };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return damaged;
  }
  const shaped = toShared(raw, limits);
  if ('error' in shaped) return { error: `the link's scenario is not valid: ${shaped.error}` };
  // The same checks and limits as a scenario file, on the very text the worker will load.
  const { scenario, diagnostics } = parseScenario(toScenarioText(shaped.scenario));
  const problem = diagnostics.find((d) => d.severity === 'error');
  if (!scenario || problem) return { error: `the link's scenario is not valid: ${problem?.message ?? 'it cannot be read'}` };
  return { ...shaped, scenario };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** Shape checks of the v1 JSON; builds the shared scenario or names the first wrong field. */
function toShared(raw: unknown, limits: typeof URL_LIMITS): SharedScenario | { error: string } {
  if (!isRecord(raw)) return { error: 'it is not an object' };
  const p = raw as Partial<Record<keyof PayloadV1, unknown>>;
  if (!isString(p.n) || !p.n) return { error: 'it has no name' };
  const scenario: Scenario = { name: p.n, seed: DEFAULT_SEED, files: {}, script: [] };
  if (p.ti !== undefined) {
    if (!isString(p.ti)) return { error: 'the title must be text' };
    scenario.title = p.ti;
  }
  if (p.s !== undefined) {
    if (typeof p.s !== 'number' || !Number.isInteger(p.s) || p.s < 0 || p.s > 2 ** 32 - 1) return { error: 'the seed must be a whole number from 0 to 4294967295' };
    scenario.seed = p.s;
  }
  if (p.st !== undefined) {
    if (!isString(p.st)) return { error: 'the start time must be text' };
    scenario.startTime = p.st;
  }
  if (p.c !== undefined) {
    if (!isRecord(p.c)) return { error: 'the cluster must be an object' };
    scenario.cluster = p.c as Scenario['cluster'];
  }
  if (p.tm !== undefined) {
    if (!isRecord(p.tm) || !Object.values(p.tm).every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) return { error: 'timing must map names to durations in ms' };
    scenario.timing = p.tm as Scenario['timing'];
  }
  if (p.f !== undefined) {
    if (!isRecord(p.f) || !Object.values(p.f).every(isString)) return { error: 'files must map file names to text' };
    scenario.files = p.f as Record<string, string>;
  }
  if (p.sc !== undefined) {
    if (!Array.isArray(p.sc) || !p.sc.every(isString)) return { error: 'the script must be a list of command lines' };
    scenario.script = p.sc;
  }
  const journal: JournalEntry[] = [];
  if (p.j !== undefined) {
    if (!Array.isArray(p.j)) return { error: 'the recorded steps must be a list' };
    if (p.j.length > limits.maxJournalEntries) return { error: `too many recorded steps (${p.j.length}; the limit is ${limits.maxJournalEntries})` };
    for (const entry of p.j as unknown[]) {
      if (isString(entry)) {
        if (entry.includes('\n')) return { error: 'a recorded command spans several lines' };
        journal.push({ type: 'line', line: entry });
        continue;
      }
      if (!Array.isArray(entry) || entry.length !== 2 || !isString(entry[0]) || !isString(entry[1])) return { error: 'a recorded step is neither a command line nor a file edit' };
      const [file, text] = entry;
      if (!FILE_NAME.test(file)) return { error: `invalid file name "${file}" (letters, digits, ".", "-" and "_" only)` };
      if (text.length > SCENARIO_LIMITS.maxFileBytes) return { error: `file ${file} is too large (${text.length} bytes; the limit is ${SCENARIO_LIMITS.maxFileBytes})` };
      journal.push({ type: 'file', file, text });
    }
  }
  const shared: SharedScenario = { scenario, journal };
  if (p.sel !== undefined) {
    const sel = p.sel;
    if (!Array.isArray(sel) || sel.length < 2 || sel.length > 3 || !sel.every(isString)) return { error: 'the selected object must be [kind, name] or [kind, name, namespace]' };
    const [kind = '', name = '', namespace] = sel as string[];
    shared.selected = namespace === undefined ? { kind, name } : { kind, namespace, name };
  }
  if (p.m !== undefined) {
    if (typeof p.m !== 'number' || !Number.isInteger(p.m) || p.m < 0) return { error: 'the moment must be a whole number of milliseconds' };
    shared.moment = p.m;
  }
  if (p.l !== undefined) {
    const l = p.l;
    if (!Array.isArray(l) || l.length !== 2 || !isString(l[0]) || !LESSON_ID.test(l[0]) || typeof l[1] !== 'number' || !Number.isInteger(l[1]) || l[1] < 0 || l[1] > 1000) {
      return { error: 'the lesson must be [id, step]' };
    }
    shared.lesson = { id: l[0], step: l[1] };
  }
  return shared;
}

/**
 * A scenario file (`kind: Scenario` YAML) for a scenario object: what the worker's `load`
 * request takes. `parseScenario(toScenarioText(s))` gives `s` back.
 */
export function toScenarioText(scenario: Scenario): string {
  const metadata: Record<string, string> = { name: scenario.name };
  if (scenario.title !== undefined) metadata['title'] = scenario.title;
  const spec: Record<string, unknown> = { seed: scenario.seed };
  if (scenario.startTime !== undefined) spec['startTime'] = scenario.startTime;
  if (scenario.cluster !== undefined) spec['cluster'] = scenario.cluster;
  if (scenario.timing !== undefined) spec['timing'] = scenario.timing;
  spec['files'] = scenario.files;
  spec['script'] = scenario.script;
  return stringify({ apiVersion: 'ordinal.dev/v1alpha1', kind: 'Scenario', metadata, spec }, { lineWidth: 0, aliasDuplicateObjects: false });
}
