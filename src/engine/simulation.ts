/**
 * The reconcile loop and simulated time.
 *
 * After anything happens (a command, a timer firing) every controller runs, in
 * the fixed order of `CONTROLLERS`, until a whole pass writes nothing: the
 * level-triggered fixpoint a real control plane converges to. Time advances
 * only by popping timers in (time, sequence) order; all timers due at the same
 * instant fire before the controllers run.
 */
import type { ClusterState, Timer } from './clusterState';
import { CONTROLLERS } from './controllers/registry';
import { peekTimer, popTimer } from './eventQueue';

const MAX_PASSES = 200;
/** Timer batches allowed at one instant before the engine declares a livelock (a bug). */
const MAX_STEPS_AT_ONE_INSTANT = 10_000;
let stepsAtInstant = 0;
let lastInstant = -1;

const timerHandlers = new Map<string, (state: ClusterState, timer: Timer) => void>();
const quietTimers = new Set<string>();
for (const controller of CONTROLLERS) {
  for (const [type, handler] of Object.entries(controller.timers ?? {})) timerHandlers.set(type, handler);
  for (const type of controller.quietTimers ?? []) quietTimers.add(type);
}

/** Per state: the change-log position each controller last ran at, and controllers whose timers fired since. */
interface LoopMemo {
  ranAt: number[];
  woken: Set<number>;
  /** kind → seq of its latest change, for the change-log entries before `read`. */
  lastChange: Map<string, number>;
  /** Index in `state.changes` of the first entry not folded into `lastChange` yet, and the seq of the entry before it. */
  read: number;
  readSeq: number;
}
const memos = new WeakMap<ClusterState, LoopMemo>();
const watchSets = CONTROLLERS.map((c) => (c.watches ? new Set(c.watches) : undefined));
const timerOwner = new Map<string, number>();
CONTROLLERS.forEach((c, i) => Object.keys(c.timers ?? {}).forEach((type) => timerOwner.set(type, i)));

function memoOf(state: ClusterState): LoopMemo {
  let memo = memos.get(state);
  if (!memo) {
    memo = { ranAt: CONTROLLERS.map(() => -1), woken: new Set(), lastChange: new Map(), read: 0, readSeq: -1 };
    memos.set(state, memo);
  }
  return memo;
}

/** Whether a controller may have work: never ran, a timer of its own fired, or a watched kind changed since it ran. */
function hasWork(state: ClusterState, memo: LoopMemo, i: number): boolean {
  const watches = watchSets[i];
  const ranAt = memo.ranAt[i] ?? -1;
  if (!watches || ranAt < 0 || memo.woken.has(i)) return true;
  const changes = state.changes;
  // Fold the entries not seen yet into the latest change per kind. The log only grows; should it
  // ever be cut, find the first entry after the last one folded again.
  if (memo.read > 0 && changes[memo.read - 1]?.seq !== memo.readSeq) {
    let i = changes.length;
    while (i > 0 && (changes[i - 1]?.seq ?? 0) > memo.readSeq) i--;
    memo.read = i;
  }
  for (; memo.read < changes.length; memo.read++) {
    const change = changes[memo.read];
    if (!change) continue;
    memo.lastChange.set(change.kind, change.seq);
    memo.readSeq = change.seq;
  }
  for (const kind of watches) if ((memo.lastChange.get(kind) ?? -1) > ranAt) return true;
  return false;
}

/** Runs the controllers until nothing changes. Throws if they never settle (an engine bug). */
export function reconcile(state: ClusterState): void {
  const memo = memoOf(state);
  // Within one call a controller that ran without changing anything is also
  // skipped until something else changes (a level-triggered controller given
  // the same objects at the same instant does the same nothing).
  // The state's version is the pair (resourceVersion, timer sequence): any write or new timer changes it.
  const idleRv = new Array<number>(CONTROLLERS.length).fill(-1);
  const idleTimerSeq = new Array<number>(CONTROLLERS.length).fill(-1);
  const counters = state.counters;
  for (let pass = 0, settling = false; pass < MAX_PASSES; pass++) {
    const rvBefore = counters.rv;
    const timerSeqBefore = counters.timerSeq;
    CONTROLLERS.forEach((controller, i) => {
      const rv = counters.rv;
      const timerSeq = counters.timerSeq;
      if (controller.settled && !settling) return;
      if ((idleRv[i] === rv && idleTimerSeq[i] === timerSeq) || !hasWork(state, memo, i)) return;
      // Changes it makes itself count as news on its next turn: they may enable its next step.
      memo.ranAt[i] = counters.seq;
      memo.woken.delete(i);
      controller.reconcile(state);
      const idle = counters.rv === rv && counters.timerSeq === timerSeq;
      idleRv[i] = idle ? rv : -1;
      idleTimerSeq[i] = idle ? timerSeq : -1;
    });
    if (counters.rv !== rvBefore || counters.timerSeq !== timerSeqBefore) settling = false;
    else if (settling) return;
    else settling = true;
  }
  throw new Error(`controllers did not settle after ${MAX_PASSES} passes at t=${state.now}ms`);
}

function fire(state: ClusterState, timer: Timer): void {
  const handler = timerHandlers.get(timer.type);
  if (!handler) throw new Error(`no handler for timer ${timer.type}`);
  const owner = timerOwner.get(timer.type);
  if (owner !== undefined) memoOf(state).woken.add(owner);
  handler(state, timer);
}

/** Fires every timer due at the earliest pending instant, then reconciles. Returns false when none is pending. */
export function step(state: ClusterState): boolean {
  const first = peekTimer(state);
  if (!first) return false;
  stepsAtInstant = first.at === lastInstant ? stepsAtInstant + 1 : 0;
  lastInstant = first.at;
  if (stepsAtInstant > MAX_STEPS_AT_ONE_INSTANT) throw new Error(`timers keep firing at t=${first.at}ms without time advancing (${first.type})`);
  state.now = Math.max(state.now, first.at);
  while (peekTimer(state)?.at === first.at) fire(state, popTimer(state) as Timer);
  reconcile(state);
  return true;
}

/** Advances simulated time to `target` (ms), firing every timer due on the way. */
export function advanceTo(state: ClusterState, target: number, onStep?: () => void): void {
  reconcile(state);
  for (let next = peekTimer(state); next && next.at <= target; next = peekTimer(state)) {
    step(state);
    onStep?.();
  }
  state.now = Math.max(state.now, target);
}

/** Advances simulated time by `ms`. */
export function advanceBy(state: ClusterState, ms: number, onStep?: () => void): void {
  advanceTo(state, state.now + ms, onStep);
}

/**
 * Advances until `done()` holds or `timeoutMs` of simulated time passed.
 * Returns whether the condition was met. Time stops at the instant it held.
 */
export function runUntil(state: ClusterState, done: () => boolean, timeoutMs: number, onStep?: () => void): boolean {
  reconcile(state);
  const deadline = state.now + timeoutMs;
  if (done()) return true;
  for (let next = peekTimer(state); next && next.at <= deadline; next = peekTimer(state)) {
    step(state);
    onStep?.();
    if (done()) return true;
  }
  state.now = deadline;
  return false;
}

/** True when only quiet (periodic, no-op) timers are pending. */
export function isQuiescent(state: ClusterState): boolean {
  return state.timers.every((t) => quietTimers.has(t.type));
}

/**
 * `sim wait --stable`: advances until the cluster stops changing, i.e. only
 * quiet timers remain. Returns false if it still changes after `limitMs`.
 */
export function waitStable(state: ClusterState, limitMs: number, onStep?: () => void): boolean {
  return runUntil(state, () => isQuiescent(state), limitMs, onStep);
}

/** The simulated time of the next pending timer that is not quiet, if any. */
export function nextActivityAt(state: ClusterState): number | undefined {
  let best: number | undefined;
  for (const t of state.timers) if (!quietTimers.has(t.type) && (best === undefined || t.at < best)) best = t.at;
  return best;
}
