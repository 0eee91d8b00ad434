/**
 * Which objects were written since a controller's previous pass, read from
 * the change log (`state.changes`), so a controller can skip the objects
 * whose sync would find everything as it left it.
 *
 * The answer stays current during the pass: an object written earlier in the
 * same pass (by this controller, while syncing another object) counts as
 * written, exactly as a full scan would see the new version when it gets
 * there. A state without a previous pass (a clone, a replay) or whose log does
 * not reach back to it reports every object as written.
 */
import { objectKey } from '../model/objects';
import type { ClusterState } from './clusterState';

/** The objects written after one change-log position; see {@link writtenSince}. */
export interface ChangeTracker {
  state: ClusterState;
  /** True when the log cannot tell: everything counts as written. */
  everything: boolean;
  /** Index in `state.changes` of the first entry not read yet. */
  next: number;
  /** kind → store keys of the objects of that kind written after the position, for the kinds it answers for. */
  written: Map<string, Set<string>>;
}

/** A tracker of the writes to objects of `kinds` after change-log position `seq` (undefined: no previous pass). */
export function trackChangesSince(state: ClusterState, seq: number | undefined, kinds: readonly string[]): ChangeTracker {
  const changes = state.changes;
  const first = changes[0];
  const everything = seq === undefined || state.counters.seq < seq || (first !== undefined && first.seq > seq + 1);
  let next = changes.length;
  if (!everything) while (next > 0 && (changes[next - 1]?.seq ?? 0) > seq) next--;
  return { state, everything, next, written: new Map(kinds.map((kind) => [kind, new Set<string>()])) };
}

/**
 * True when the object `kind` `namespace`/`name` was created, updated or
 * removed after the tracker's position. `kind` must be one the tracker was
 * made for.
 */
export function writtenSince(tracker: ChangeTracker, kind: string, namespace: string | undefined, name: string): boolean {
  if (tracker.everything) return true;
  const changes = tracker.state.changes;
  for (; tracker.next < changes.length; tracker.next++) {
    const change = changes[tracker.next];
    if (change) tracker.written.get(change.kind)?.add(change.key);
  }
  const keys = tracker.written.get(kind);
  if (!keys) throw new Error(`writtenSince: not tracking ${kind}`);
  // Most passes follow passes that wrote nothing of these kinds: no key to build.
  return keys.size > 0 && keys.has(objectKey(namespace, name));
}

/**
 * Remembers, per state, the change-log position each pass of one controller
 * started at, and hands out the tracker of the writes to `kinds` since the
 * previous one.
 * Create one per controller (at module level).
 */
export function createPassTracker(kinds: readonly string[]): (state: ClusterState) => ChangeTracker {
  const lastPass = new WeakMap<ClusterState, number>();
  return (state) => {
    const tracker = trackChangesSince(state, lastPass.get(state), kinds);
    // Writes made during this pass come after this position: the next pass sees them as news.
    lastPass.set(state, state.counters.seq);
    return tracker;
  };
}
