import { describe, expect, it } from 'vitest';
import type { Session } from '../kubectl/session';
import { databaseSet } from './testDatabases';

const out = (s: Session, line: string) => s.run(line).output;

describe('mysql client', () => {
  const s = databaseSet({ name: 'mysql', image: 'mysql:8.0', mountPath: '/var/lib/mysql', replicas: 2 });

  it('runs the upstream tutorial statements on the primary and prints the boxed table', () => {
    expect(out(s, 'kubectl exec mysql-0 -- mysql -h 127.0.0.1 -uroot -e "CREATE DATABASE test; CREATE TABLE test.messages (message VARCHAR(250)); INSERT INTO test.messages VALUES (\'hello\')"')).toBe('');
    expect(out(s, 'kubectl exec mysql-0 -- mysql -e "SELECT * FROM test.messages"')).toBe(
      ['+---------+', '| message |', '+---------+', '| hello   |', '+---------+'].join('\n'),
    );
  });

  it('refuses writes on a replica with MySQL\'s read-only error and exit code 1', () => {
    const r = s.run('kubectl exec mysql-1 -- mysql -e "INSERT INTO t VALUES (\'A\')"');
    expect(r.output).toBe(
      'ERROR 1290 (HY000): The MySQL server is running with the --read-only option so it cannot execute this statement\ncommand terminated with exit code 1',
    );
    expect(r.exitCode).toBe(1);
  });

  it('writes to the primary from a replica pod through -h <pod>.<service>', () => {
    expect(s.run('kubectl exec mysql-1 -- mysql -h mysql-0.mysql -e "INSERT INTO t VALUES (\'via-dns\')"').exitCode).toBe(0);
    s.run('sim advance 1s');
    expect(out(s, 'kubectl exec mysql-1 -- mysql -e "SELECT * FROM t"')).toContain('| via-dns |');
    expect(out(s, 'kubectl exec mysql-1 -- mysql -h nowhere -e "SELECT * FROM t"')).toBe(
      "ERROR 2005 (HY000): Unknown MySQL server host 'nowhere' (-2)\ncommand terminated with exit code 1",
    );
  });

  it('reads statements from stdin and reports syntax errors and missing tables like MySQL', () => {
    expect(out(s, 'kubectl exec mysql-0 -- sh -c "echo \'SELECT * FROM t\' | mysql"')).toContain('| value   |');
    expect(out(s, 'kubectl exec mysql-0 -- mysql -e "SELECT value FROM t"')).toBe(
      "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'value FROM t' at line 1\ncommand terminated with exit code 1",
    );
    expect(out(s, 'kubectl exec mysql-0 -- mysql -e "SELECT * FROM nope"')).toBe("ERROR 1146 (42S02): Table 'nope' doesn't exist\ncommand terminated with exit code 1");
  });
});

describe('psql client', () => {
  const s = databaseSet({ name: 'pg', image: 'postgres:16', mountPath: '/var/lib/postgresql/data', replicas: 2 });

  it('prints command tags and the aligned table with its row count', () => {
    expect(out(s, 'kubectl exec pg-0 -- psql -U postgres -c "INSERT INTO T VALUES (\'A\'), (\'B\')"')).toBe('INSERT 0 2');
    s.run('sim advance 1s');
    expect(out(s, 'kubectl exec pg-1 -- psql -U postgres -c "SELECT * FROM t"')).toBe([' value ', '-------', ' A', ' B', '(2 rows)', ''].join('\n'));
  });

  it('refuses writes on a replica with PostgreSQL\'s read-only transaction error', () => {
    expect(out(s, 'kubectl exec pg-1 -- psql -c "INSERT INTO t VALUES (\'C\')"')).toBe(
      'ERROR:  cannot execute INSERT in a read-only transaction\ncommand terminated with exit code 1',
    );
    expect(out(s, 'kubectl exec pg-1 -- psql -c "CREATE TABLE x (a int)"')).toBe(
      'ERROR:  cannot execute CREATE TABLE in a read-only transaction\ncommand terminated with exit code 1',
    );
  });

  it('keeps the rows in the data directory on the volume', () => {
    expect(out(s, 'kubectl exec pg-0 -- cat /var/lib/postgresql/data/.ordinal/rows')).toBe('t\tA\nt\tB');
  });
});

describe('redis-cli', () => {
  const s = databaseSet({ name: 'redis', image: 'redis:7.2', mountPath: '/data', replicas: 2 });

  it('answers SET, GET and KEYS like redis-cli at a terminal, and replicates SET to the replica', () => {
    expect(out(s, 'kubectl exec redis-0 -- redis-cli SET greeting hello')).toBe('OK');
    expect(out(s, 'kubectl exec redis-0 -- redis-cli SET other x')).toBe('OK');
    expect(out(s, 'kubectl exec redis-1 -- redis-cli GET greeting')).toBe('(nil)');
    expect(out(s, 'kubectl exec redis-1 -- redis-cli KEYS "*"')).toBe('(empty array)');
    s.run('sim advance 1s');
    expect(out(s, 'kubectl exec redis-1 -- redis-cli GET greeting')).toBe('"hello"');
    expect(out(s, 'kubectl exec redis-1 -- redis-cli KEYS "*"')).toBe('1) "greeting"\n2) "other"');
    expect(out(s, 'kubectl exec redis-1 -- redis-cli KEYS "g*"')).toBe('1) "greeting"');
  });

  it('refuses writes on the replica with the READONLY error', () => {
    expect(out(s, 'kubectl exec redis-1 -- redis-cli SET k v')).toBe("(error) READONLY You can't write against a read only replica.\ncommand terminated with exit code 1");
  });

  it('overwrites a key on SET', () => {
    s.run('kubectl exec redis-0 -- redis-cli SET greeting bye');
    expect(out(s, 'kubectl exec redis-0 -- redis-cli GET greeting')).toBe('"bye"');
    expect(out(s, 'kubectl exec redis-0 -- cat /data/.ordinal/rows')).toBe('greeting\tbye\nother\tx');
  });
});

describe('database clients outside their images', () => {
  it('are missing executables in a container of another image, directly and inside sh', () => {
    const s = databaseSet({ name: 'redis', image: 'redis:7.2', mountPath: '/data', replicas: 1 });
    expect(out(s, 'kubectl exec redis-0 -- sh -c "mysql -e \'SELECT * FROM t\'"')).toBe('sh: mysql: not found\ncommand terminated with exit code 127');
    expect(out(s, 'kubectl exec redis-0 -- psql -c "SELECT * FROM t"')).toMatch(/exec: "psql": executable file not found in \$PATH: unknown$/);
  });
});
