/**
 * Events, as `kubectl get events` prints them (`printEvent` in
 * `pkg/printers/internalversion/printers.go`, R17.7) and as the `Events:`
 * block at the end of `kubectl describe` (`DescribeEvents` in
 * `kubectl/pkg/describe/describe.go`).
 *
 * Event times are simulated milliseconds (`EventRecord.firstAt/lastAt`); the
 * wall clock of an event is `state.epochMs + at`. Left out: the events.k8s.io
 * `series` form (the recorder aggregates with `count`), and the v1.35 prefix
 * of the involved field path in describe messages (PR #133627).
 */
import type { ClusterState, EventRecord } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from './describeWriter';
import { formatTable } from './tabwriter';
import { since } from './textFormat';

/** Options of the `kubectl get events` table. */
export interface EventTableOptions {
  nowMs: number;
  wide?: boolean;
  /** `-A`: a first NAMESPACE column. */
  withNamespace?: boolean;
  noHeaders?: boolean;
}

const HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
const WIDE_HEADER = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'];

/** Wall-clock ms of a simulated instant. */
function wall(state: ClusterState, at: number): number {
  return state.epochMs + at;
}

/** The header of the events table. */
export function eventHeader(opts: Pick<EventTableOptions, 'wide' | 'withNamespace'>): string[] {
  const header = opts.wide ? WIDE_HEADER : HEADER;
  return opts.withNamespace ? ['NAMESPACE', ...header] : [...header];
}

/** One event's row: OBJECT is `<kind lowercase>/<name>`, SOURCE `component, host`. */
export function eventRow(state: ClusterState, e: EventRecord, opts: EventTableOptions): string[] {
  const lastSeen = since(opts.nowMs, wall(state, e.lastAt));
  const target = e.involved.name ? `${e.involved.kind.toLowerCase()}/${e.involved.name}` : e.involved.kind.toLowerCase();
  const message = e.message.trim();
  const cells = opts.wide
    ? [
        lastSeen,
        e.type,
        e.reason,
        target,
        e.involved.fieldPath ?? '',
        e.host ? `${e.source}, ${e.host}` : e.source,
        message,
        since(opts.nowMs, wall(state, e.firstAt)),
        String(e.count),
        e.name,
      ]
    : [lastSeen, e.type, e.reason, target, message];
  return opts.withNamespace ? [e.involved.namespace ?? 'default', ...cells] : cells;
}

/**
 * `kubectl get events`: rows sorted by last occurrence (stable, so events of
 * the same instant keep their recording order). No trailing newline; empty
 * input prints nothing.
 */
export function printEvents(state: ClusterState, events: EventRecord[], opts: EventTableOptions): string {
  if (events.length === 0) return '';
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.lastAt - b.e.lastAt || a.i - b.i)
    .map(({ e }) => e);
  const rows = sorted.map((e) => eventRow(state, e, opts));
  return formatTable(opts.noHeaders ? rows : [eventHeader(opts), ...rows]);
}

/** The events `kubectl describe` finds for an object (same uid), oldest last-seen first. */
export function eventsFor(state: ClusterState, obj: KObject): EventRecord[] {
  const uid = obj.metadata.uid;
  return state.events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) =>
      uid ? e.involved.uid === uid : e.involved.kind === obj.kind && e.involved.name === obj.metadata.name && (e.involved.namespace ?? '') === (obj.metadata.namespace ?? ''),
    )
    .sort((a, b) => a.e.lastAt - b.e.lastAt || a.i - b.i)
    .map(({ e }) => e);
}

/** The Age cell of a describe event: `10s`, or `2m (x3 over 5m)` when aggregated. */
export function eventAge(state: ClusterState, e: EventRecord, nowMs: number): string {
  const first = since(nowMs, wall(state, e.firstAt));
  if (e.count > 1) return `${since(nowMs, wall(state, e.lastAt))} (x${e.count} over ${first})`;
  return first;
}

/** Writes `DescribeEvents` output for `obj` into a describe writer. */
export function writeEvents(w: DescribeWriter, state: ClusterState, obj: KObject, nowMs: number): void {
  const events = eventsFor(state, obj);
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${eventAge(state, e, nowMs)}\t${e.source}\t${e.message.trim()}\n`);
  }
}

/**
 * The `Events:` block of `kubectl describe <obj>` on its own (aligned as a
 * separate block, which is what kubectl's flush before the block does).
 * `Events:  <none>` when the object has none.
 */
export function describeEvents(state: ClusterState, obj: KObject, nowMs: number): string {
  const w = new DescribeWriter();
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
