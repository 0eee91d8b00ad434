/**
 * The replicated database model (seeds 000 and 004, issue #4 "Application
 * data"): what a MySQL, PostgreSQL or Redis StatefulSet keeps on its volumes
 * when the scenario turns the model on with the StatefulSet annotation
 * `ordinal.dev/replicated-database: "true"`.
 *
 * - The pod with the first ordinal (`mysql-0`) is the primary (read/write),
 *   every other ordinal a replica (read-only). The role is written once, on
 *   the pod's first start, to `<data dir>/.ordinal/role` — ON THE VOLUME, so a
 *   restarted or recreated `mysql-0` reads `primary` back.
 * - Data lives on the volume of the data directory (`/var/lib/mysql`,
 *   `/var/lib/postgresql/data` or `$PGDATA`, `/data`): `.ordinal/rows` (one row
 *   per line, tab-separated: table then values, or key then value),
 *   `.ordinal/tables` (column names from `CREATE TABLE`), and on the primary
 *   `.ordinal/binlog` (every write, stamped with its simulated time).
 * - A new replica (no role on its volume yet) clones the rows of the previous
 *   ordinal and its replication position (`.ordinal/position`; where the clone
 *   came from is in `.ordinal/source`, like xtrabackup's binlog info), then
 *   applies the primary's binlog from that position once each entry is
 *   `REPLICATION_LAG_MS` old (`databaseController.ts`).
 * Without the annotation every database pod is a standalone read/write server
 * whose rows still live on its volume.
 *
 * Left out: real SQL (see `sql.ts`), transactions, users and passwords,
 * failover and promotion, replication of anything but these rows.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { ClusterState, ContainerRuntime, PodRuntime } from '../engine/clusterState';
import { getObject, listObjects } from '../engine/store';
import { controllerOf, type KObject } from '../model/objects';
import { ordinalOf, type PodObject } from '../model/pod';
import { containerContext, newSession } from '../shell/context';
import { dirname, makeDir, stat, writeFile } from '../shell/fileSystem';
import type { ShellContext } from '../shell/types';

/** The scenario-level switch: this annotation with the value `"true"` on a StatefulSet. */
export const REPLICATED_DATABASE_ANNOTATION = 'ordinal.dev/replicated-database';
/** How long a write on the primary takes to reach the replicas. */
export const REPLICATION_LAG_MS = 1000;
/** Timer type of a replication round (target: the StatefulSet's `namespace/name`). */
export const REPLICATE_TIMER = 'database.replicate';

export type StatefulSetObject = StatefulSet & KObject;

/** The database families the model knows. */
export type DatabaseKind = 'mysql' | 'postgres' | 'redis';

/** A pod's database role as its volume records it; `standalone` without the switch. */
export type DatabaseRole = 'primary' | 'replica' | 'standalone';

/** The database family of an image, by repository name (`mysql:8.0`, `bitnami/redis`). */
export function databaseKind(image: string): DatabaseKind | undefined {
  const repo = (image.split('@')[0] ?? '').replace(/:[^/:]*$/, '').split('/').pop() ?? '';
  if (/^(mysql|mariadb)/.test(repo)) return 'mysql';
  if (/^postgres/.test(repo)) return 'postgres';
  if (/^redis/.test(repo)) return 'redis';
  return undefined;
}

/** The directory the database keeps its data in (PostgreSQL honours `PGDATA`). */
export function dataDir(kind: DatabaseKind, container: Container): string {
  if (kind === 'mysql') return '/var/lib/mysql';
  if (kind === 'redis') return '/data';
  return container.env?.find((e) => e.name === 'PGDATA')?.value ?? '/var/lib/postgresql/data';
}

/** The pod's first container running a database image. */
export function databaseContainer(pod: PodObject): { container: Container; kind: DatabaseKind } | undefined {
  for (const container of pod.spec?.containers ?? []) {
    const kind = databaseKind(container.image ?? '');
    if (kind) return { container, kind };
  }
  return undefined;
}

/** True when the StatefulSet has the switch on and its template runs a database image. */
export function isReplicatedDatabase(sts: StatefulSetObject): boolean {
  if (sts.metadata.annotations?.[REPLICATED_DATABASE_ANNOTATION] !== 'true') return false;
  return (sts.spec?.template.spec?.containers ?? []).some((c) => databaseKind(c.image ?? '') !== undefined);
}

/** The first ordinal of a StatefulSet (`spec.ordinals.start`, default 0): its primary. */
export function primaryOrdinal(sts: StatefulSetObject): number {
  return sts.spec?.ordinals?.start ?? 0;
}

/** A pod of a replicated-database StatefulSet. */
export interface Member {
  sts: StatefulSetObject;
  pod: PodObject;
  ordinal: number;
}

/** The StatefulSet (with the switch on) that owns a pod, and the pod's ordinal. */
export function memberOf(state: ClusterState, pod: PodObject): Member | undefined {
  const owner = controllerOf(pod);
  if (owner?.kind !== 'StatefulSet') return undefined;
  const sts = getObject<StatefulSetObject>(state, 'StatefulSet', pod.metadata.namespace, owner.name);
  if (!sts || sts.metadata.uid !== owner.uid || !isReplicatedDatabase(sts)) return undefined;
  const ordinal = ordinalOf(pod.metadata.name, sts.metadata.name);
  return ordinal < 0 ? undefined : { sts, pod, ordinal };
}

/** The pods a replicated-database StatefulSet owns, by ascending ordinal. */
export function membersOf(state: ClusterState, sts: StatefulSetObject): Member[] {
  return listObjects<PodObject>(state, 'Pod', sts.metadata.namespace)
    .filter((pod) => controllerOf(pod)?.uid === sts.metadata.uid)
    .map((pod) => ({ sts, pod, ordinal: ordinalOf(pod.metadata.name, sts.metadata.name) }))
    .filter((m) => m.ordinal >= 0)
    .sort((a, b) => a.ordinal - b.ordinal);
}

/** The files of the model, relative to the data directory. */
export const DATA_FILES = {
  role: '.ordinal/role',
  rows: '.ordinal/rows',
  tables: '.ordinal/tables',
  binlog: '.ordinal/binlog',
  position: '.ordinal/position',
  source: '.ordinal/source',
} as const;

type DataFile = keyof typeof DATA_FILES;

/** A database server's view of its data directory, through the container's file model. */
export interface DatabaseServer {
  kind: DatabaseKind;
  ctx: ShellContext;
  dir: string;
}

function stubRuntime(pod: PodObject, container: Container): { runtime: PodRuntime; containerRuntime: ContainerRuntime } {
  const uid = pod.metadata.uid ?? '';
  const containerRuntime: ContainerRuntime = {
    name: container.name,
    image: container.image ?? '',
    state: 'terminated',
    restartCount: 0,
    files: {},
    backoffMs: 0,
    pullBackoffMs: 0,
    ready: false,
    probeFailures: 0,
    probeSuccesses: 0,
    probeGen: 0,
    incarnation: 0,
  };
  return { runtime: { uid, key: '', node: '', phase: 'done', nextContainer: 0, containers: [containerRuntime], emptyDirs: {}, startedAt: 0 }, containerRuntime };
}

/**
 * The database server of a pod. With `running` (the default) only when its
 * database container runs; otherwise also a stopped pod, to read what its
 * volumes hold (writes outside volumes then go nowhere).
 */
export function databaseServer(state: ClusterState, pod: PodObject, running = true): DatabaseServer | undefined {
  const db = databaseContainer(pod);
  if (!db) return undefined;
  const dir = dataDir(db.kind, db.container);
  const live = containerContext(state, pod, db.container.name);
  if (live) return { kind: db.kind, ctx: live, dir };
  if (running) return undefined;
  const { runtime, containerRuntime } = stubRuntime(pod, db.container);
  const ctx: ShellContext = { state, pod, container: db.container, runtime, containerRuntime, session: newSession(db.container), stdin: '' };
  return { kind: db.kind, ctx, dir };
}

/** Reads one of the model's files; undefined when absent. */
export function readData(server: DatabaseServer, file: DataFile): string | undefined {
  const entry = stat(server.ctx, `${server.dir}/${DATA_FILES[file]}`);
  return entry?.kind === 'file' ? entry.content : undefined;
}

function ensureDir(ctx: ShellContext, path: string): void {
  if (path === '/' || stat(ctx, path)) return;
  ensureDir(ctx, dirname(path));
  makeDir(ctx, path);
}

/** Writes one of the model's files when its content changes. Returns false when the file system refused. */
export function writeData(server: DatabaseServer, file: DataFile, content: string): boolean {
  if (readData(server, file) === content) return true;
  const path = `${server.dir}/${DATA_FILES[file]}`;
  ensureDir(server.ctx, dirname(path));
  return writeFile(server.ctx, path, content) === undefined;
}

/** The role recorded on the server's volume, if any. */
export function recordedRole(server: DatabaseServer): 'primary' | 'replica' | undefined {
  const role = readData(server, 'role')?.trim();
  return role === 'primary' || role === 'replica' ? role : undefined;
}

/** The role a pod plays: from its volume when the switch is on, else standalone. */
export function roleOf(state: ClusterState, server: DatabaseServer): DatabaseRole {
  const member = memberOf(state, server.ctx.pod);
  if (!member) return 'standalone';
  return recordedRole(server) ?? (member.ordinal === primaryOrdinal(member.sts) ? 'primary' : 'replica');
}

// ---- rows, tables and the binlog -------------------------------------------------------

/** A write, as the binlog records it. */
export type WriteOp =
  | { op: 'INSERT'; table: string; values: string[] }
  | { op: 'CREATE'; table: string; columns: string[] }
  | { op: 'SET'; key: string; value: string };

const escapeField = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const unescapeField = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));

/** Splits a text file into tab-separated, unescaped fields per line. */
export function parseLines(text: string | undefined): string[][] {
  return (text ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t').map(unescapeField));
}

/** Joins fields into the file's text (one line each, newline-terminated). */
export function formatLines(lines: string[][]): string {
  return lines.map((fields) => `${fields.map(escapeField).join('\t')}\n`).join('');
}

/** The rows on a server's volume: SQL `[table, ...values]`, Redis `[key, value]`. */
export function readRows(server: DatabaseServer): string[][] {
  return parseLines(readData(server, 'rows'));
}

/** Column names of the tables created with `CREATE TABLE`. */
export function readTables(server: DatabaseServer): Map<string, string[]> {
  return new Map(parseLines(readData(server, 'tables')).map(([table, ...columns]) => [table ?? '', columns]));
}

/** Applies a write to the server's rows/tables. Returns false when the volume is read-only. */
export function applyWrite(server: DatabaseServer, op: WriteOp): boolean {
  if (op.op === 'CREATE') {
    const tables = parseLines(readData(server, 'tables')).filter(([t]) => t !== op.table);
    return writeData(server, 'tables', formatLines([...tables, [op.table, ...op.columns]]));
  }
  const rows = readRows(server);
  if (op.op === 'INSERT') return writeData(server, 'rows', formatLines([...rows, [op.table, ...op.values]]));
  const at = rows.findIndex(([k]) => k === op.key);
  if (at >= 0) rows[at] = [op.key, op.value];
  else rows.push([op.key, op.value]);
  return writeData(server, 'rows', formatLines(rows));
}

/** One binlog entry: when the primary committed it, and the write. */
export interface BinlogEntry {
  at: number;
  op: WriteOp;
}

function opFields(op: WriteOp): string[] {
  if (op.op === 'INSERT') return ['INSERT', op.table, ...op.values];
  if (op.op === 'CREATE') return ['CREATE', op.table, ...op.columns];
  return ['SET', op.key, op.value];
}

/** The primary's binlog. */
export function readBinlog(server: DatabaseServer): BinlogEntry[] {
  return parseLines(readData(server, 'binlog')).flatMap(([at, op, name = '', ...rest]): BinlogEntry[] => {
    if (op === 'INSERT') return [{ at: Number(at), op: { op, table: name, values: rest } }];
    if (op === 'CREATE') return [{ at: Number(at), op: { op, table: name, columns: rest } }];
    if (op === 'SET') return [{ at: Number(at), op: { op, key: name, value: rest[0] ?? '' } }];
    return [];
  });
}

/** Appends a committed write to the primary's binlog. */
export function appendBinlog(server: DatabaseServer, op: WriteOp): void {
  writeData(server, 'binlog', (readData(server, 'binlog') ?? '') + formatLines([[String(server.ctx.state.now), ...opFields(op)]]));
}

/** How many binlog entries a replica has applied. */
export function replicaPosition(server: DatabaseServer): number {
  const n = Number(readData(server, 'position')?.trim() ?? '0');
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** The binlog position a clone of this server continues from: the primary's end, or a replica's own position. */
export function clonePosition(server: DatabaseServer): number {
  return recordedRole(server) === 'primary' ? readBinlog(server).length : replicaPosition(server);
}
