// The host's timeline: records when each step ran, shows a past moment in a separate replayed
// state (the live state stays the head), branches when the user acts at that moment, and builds
// the markers the timeline draws. The host calls it; it never touches the live state itself.
import type { ClusterState } from '../../src/engine/clusterState';
import type { TimelineInfo } from '../../src/protocol/messages';
import type { Scenario } from '../../src/scenarios/scenario';
import { toScenarioText } from '../../src/scenarios/scenarioUrl';
import { eventMarkers, TimelineHistory, type Cut, type HistoryStep } from './timeline';
import { ReplayCache } from './timelineCheckpoints';
import type { Replayed } from './timelineReplay';

/** At most this many event-marker groups over the whole span (a group per 1/MAX_GROUPS of it). */
const MAX_GROUPS = 400;

/** What a branch hands the host: the past state that becomes live, and what the client must know. */
export interface Branch {
  replayed: Replayed;
  /** Time between the last kept step and the moment: recorded as `sim advance` before the next command. */
  extraMs: number;
  at: number;
  /** Later user commands dropped. */
  dropped: number;
  /** Journal entries the client keeps. */
  journalKept: number;
  /** Set when the branch shortened the scenario's own script: the scenario the client replays from now on. */
  scenarioText?: string;
}

/** Width of an event group: a power of two, so it changes rarely as time passes (and markers with it). */
function groupWidth(now: number): number {
  return 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, now / MAX_GROUPS))));
}

export class TimelineView {
  readonly history = new TimelineHistory();
  private scenarioText = '';
  private scenario: Scenario | undefined;
  private past: { cut: Cut; replayed: Replayed } | undefined;
  private cache = new ReplayCache();
  private checkedKey = '';
  private sentText = '';
  private generation = 0;

  /** Starts a new history for a freshly loaded scenario. */
  reset(scenarioText: string, scenario: Scenario): void {
    this.scenarioText = scenarioText;
    this.scenario = scenario;
    this.history.clear();
    this.past = undefined;
    this.cache.clear();
    this.generation++;
  }

  record(step: HistoryStep): void {
    this.history.add(step);
  }

  /** The past moment shown, if any: its time and replayed cluster. */
  get viewing(): (Replayed & { at: number }) | undefined {
    return this.past && { ...this.past.replayed, at: this.past.cut.at };
  }

  /**
   * Shows moment `moment` (null, or a moment at or after the head: live again). The replay
   * starts from the nearest cached checkpoint at or before the moment.
   */
  view(moment: number | null, headNow: number): void {
    if (moment === null || moment >= headNow || !this.scenario) {
      this.past = undefined;
      return;
    }
    const cut = this.history.cutAt(moment, headNow);
    if (this.history.isComplete(cut) && cut.at >= headNow) {
      this.past = undefined;
      return;
    }
    this.past = { cut, replayed: this.cache.replay(this.scenario, this.history.journal(), cut) };
  }

  /**
   * Makes the moment shown the live one: drops the later history and returns the past state for
   * the host to adopt. A moment inside the scenario's own script shortens that script.
   */
  branch(): Branch | undefined {
    const past = this.past;
    const scenario = this.scenario;
    if (!past || !scenario) return undefined;
    this.past = undefined;
    this.cache.clear();
    this.generation++;
    const { cut } = past;
    const dropped = this.history.truncate(cut);
    if (cut.scriptLines >= scenario.script.length) {
      return { replayed: past.replayed, extraMs: cut.extraMs, at: cut.at, dropped, journalKept: cut.entries };
    }
    // Inside the script: the scenario itself now ends at this moment, so a restart replays it.
    const script = scenario.script.slice(0, cut.scriptLines);
    if (cut.extraMs > 0) {
      const line = `sim advance ${cut.extraMs}ms`;
      script.push(line);
      this.history.add({ source: 'script', line, at: cut.at - cut.extraMs, endAt: cut.at });
    }
    this.scenario = { ...scenario, script };
    this.scenarioText = toScenarioText(this.scenario);
    return { replayed: past.replayed, extraMs: 0, at: cut.at, dropped, journalKept: 0, scenarioText: this.scenarioText };
  }

  /** The markers and the script's end, when they changed since the last call (else undefined). */
  changedInfo(live: ClusterState): TimelineInfo | undefined {
    const bucketMs = groupWidth(live.now);
    // Cheap check first: nothing was written, no step recorded, same grouping → same markers.
    const key = `${this.generation}|${this.history.steps.length}|${live.counters.rv}|${live.events.length}|${bucketMs}`;
    if (key === this.checkedKey) return undefined;
    this.checkedKey = key;
    const markers = [...this.history.commandMarkers(), ...eventMarkers(live, bucketMs)].sort((a, b) => a.at - b.at);
    const info = { scriptEnd: this.history.scriptEnd(), markers };
    const text = JSON.stringify(info);
    if (text === this.sentText) return undefined;
    this.sentText = text;
    return info;
  }
}
