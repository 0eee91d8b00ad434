import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../engine/clusterState';
import { advanceBy } from '../engine/simulation';
import { volumeRuntime } from '../engine/storage';
import { getObject } from '../engine/store';
import type { KObject } from '../model/objects';
import type { Session } from '../kubectl/session';
import { databaseSet } from './testDatabases';

/** The files on the volume bound to a claim. */
function claimFiles(state: ClusterState, claim: string): Record<string, string> {
  const pvc = getObject<PersistentVolumeClaim & KObject>(state, 'PersistentVolumeClaim', 'default', claim);
  return volumeRuntime(state, pvc?.spec?.volumeName ?? '').files;
}

const mysql = () => databaseSet({ name: 'mysql', image: 'mysql:8.0', mountPath: '/var/lib/mysql' });
const out = (s: Session, line: string) => s.run(line).output;
const select = (s: Session, pod: string) => out(s, `kubectl exec ${pod} -- mysql -e "SELECT * FROM t"`);
const insert = (s: Session, pod: string, v: string) => s.run(`kubectl exec ${pod} -- mysql -e "INSERT INTO t VALUES ('${v}')"`);
const table = (...values: string[]) => {
  const w = Math.max(5, ...values.map((v) => v.length));
  const rule = `+${'-'.repeat(w + 2)}+`;
  return [rule, `| ${'value'.padEnd(w)} |`, rule, ...values.map((v) => `| ${v.padEnd(w)} |`), rule].join('\n');
};

describe('databaseController: roles on the volumes', () => {
  it('writes primary on ordinal 0 and replica on the others, on each pod\'s own volume', () => {
    const s = mysql();
    expect(claimFiles(s.state, 'data-mysql-0')['/.ordinal/role']).toBe('primary\n');
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/role']).toBe('replica\n');
    expect(claimFiles(s.state, 'data-mysql-2')['/.ordinal/role']).toBe('replica\n');
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/source']).toBe('cloned from mysql-0 at position 0\n');
    expect(claimFiles(s.state, 'data-mysql-2')['/.ordinal/source']).toBe('cloned from mysql-1 at position 0\n');
  });

  it('keeps the role the volume says even when the ordinal would say otherwise', () => {
    const s = mysql();
    claimFiles(s.state, 'data-mysql-0')['/.ordinal/role'] = 'replica\n';
    expect(insert(s, 'mysql-0', 'A').output).toBe(
      'ERROR 1290 (HY000): The MySQL server is running with the --read-only option so it cannot execute this statement\ncommand terminated with exit code 1',
    );
  });

  it('does nothing without the switch: every pod is a standalone read/write server with rows on its volume', () => {
    const s = databaseSet({ name: 'mysql', image: 'mysql:8.0', mountPath: '/var/lib/mysql', replicated: false });
    expect(claimFiles(s.state, 'data-mysql-0')['/.ordinal/role']).toBeUndefined();
    expect(insert(s, 'mysql-1', 'only-1').exitCode).toBe(0);
    s.run('sim advance 5s');
    expect(select(s, 'mysql-1')).toBe(table('only-1'));
    expect(select(s, 'mysql-0')).toBe("ERROR 1146 (42S02): Table 't' doesn't exist\ncommand terminated with exit code 1");
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/rows']).toBe('t\tonly-1\n');
    expect(s.state.timers.some((t) => t.type === 'database.replicate')).toBe(false);
  });
});

describe('databaseController: replication from the primary', () => {
  it('applies a write to the replicas exactly REPLICATION_LAG_MS (1 s) after the primary committed it', () => {
    const s = mysql();
    insert(s, 'mysql-0', 'A');
    expect(claimFiles(s.state, 'data-mysql-0')['/.ordinal/rows']).toBe('t\tA\n');
    advanceBy(s.state, 999);
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/rows']).toBe('');
    advanceBy(s.state, 1);
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/rows']).toBe('t\tA\n');
    expect(claimFiles(s.state, 'data-mysql-2')['/.ordinal/rows']).toBe('t\tA\n');
    expect(claimFiles(s.state, 'data-mysql-2')['/.ordinal/position']).toBe('1\n');
  });

  it('lets a new replica clone the previous ordinal (position included), then apply only what it lacks from the primary', () => {
    const s = mysql();
    insert(s, 'mysql-0', 'A');
    s.run('sim advance 1s');
    // mysql-2 holds a row only it has: the clone must carry it over, so the copy comes from mysql-2.
    const two = claimFiles(s.state, 'data-mysql-2');
    two['/.ordinal/rows'] = `${two['/.ordinal/rows']}t\tonly-on-2\n`;
    s.run('kubectl scale statefulset mysql --replicas=4');
    s.run('sim wait --stable');
    expect(claimFiles(s.state, 'data-mysql-3')['/.ordinal/source']).toBe('cloned from mysql-2 at position 1\n');
    expect(select(s, 'mysql-3')).toBe(table('A', 'only-on-2'));
    insert(s, 'mysql-0', 'B');
    s.run('sim advance 1s');
    expect(select(s, 'mysql-3')).toBe(table('A', 'only-on-2', 'B'));
    expect(select(s, 'mysql-1')).toBe(table('A', 'B'));
  });

  it('lets a replica that was down when a write replicated catch up once it runs again', () => {
    const s = mysql();
    s.run('kubectl delete pod mysql-1 --wait=false');
    insert(s, 'mysql-0', 'A');
    s.run('sim advance 1s');
    expect(claimFiles(s.state, 'data-mysql-2')['/.ordinal/rows']).toBe('t\tA\n');
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/rows']).toBe('');
    s.run('sim wait --stable');
    expect(select(s, 'mysql-1')).toBe(table('A'));
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/position']).toBe('1\n');
  });

  it('stops replicating while the primary is not running and catches up at the next pass once it runs', () => {
    const s = mysql();
    insert(s, 'mysql-0', 'A');
    const primary = s.state.runtime.pods[getObject<KObject>(s.state, 'Pod', 'default', 'mysql-0')?.metadata.uid ?? '']?.containers[0];
    if (!primary) throw new Error('no runtime record for mysql-0');
    primary.state = 'waiting';
    s.run('sim advance 2s');
    expect(claimFiles(s.state, 'data-mysql-1')['/.ordinal/rows']).toBe('');
    expect(s.state.timers.some((t) => t.type === 'database.replicate')).toBe(false);
    primary.state = 'running';
    s.run('sim advance 1ms');
    expect(select(s, 'mysql-1')).toBe(table('A'));
  });

  it('keeps mysql-0 the primary, with its rows, when its pod is deleted and recreated on the same claim', () => {
    const s = mysql();
    insert(s, 'mysql-0', 'A');
    s.run('kubectl delete pod mysql-0');
    s.run('sim wait --stable');
    expect(out(s, 'kubectl exec mysql-0 -- cat /var/lib/mysql/.ordinal/role')).toBe('primary');
    expect(insert(s, 'mysql-0', 'B').exitCode).toBe(0);
    s.run('sim advance 1s');
    expect(select(s, 'mysql-2')).toBe(table('A', 'B'));
  });
});
