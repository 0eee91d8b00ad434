/**
 * The shared shape of a per-kind table printer, as in kubectl's server-side
 * printers (`pkg/printers/internalversion/printers.go`): a list of column
 * names, the extra `-o wide` (priority 1) columns, and a row function.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { sinceTimestamp } from './textFormat';

/** What a row function may look at besides the object. */
export interface RowContext {
  state: ClusterState;
  /** Simulated wall clock in ms. */
  nowMs: number;
  wide: boolean;
}

/** A kind's table: header names (upper case, as printed) and the row builder. */
export interface KindPrinter {
  columns: string[];
  wideColumns?: string[];
  /** Cells for `columns`, followed by the `wideColumns` cells when `ctx.wide`. */
  row(obj: KObject, ctx: RowContext): string[];
  /** Index of the NAME column that `withKind` prefixes; undefined when none is shown. */
  nameColumn?: number;
}

/** The AGE cell of an object. */
export function age(obj: KObject, ctx: RowContext): string {
  return sinceTimestamp(ctx.nowMs, obj.metadata.creationTimestamp);
}

/** `layoutContainerCells`: container names and images joined with ','. */
export function containerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** Reads a nested field without fighting kubernetes-types' optional chains. */
export function field<T>(obj: KObject, key: 'spec' | 'status'): T {
  return ((obj as Record<string, unknown>)[key] ?? {}) as T;
}
