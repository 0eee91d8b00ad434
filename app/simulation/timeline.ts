// The timeline's history: every command that ran since the scenario was loaded (the scenario's own
// script lines, then the journal), each with the simulated time it started and ended at. From it:
// the cut that reproduces a moment T (which steps to replay, plus a partial `sim advance`), the
// journal kept by a branch, and the markers drawn on the timeline (commands and notable events).
// Pure bookkeeping: replaying a cut is timelineReplay.ts, the host wires both in.
import type { ClusterState, EventRecord } from '../../src/engine/clusterState';
import type { JournalEntry, TimelineMarker } from '../../src/protocol/messages';

/** One step of the history and when it ran (simulated ms). */
export type HistoryStep = { at: number; endAt: number } & ({ source: 'script'; line: string } | { source: 'journal'; entry: JournalEntry });

/**
 * What to replay to show a moment: the first `scriptLines` script lines, the first `entries`
 * journal entries, then `extraMs` of plain time. `at` is the simulated time the replay reaches.
 */
export interface Cut {
  scriptLines: number;
  entries: number;
  extraMs: number;
  at: number;
}

/** Lines that only let time pass: a moment inside one can be reached by advancing part of it. */
const TIME_ONLY = /^sim (advance|wait)\b/;

/** Normal events worth a marker (pods created and deleted, kills, nodes going NotReady); every Warning is one too. */
const NOTABLE_NORMAL = new Set(['SuccessfulCreate', 'SuccessfulDelete', 'Killing', 'NodeNotReady', 'TaintManagerEviction', 'ScalingReplicaSet', 'Completed']);

/** How many object names a grouped event marker lists before "…". */
const NAMES_IN_LABEL = 4;

export class TimelineHistory {
  readonly steps: HistoryStep[] = [];

  /** The journal entries, in order. */
  journal(): JournalEntry[] {
    return this.steps.flatMap((s) => (s.source === 'journal' ? [s.entry] : []));
  }

  /** When the scenario's own script ended (the user's history starts there). */
  scriptEnd(): number {
    let end = 0;
    for (const step of this.steps) if (step.source === 'script') end = step.endAt;
    return end;
  }

  clear(): void {
    this.steps.length = 0;
  }

  add(step: HistoryStep): void {
    this.steps.push(step);
  }

  /**
   * The cut that shows moment `t` (clamped to `0..headNow`). Steps that ended by `t` are kept; a
   * `sim advance`/`sim wait` running at `t` is advanced only up to `t`; any other command still
   * running at `t` (a blocking delete, a drain) is left out, so the view stops where it started.
   */
  cutAt(t: number, headNow: number): Cut {
    const target = Math.max(0, Math.min(t, headNow));
    const cut: Cut = { scriptLines: 0, entries: 0, extraMs: 0, at: 0 };
    for (const step of this.steps) {
      if (step.endAt <= target) {
        if (step.source === 'script') cut.scriptLines++;
        else cut.entries++;
        cut.at = step.endAt;
        continue;
      }
      if (step.at < target && TIME_ONLY.test(lineOf(step))) {
        cut.extraMs = target - step.at;
        cut.at = target;
      }
      return cut;
    }
    cut.extraMs = target - cut.at;
    cut.at = target;
    return cut;
  }

  /** Whether `cut` keeps the whole history (it shows the head, or the time played after it). */
  isComplete(cut: Cut): boolean {
    return cut.scriptLines + cut.entries === this.steps.length;
  }

  /**
   * Drops the steps after `cut` (a branch) and returns how many user commands were dropped
   * (`sim advance` lines and file edits are time and text, not commands). The cut must end in the
   * journal or at the end of the script; a cut inside the script is the host's to rewrite.
   */
  truncate(cut: Cut): number {
    const kept = cut.scriptLines + cut.entries;
    const dropped = this.steps.slice(kept).filter((s) => isCommand(s)).length;
    this.steps.length = kept;
    return dropped;
  }

  /** Command markers: script and journal lines, without the `sim advance` lines that record time. */
  commandMarkers(): TimelineMarker[] {
    return this.steps.flatMap((step) => (isCommand(step) ? [{ at: step.at, kind: 'command' as const, label: lineOf(step), count: 1 }] : []));
  }
}

function lineOf(step: HistoryStep): string {
  if (step.source === 'script') return step.line;
  return step.entry.type === 'line' ? step.entry.line : '';
}

function isCommand(step: HistoryStep): boolean {
  if (step.source === 'journal' && step.entry.type === 'file') return false;
  return !/^sim advance\b/.test(lineOf(step));
}

/** Whether an event gets a marker: any Warning, and the Normal reasons in NOTABLE_NORMAL. */
export function isNotableEvent(event: Pick<EventRecord, 'type' | 'reason'>): boolean {
  return event.type === 'Warning' || NOTABLE_NORMAL.has(event.reason);
}

/**
 * Event markers of `state`: notable events grouped by reason within `bucketMs` of simulated time
 * (1 = the same instant), so a scale-up to 1,000 pods is a bounded number of markers
 * ("SuccessfulCreate ×40: pod/web-3, pod/web-4, …"), not a thousand. A group sits at its first event.
 */
export function eventMarkers(state: ClusterState, bucketMs = 1): TimelineMarker[] {
  const groups = new Map<string, { at: number; warning: boolean; reason: string; names: string[]; count: number }>();
  for (const event of state.events) {
    if (!isNotableEvent(event)) continue;
    // A repeated event is one record (count, first and last time): it marks its first and last time.
    for (const at of event.lastAt > event.firstAt ? [event.firstAt, event.lastAt] : [event.firstAt]) {
      const key = `${Math.floor(at / bucketMs)}|${event.type}|${event.reason}`;
      let group = groups.get(key);
      if (!group) {
        group = { at, warning: event.type === 'Warning', reason: event.reason, names: [], count: 0 };
        groups.set(key, group);
      }
      group.count++;
      if (group.names.length < NAMES_IN_LABEL) group.names.push(subjectOf(event));
    }
  }
  return [...groups.values()]
    .sort((a, b) => a.at - b.at)
    .map((g) => ({
      at: g.at,
      kind: g.warning ? ('warning' as const) : ('event' as const),
      label: `${g.reason}${g.count > 1 ? ` ×${g.count}` : ''}: ${g.names.join(', ')}${g.count > g.names.length ? ', …' : ''}`,
      count: g.count,
    }));
}

/** The object an event is about, as the timeline names it: what a controller created or deleted, else the involved object. */
function subjectOf(event: EventRecord): string {
  const claim = /^create Claim (\S+)/.exec(event.message);
  if (claim?.[1]) return `pvc/${claim[1]}`;
  const made = /^(?:(?:create|delete) Pod |(?:Created|Deleted) pod: |(?:Created|Deleted) job )(\S+)/.exec(event.message);
  if (made?.[1]) return `${/job /.test(event.message) ? 'job' : 'pod'}/${made[1]}`;
  return `${event.involved.kind.toLowerCase()}/${event.involved.name}`;
}
