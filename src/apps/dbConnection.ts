/**
 * How the simulated database clients reach a server and commit a write:
 * `-h <host>` resolves through cluster DNS as the client pod would
 * (`mysql-0.mysql` → that pod's IP → the pod); no host, `localhost` or
 * `127.0.0.1` is the server in the client's own pod. A write on a replica is
 * refused; on the primary it is applied, appended to the binlog and scheduled
 * for replication (`databaseController.ts`).
 */
import { resolveAddresses } from '../dns/resolve';
import { listObjects } from '../engine/store';
import type { PodObject } from '../model/pod';
import type { ShellContext } from '../shell/types';
import { appendBinlog, applyWrite, databaseServer, memberOf, readRows, readTables, roleOf, type DatabaseKind, type DatabaseServer, type WriteOp } from './database';
import { scheduleReplication } from './databaseController';

/** Why a client could not reach its server. */
export type ConnectFailure = { reason: 'unknown-host'; host: string } | { reason: 'refused'; host: string; ip?: string } | { reason: 'no-local-server' };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/** The server a client in `ctx` reaches for `host` (undefined = local), or why it cannot. */
export function connect(ctx: ShellContext, kind: DatabaseKind, host: string | undefined): DatabaseServer | ConnectFailure {
  const local = host === undefined || LOCAL_HOSTS.has(host) || host === ctx.pod.metadata.name;
  let pod: PodObject | undefined = ctx.pod;
  let ip: string | undefined;
  if (!local) {
    const ns = ctx.pod.metadata.namespace ?? 'default';
    ip = resolveAddresses(ctx.state, host, ns)[0];
    if (!ip) return { reason: 'unknown-host', host };
    pod = listObjects<PodObject>(ctx.state, 'Pod').find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
  }
  const server = pod && databaseServer(ctx.state, pod);
  if (server?.kind === kind) return server;
  return local && host === undefined ? { reason: 'no-local-server' } : { reason: 'refused', host: host ?? 'localhost', ip };
}

/** True when `connect` failed. */
export function isFailure(r: DatabaseServer | ConnectFailure): r is ConnectFailure {
  return 'reason' in r;
}

/** The outcome of a write. */
export type WriteOutcome = 'ok' | 'read-only' | 'io-error';

/** Commits a write on `server`: refused on a replica; on the primary also logged and replicated. */
export function commitWrite(server: DatabaseServer, op: WriteOp): WriteOutcome {
  const state = server.ctx.state;
  const role = roleOf(state, server);
  if (role === 'replica') return 'read-only';
  if (!applyWrite(server, op)) return 'io-error';
  const member = memberOf(state, server.ctx.pod);
  if (role === 'primary' && member) {
    appendBinlog(server, op);
    scheduleReplication(state, member.sts);
  }
  return 'ok';
}

/** True when a table was created or holds rows. */
export function tableExists(server: DatabaseServer, table: string): boolean {
  return readTables(server).has(table) || readRows(server).some(([t]) => t === table);
}

/** A table's column names and rows (columns from `CREATE TABLE`, else `value`, `value2`, …). */
export function selectAll(server: DatabaseServer, table: string): { columns: string[]; rows: string[][] } {
  const rows = readRows(server)
    .filter(([t]) => t === table)
    .map((r) => r.slice(1));
  const declared = readTables(server).get(table);
  const width = Math.max(declared?.length ?? 0, ...rows.map((r) => r.length), 1);
  const columns = Array.from({ length: width }, (_, i) => declared?.[i] ?? (i === 0 ? 'value' : `value${i + 1}`));
  return { columns, rows: rows.map((r) => columns.map((_, i) => r[i] ?? 'NULL')) };
}
