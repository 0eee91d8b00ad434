/**
 * The discrete-event queue: timers ordered by (time, sequence), kept as a
 * binary heap inside the cluster state so it serialises with everything else.
 */
import type { ClusterState, Timer } from './clusterState';

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Schedules `type` for `target` at `state.now + delayMs`. */
export function schedule(
  state: ClusterState,
  delayMs: number,
  type: string,
  target: string,
  data?: Timer['data'],
): void {
  state.counters.timerSeq += 1;
  const timer: Timer = { at: state.now + Math.max(0, delayMs), seq: state.counters.timerSeq, type, target };
  if (data) timer.data = data;
  const heap = state.timers;
  heap.push(timer);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i] as Timer, heap[parent] as Timer)) break;
    [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
    i = parent;
  }
}

/**
 * Drops pending timers: every timer about `target` (e.g. the timers of a pod
 * whose containers are gone), or those a predicate picks. Returns how many.
 */
export function cancelTimers(state: ClusterState, which: string | ((timer: Timer) => boolean)): number {
  const drop = typeof which === 'string' ? (t: Timer) => t.target === which : which;
  const kept = state.timers.filter((t) => !drop(t));
  const removed = state.timers.length - kept.length;
  if (removed === 0) return 0;
  // Re-heapify: a list sorted by (at, seq) is a valid binary heap.
  kept.sort((a, b) => a.at - b.at || a.seq - b.seq);
  state.timers.splice(0, state.timers.length, ...kept);
  return removed;
}

/** The earliest timer, without removing it. */
export function peekTimer(state: ClusterState): Timer | undefined {
  return state.timers[0];
}

/** Removes and returns the earliest timer. */
export function popTimer(state: ClusterState): Timer | undefined {
  const heap = state.timers;
  const top = heap[0];
  const last = heap.pop();
  if (!top || !last) return top;
  if (heap.length === 0) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && less(heap[l] as Timer, heap[m] as Timer)) m = l;
    if (r < heap.length && less(heap[r] as Timer, heap[m] as Timer)) m = r;
    if (m === i) break;
    [heap[i], heap[m]] = [heap[m] as Timer, heap[i] as Timer];
    i = m;
  }
  return top;
}
