/**
 * The database replication controller: what the processes inside a replicated
 * MySQL/PostgreSQL/Redis StatefulSet do with their volumes (the application
 * side of seeds 000 and 004; not a Kubernetes component). It imitates the
 * pattern of the upstream tutorial "Run a Replicated Stateful Application"
 * (`init-mysql` picks the role from the ordinal, `clone-mysql` copies the
 * previous ordinal's data with xtrabackup, the sidecar then starts replication
 * from the cloned binlog position):
 *
 * - every pass, each running database pod of a StatefulSet with the switch on
 *   (see `database.ts`) whose volume holds no role yet is initialised: the
 *   first ordinal becomes the primary; any other ordinal a replica that clones
 *   the rows and replication position of ordinal n-1 (from its volume, even
 *   when that pod is not running; nothing to clone → position 0);
 * - a `database.replicate` timer applies, to every running replica, the
 *   primary's binlog entries that are at least `REPLICATION_LAG_MS` old. Writes
 *   schedule it (`databaseClients.ts`); every pass also applies what is due
 *   (a replica back from a restart catches up at once) and schedules a round
 *   for entries still inside the lag when none is pending.
 *
 * Runs after the kubelet, so a container that just started is initialised in
 * the same pass. Its writes are to volume files only (runtime data), never to
 * API objects, so it cannot keep the reconcile loop busy.
 *
 * Left out: promotion of a replica when the primary is gone for good, a
 * replica refusing to start when the clone source is down, semi-sync.
 */
import type { ClusterState } from '../engine/clusterState';
import type { Controller } from '../engine/controller';
import { schedule } from '../engine/eventQueue';
import { getObject, listObjects } from '../engine/store';
import { objectKey } from '../model/objects';
import {
  REPLICATE_TIMER,
  REPLICATION_LAG_MS,
  applyWrite,
  clonePosition,
  databaseServer,
  formatLines,
  isReplicatedDatabase,
  membersOf,
  primaryOrdinal,
  readBinlog,
  readData,
  readRows,
  recordedRole,
  replicaPosition,
  writeData,
  type DatabaseServer,
  type Member,
  type StatefulSetObject,
} from './database';

/** Writes the role (and, for a replica, the clone of ordinal n-1) onto a new member's volume. */
function initialize(state: ClusterState, member: Member, server: DatabaseServer, members: Member[]): void {
  if (member.ordinal === primaryOrdinal(member.sts)) {
    writeData(server, 'role', 'primary\n');
    return;
  }
  const previous = members.find((m) => m.ordinal === member.ordinal - 1);
  const source = previous && databaseServer(state, previous.pod, false);
  if (source && recordedRole(source)) {
    const position = clonePosition(source);
    writeData(server, 'rows', formatLines(readRows(source)));
    writeData(server, 'tables', readData(source, 'tables') ?? '');
    writeData(server, 'position', `${position}\n`);
    writeData(server, 'source', `cloned from ${source.ctx.pod.metadata.name} at position ${position}\n`);
  } else {
    writeData(server, 'rows', '');
    writeData(server, 'position', '0\n');
    writeData(server, 'source', `nothing to clone from ${member.sts.metadata.name}-${member.ordinal - 1}; replicating from position 0\n`);
  }
  writeData(server, 'role', 'replica\n');
}

/** The running primary of a set and the running replicas, as their volumes say. */
function topology(state: ClusterState, sts: StatefulSetObject): { primary?: DatabaseServer; replicas: DatabaseServer[] } {
  const first = primaryOrdinal(sts);
  const replicas: DatabaseServer[] = [];
  let primary: DatabaseServer | undefined;
  for (const member of membersOf(state, sts)) {
    const server = databaseServer(state, member.pod);
    if (!server) continue;
    const role = recordedRole(server);
    if (member.ordinal === first && role === 'primary') primary = server;
    else if (role === 'replica') replicas.push(server);
  }
  return { primary, replicas };
}

/** Applies the due part of the primary's binlog to every running replica. */
export function replicate(state: ClusterState, sts: StatefulSetObject): void {
  const { primary, replicas } = topology(state, sts);
  if (!primary) return;
  const binlog = readBinlog(primary);
  for (const replica of replicas) {
    let position = replicaPosition(replica);
    const start = position;
    while (position < binlog.length) {
      const entry = binlog[position];
      if (!entry || entry.at + REPLICATION_LAG_MS > state.now) break;
      if (!applyWrite(replica, entry.op)) break;
      position += 1;
    }
    if (position !== start) writeData(replica, 'position', `${position}\n`);
  }
}

/**
 * Brings running replicas up to date with what is due, then schedules a round
 * for the oldest entry still inside the lag when none is pending (a replica
 * back from a restart catches up; an entry that failed to apply is not retried
 * by a timer, so nothing spins at one instant).
 */
function catchUp(state: ClusterState, sts: StatefulSetObject): void {
  replicate(state, sts);
  const key = objectKey(sts.metadata.namespace, sts.metadata.name);
  if (state.timers.some((t) => t.type === REPLICATE_TIMER && t.target === key)) return;
  const { primary, replicas } = topology(state, sts);
  if (!primary) return;
  const binlog = readBinlog(primary);
  const behind = replicas.map(replicaPosition).filter((p) => p < binlog.length);
  if (behind.length === 0) return;
  const oldest = binlog[Math.min(...behind)];
  const delay = (oldest?.at ?? 0) + REPLICATION_LAG_MS - state.now;
  if (delay > 0) schedule(state, delay, REPLICATE_TIMER, key);
}

/** Schedules the replication round that carries a write just committed on the primary. */
export function scheduleReplication(state: ClusterState, sts: StatefulSetObject): void {
  schedule(state, REPLICATION_LAG_MS, REPLICATE_TIMER, objectKey(sts.metadata.namespace, sts.metadata.name));
}

export const databaseController: Controller = {
  name: 'database',
  reconcile(state) {
    for (const sts of listObjects<StatefulSetObject>(state, 'StatefulSet')) {
      if (!isReplicatedDatabase(sts)) continue;
      const members = membersOf(state, sts);
      for (const member of members) {
        const server = databaseServer(state, member.pod);
        if (server && !recordedRole(server)) initialize(state, member, server, members);
      }
      catchUp(state, sts);
    }
  },
  timers: {
    [REPLICATE_TIMER]: (state, timer) => {
      const [namespace, name] = timer.target.split('/') as [string, string];
      const sts = getObject<StatefulSetObject>(state, 'StatefulSet', namespace, name);
      if (sts && isReplicatedDatabase(sts)) replicate(state, sts);
    },
  },
};
