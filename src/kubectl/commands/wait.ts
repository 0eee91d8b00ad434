/**
 * Blocking in simulated time: commands that wait (delete, drain, `sim wait`)
 * advance the clock through the engine, letting open watch streams print as
 * the cluster changes. Waits are bounded so nothing hangs (DESIGN §1).
 */
import { runUntil } from '../../engine/simulation';
import type { CommandContext } from './context';

/** Advances until `done()` or `timeoutMs` simulated ms; returns whether it held. */
export function waitFor(ctx: CommandContext, done: () => boolean, timeoutMs: number): boolean {
  return runUntil(ctx.state, done, timeoutMs, () => ctx.term.flushWatches());
}

/** Default bound for waits kubectl would leave open forever (simulated). */
export const DEFAULT_WAIT_MS = 10 * 60_000;
