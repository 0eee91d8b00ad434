// Replays for the timeline, cheap enough to drag. Replaying a long script from scratch costs a few
// hundred ms, so replays start from the nearest checkpoint: a copy of the cluster taken between
// two steps of an earlier replay (the state is plain JSON data; a copy replays like the original,
// which the timeline tests check against fresh runs). Checkpoints stay valid while the history
// only grows; a branch or a load clears them.
import type { ClusterState } from '../../src/engine/clusterState';
import { advanceBy } from '../../src/engine/simulation';
import { Session } from '../../src/kubectl/session';
import type { JournalEntry } from '../../src/protocol/messages';
import { createScenarioState } from '../../src/scenarios/runScenario';
import type { Scenario } from '../../src/scenarios/scenario';
import type { Cut } from './timeline';
import { applyEntry, type Replayed } from './timelineReplay';

/** Checkpoints kept at most (each a copy of the cluster). */
const MAX_CHECKPOINTS = 12;
/** Steps between two checkpoints, at least. */
const MIN_SPACING = 8;

/** A copy of the cluster after the first `position` steps (script lines, then journal entries). */
interface Checkpoint {
  position: number;
  state: ClusterState;
  files: Record<string, string>;
}

export class ReplayCache {
  private checkpoints: Checkpoint[] = [];

  clear(): void {
    this.checkpoints = [];
  }

  /** The cluster at `cut`, replayed from the nearest checkpoint before it (or from scratch). */
  replay(scenario: Scenario, journal: readonly JournalEntry[], cut: Cut): Replayed {
    const target = cut.scriptLines + cut.entries;
    const start = this.nearest(target);
    const state = start ? structuredClone(start.state) : createScenarioState(scenario);
    const session = new Session(state, { ...(start ? start.files : scenario.files) });
    const spacing = Math.max(MIN_SPACING, Math.ceil((scenario.script.length + journal.length) / MAX_CHECKPOINTS));
    let last = start?.position ?? 0;
    for (let position = last; position < target; position++) {
      const line = position < cut.scriptLines ? scenario.script[position] : undefined;
      if (line !== undefined) session.run(line);
      else {
        const entry = journal[position - scenario.script.length];
        if (entry) applyEntry(session, entry);
      }
      // A pod shell open in the session is not part of a copy, so no checkpoint then.
      if (position + 1 - last >= spacing && session.shellPrompt === undefined) {
        this.keep({ position: position + 1, state: structuredClone(state), files: { ...session.files } });
        last = position + 1;
      }
    }
    if (cut.extraMs > 0) advanceBy(state, cut.extraMs);
    session.drainWatchOutput();
    return { state, session };
  }

  /** The checkpoint with the most steps, not past `position`. */
  private nearest(position: number): Checkpoint | undefined {
    let best: Checkpoint | undefined;
    for (const c of this.checkpoints) if (c.position <= position && (!best || c.position > best.position)) best = c;
    return best;
  }

  private keep(checkpoint: Checkpoint): void {
    if (this.checkpoints.some((c) => c.position === checkpoint.position)) return;
    this.checkpoints.push(checkpoint);
    this.checkpoints.sort((a, b) => a.position - b.position);
    // Too many: drop every other one (keeps them spread over the whole history).
    if (this.checkpoints.length > MAX_CHECKPOINTS) this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 1);
  }
}
