import type { StateCreator } from 'zustand';
import type { TimelineInfo, TimelineMarker } from '../../../src/protocol/messages';
import type { AppState, StoreDeps } from '../appStore';

/** The timeline: its markers, the moment shown (undefined = live), scrubbing and the last branch. */
export interface TimelineSlice {
  /** Markers and the end of the scenario's script, from the latest snapshot that carried them. */
  timeline: TimelineInfo | undefined;
  /** The past moment the cluster is shown at (simulated ms); undefined = live. Share links carry it. */
  timelineMoment: number | undefined;
  /** Where a drag asked to go, shown by the slider until the worker answers (undefined = nothing pending). */
  timelineTarget: number | undefined;
  /** The live cluster's time, the end of the timeline. */
  liveNow: number;
  /** The last branch (an action at a past moment), until dismissed. */
  lastBranch: { at: number; dropped: number } | undefined;
  /** Shows moment `moment` (undefined or past the head: live). Drags are coalesced: one request in flight, the latest waits. */
  scrubTo(moment: number | undefined): void;
  /** Jumps to the previous (-1) or next (1) marker; past the last one, back to live. */
  stepToMarker(direction: -1 | 1): void;
  dismissBranch(): void;
}

/** The marker time before or after `from` (strictly), if any. */
export function adjacentMarker(markers: readonly TimelineMarker[], from: number, direction: -1 | 1): number | undefined {
  let best: number | undefined;
  for (const { at } of markers) {
    if (direction < 0 ? at < from && (best === undefined || at > best) : at > from && (best === undefined || at < best)) best = at;
  }
  return best;
}

export function createTimelineSlice({ simulation }: StoreDeps): StateCreator<AppState, [], [], TimelineSlice> {
  return (set, get) => {
    let inFlight = false;
    /** The moment last asked for: a moment inside a blocking command shows its start, and stepping goes on from here. */
    let asked: number | undefined;
    /** The latest moment asked for while a scrub was in flight (null = live); undefined = none. */
    let queued: number | null | undefined;

    const send = (moment: number | null) => {
      inFlight = true;
      void simulation
        .request({ type: 'scrub', moment })
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
          const next = queued;
          queued = undefined;
          if (next !== undefined) send(next);
          else set({ timelineTarget: undefined });
        });
    };

    simulation.subscribe((event) => {
      if (event.type === 'crashed') queued = undefined;
      if (event.type !== 'snapshot') return;
      const { snapshot } = event;
      if (!snapshot.viewing && !inFlight) asked = undefined;
      const patch: Partial<AppState> = {
        timelineMoment: snapshot.viewing?.at,
        liveNow: snapshot.viewing ? snapshot.viewing.liveNow : snapshot.now,
      };
      if (snapshot.timeline) patch.timeline = snapshot.timeline;
      if (snapshot.branch) patch.lastBranch = { at: snapshot.branch.at, dropped: snapshot.branch.dropped };
      // A load starts a new history: an old branch notice no longer applies.
      else if (snapshot.files) patch.lastBranch = undefined;
      set(patch);
    });

    return {
      timeline: undefined,
      timelineMoment: undefined,
      timelineTarget: undefined,
      liveNow: 0,
      lastBranch: undefined,
      scrubTo(moment) {
        const live = moment === undefined || moment >= get().liveNow;
        asked = live ? undefined : moment;
        set({ timelineTarget: live ? get().liveNow : moment });
        if (inFlight) queued = live ? null : moment;
        else send(live ? null : moment);
      },
      stepToMarker(direction) {
        const { timeline, timelineMoment, timelineTarget, liveNow } = get();
        const shown = timelineTarget ?? timelineMoment ?? liveNow;
        const from = asked === undefined ? shown : direction > 0 ? Math.max(asked, shown) : Math.min(asked, shown);
        const at = adjacentMarker(timeline?.markers ?? [], from, direction);
        if (at !== undefined) get().scrubTo(at);
        else if (direction < 0 && from > 0) get().scrubTo(0);
        else if (direction > 0) get().scrubTo(undefined);
      },
      dismissBranch: () => set({ lastBranch: undefined }),
    };
  };
}
