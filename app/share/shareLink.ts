// Share links in the page: which scenario a URL opens (a `#v1/…` fragment wins over
// `?scenario=`), and the link for what the user has now. The codec itself is pure and lives in
// src/scenarios/scenarioUrl.ts; this file only joins it to the page's pieces.
import type { JournalEntry, ObjectRef } from '../../src/protocol/messages';
import { parseScenario } from '../../src/scenarios/parseScenario';
import { decodeScenarioUrl, encodeScenarioUrl, isScenarioUrl, toScenarioText, type LessonProgress, type SharedScenario } from '../../src/scenarios/scenarioUrl';
import { i18next } from '../i18n/i18n';
import { chooseScenario, type ScenarioChoice } from '../workspace/chooseScenario';

/** The scenario to load, plus what a share link adds: the steps to replay and the selection. */
export interface OpenedScenario extends ScenarioChoice {
  /** Set when the scenario came from a share link: replay these after its script. */
  replay?: JournalEntry[];
  selected?: ObjectRef;
  /** The timeline moment the link shows (simulated ms); absent = the end of the recording. */
  moment?: number;
  /** The lesson in progress when the link was made. */
  lesson?: LessonProgress;
}

/** The part of `window.location` read here (tests pass plain objects). */
export interface LocationLike {
  hash: string;
  search: string;
}

/**
 * Picks what the page opens. A share fragment (`#v1/…`) wins over `?scenario=`; a fragment that
 * cannot be read opens the default scenario with a notice saying why (shown as text, never HTML).
 */
export function openScenario(location: LocationLike, scenarios: Readonly<Record<string, string>>, fallback: string): OpenedScenario {
  if (!isScenarioUrl(location.hash)) return chooseScenario(location.search, scenarios, fallback);
  const decoded = decodeScenarioUrl(location.hash);
  if ('error' in decoded) {
    const choice = chooseScenario('', scenarios, fallback);
    // The reason comes from the engine's decoder, which speaks English only.
    return { ...choice, notice: i18next.t('share:link.unopenable', { reason: decoded.error }) };
  }
  const opened: OpenedScenario = { name: decoded.scenario.name, text: toScenarioText(decoded.scenario), replay: decoded.journal };
  if (decoded.selected) opened.selected = decoded.selected;
  if (decoded.moment !== undefined) opened.moment = decoded.moment;
  if (decoded.lesson) opened.lesson = decoded.lesson;
  return opened;
}

/** What the page has now, as the Share button collects it. */
export interface ShareInput {
  /** The scenario text the worker loaded. */
  scenarioText: string;
  /** The steps replayed at load and recorded since (the client's journal). */
  journal: readonly JournalEntry[];
  /** The editor's files: edits not yet applied are journaled only at the next command. */
  files: Readonly<Record<string, string>>;
  selected?: ObjectRef | undefined;
  /** The moment on the timeline being looked at (simulated ms); undefined = the present. */
  moment?: number | undefined;
  /** Where the learner is in a lesson, if one is open. */
  lesson?: LessonProgress | undefined;
}

/** The fragment (`#v1/…`) for what the page has now, or an error if the loaded scenario cannot be read. */
export function createShareHash(input: ShareInput): string | { error: string } {
  const { scenario } = parseScenario(input.scenarioText);
  if (!scenario) return { error: 'the open scenario cannot be read' };
  const journal = [...input.journal];
  // The files as a replay would leave them; the editor's differences become trailing edits.
  const replayed: Record<string, string> = { ...scenario.files };
  for (const entry of journal) if (entry.type === 'file') replayed[entry.file] = entry.text;
  for (const file of Object.keys(input.files).sort()) {
    const text = input.files[file] ?? '';
    if (replayed[file] !== text) journal.push({ type: 'file', file, text });
  }
  for (const file of Object.keys(replayed).sort()) {
    if (input.files[file] === undefined && replayed[file] !== '') journal.push({ type: 'file', file, text: '' });
  }
  const shared: SharedScenario = { scenario, journal };
  if (input.selected) shared.selected = input.selected;
  if (input.moment !== undefined) shared.moment = Math.max(0, Math.round(input.moment));
  if (input.lesson) shared.lesson = { id: input.lesson.id, step: input.lesson.step };
  return encodeScenarioUrl(shared);
}
