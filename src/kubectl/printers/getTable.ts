/**
 * `kubectl get` tables (R17): the per-kind columns of the server-side printers
 * plus the client-side decoration of
 * `staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go`
 * (`decorateTable`): NAMESPACE first for `-A`, `kind/` name prefixes when
 * several kinds are printed, `-L` label columns and `--show-labels` last.
 * Kinds without a dedicated printer get kubectl's default `NAME AGE` table.
 */
import type { ClusterState } from '../../engine/clusterState';
import { qualifiedResource } from '../../model/kinds';
import type { KObject } from '../../model/objects';
import { CORE_PRINTERS } from './rowsCore';
import { STORAGE_PRINTERS } from './rowsStorage';
import { WORKLOAD_PRINTERS } from './rowsWorkloads';
import { age, type KindPrinter, type RowContext } from './tableKinds';
import { formatTable } from './tabwriter';
import { formatLabels } from './textFormat';

/** How a table is decorated. */
export interface TableOptions {
  /** `-o wide`: add the priority-1 columns. */
  wide?: boolean;
  /** `--show-labels`: a last LABELS column. */
  showLabels?: boolean;
  /** `-L key1,key2`: one column per key, headed by the key's last path segment in upper case. */
  labelColumns?: string[];
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** `-A`: a first NAMESPACE column. */
  withNamespace?: boolean;
  /** Prefix names with `pod/`, `statefulset.apps/` (several kinds in one `get`). */
  withKind?: boolean;
  /** Simulated wall clock: `state.epochMs + state.now`. */
  nowMs: number;
}

const DEFAULT_PRINTER: KindPrinter = {
  columns: ['NAME', 'AGE'],
  row: (obj, ctx) => [obj.metadata.name, age(obj, ctx)],
};

const PRINTERS: Record<string, KindPrinter> = { ...WORKLOAD_PRINTERS, ...STORAGE_PRINTERS, ...CORE_PRINTERS };

function printerFor(kind: string): KindPrinter {
  return PRINTERS[kind] ?? DEFAULT_PRINTER;
}

function labelHeader(key: string): string {
  const parts = key.split('/');
  return (parts[parts.length - 1] ?? key).toUpperCase();
}

/** The header cells of a kind's table under `opts`. */
export function tableHeader(kind: string, opts: TableOptions): string[] {
  const printer = printerFor(kind);
  const header = [...printer.columns, ...(opts.wide ? (printer.wideColumns ?? []) : [])];
  for (const key of opts.labelColumns ?? []) header.push(labelHeader(key));
  if (opts.showLabels) header.push('LABELS');
  return opts.withNamespace ? ['NAMESPACE', ...header] : header;
}

/** One object's row under `opts`; AGE-like cells are relative to `opts.nowMs`. */
export function tableRow(state: ClusterState, obj: KObject, opts: TableOptions): string[] {
  const printer = printerFor(obj.kind);
  const ctx: RowContext = { state, nowMs: opts.nowMs, wide: Boolean(opts.wide) };
  const cells = printer.row(obj, ctx);
  const nameColumn = printer.nameColumn ?? 0;
  if (opts.withKind && cells[nameColumn] !== undefined) cells[nameColumn] = `${qualifiedResource(obj.kind)}/${cells[nameColumn]}`;
  const labels = obj.metadata.labels ?? {};
  for (const key of opts.labelColumns ?? []) cells.push(labels[key] ?? '');
  if (opts.showLabels) cells.push(formatLabels(labels));
  return opts.withNamespace ? [obj.metadata.namespace ?? '', ...cells] : cells;
}

/**
 * The whole table for objects of one kind, lines joined with '\n' and no
 * trailing newline. Empty input prints nothing (kubectl prints no header for
 * zero rows; the caller prints `noResourcesMessage`).
 */
export function printTable(state: ClusterState, kind: string, objects: KObject[], opts: TableOptions): string {
  if (objects.length === 0) return '';
  const rows = objects.map((obj) => tableRow(state, obj, opts));
  return formatTable(opts.noHeaders ? rows : [tableHeader(kind, opts), ...rows]);
}

/** kubectl's empty-result line: `No resources found in default namespace.`, or `No resources found` cluster-wide. */
export function noResourcesMessage(namespace?: string): string {
  return namespace ? `No resources found in ${namespace} namespace.` : 'No resources found';
}
