import { describe, expect, it } from 'vitest';
import { outputOf, runScenarioText, tableRows } from '../testing/scenarioHarness';
import mysqlReplicas from '../../scenarios/mysql-replicas.yaml?raw';

const SELECT = (pod: string) => `kubectl exec ${pod} -- mysql -e "SELECT * FROM t"`;
const INSERT = (pod: string, v: string) => `kubectl exec ${pod} -- mysql -e "INSERT INTO t VALUES ('${v}')"`;
const rows = (...values: string[]) =>
  ['+-------+', '| value |', '+-------+', ...values.map((v) => `| ${v.padEnd(5)} |`), '+-------+'].join('\n');

describe('mysql-replicas: seeds 000/004, a primary and replicas on their own volumes (issue #4)', () => {
  const result = runScenarioText(mysqlReplicas);
  const step = (command: string, nth = 0) => {
    const found = result.steps.filter((s) => s.command === command)[nth];
    if (!found) throw new Error(`no step ${command} (#${nth})`);
    return found;
  };

  it('runs three pods, each with its own bound claim, and records their roles on the volumes', () => {
    const table = tableRows(outputOf(result, 'kubectl get pods,pvc'));
    expect(table.filter((r) => r[0]?.startsWith('pod/')).map((r) => r.slice(0, 3))).toEqual([
      ['pod/mysql-0', '1/1', 'Running'],
      ['pod/mysql-1', '1/1', 'Running'],
      ['pod/mysql-2', '1/1', 'Running'],
    ]);
    expect(table.filter((r) => r[0]?.startsWith('persistentvolumeclaim/')).map((r) => `${r[0]} ${r[1]}`)).toEqual([
      'persistentvolumeclaim/data-mysql-0 Bound',
      'persistentvolumeclaim/data-mysql-1 Bound',
      'persistentvolumeclaim/data-mysql-2 Bound',
    ]);
    expect(outputOf(result, 'kubectl exec mysql-0 -- cat /var/lib/mysql/.ordinal/role')).toBe('primary');
    expect(outputOf(result, 'kubectl exec mysql-1 -- cat /var/lib/mysql/.ordinal/role')).toBe('replica');
  });

  it('shows a row written to mysql-0 on mysql-1 and mysql-2 only after the 1 s lag', () => {
    expect(step(INSERT('mysql-0', 'A')).output).toBe('');
    expect(step(SELECT('mysql-1'), 0).output).toBe("ERROR 1146 (42S02): Table 't' doesn't exist\ncommand terminated with exit code 1");
    expect(step(SELECT('mysql-1'), 1).output).toBe(rows('A'));
    expect(step(SELECT('mysql-1'), 1).at - step(INSERT('mysql-0', 'A')).at).toBe(1000);
    expect(step(SELECT('mysql-2'), 0).output).toBe(rows('A'));
    expect(step(SELECT('mysql-2'), 1).output).toBe(rows('A', 'B'));
  });

  it('scales to 4: mysql-3 clones mysql-2 (data A and B), then syncs C from the primary', () => {
    const pods = tableRows(outputOf(result, 'kubectl get pods', 0));
    expect(pods.find((r) => r[0] === 'mysql-3')?.slice(1, 3)).toEqual(['1/1', 'Running']);
    expect(outputOf(result, 'kubectl exec mysql-3 -- cat /var/lib/mysql/.ordinal/source')).toBe('cloned from mysql-2 at position 2');
    expect(step(SELECT('mysql-3'), 0).output).toBe(rows('A', 'B'));
    expect(step(SELECT('mysql-3'), 1).output).toBe(rows('A', 'B', 'C'));
  });

  it('keeps mysql-0 the primary with its rows after `sim crash mysql-0`', () => {
    expect(outputOf(result, 'sim crash mysql-0')).toBe('container mysql in pod mysql-0 exited with code 1');
    expect(tableRows(outputOf(result, 'kubectl get pods', 1)).find((r) => r[0] === 'mysql-0')?.slice(1, 4)).toEqual(['1/1', 'Running', '1']);
    expect(step('kubectl exec mysql-0 -- cat /var/lib/mysql/.ordinal/role', 1).output).toBe('primary');
    expect(step(SELECT('mysql-0')).output).toBe(rows('A', 'B', 'C'));
  });

  it('refuses a write to mysql-1 with MySQL\'s read-only error', () => {
    const refused = step(INSERT('mysql-1', 'D'));
    expect(refused.output).toBe(
      'ERROR 1290 (HY000): The MySQL server is running with the --read-only option so it cannot execute this statement\ncommand terminated with exit code 1',
    );
    expect(refused.exitCode).toBe(1);
  });

  it('lets a recreated mysql-0 (new pod, same claim) accept writes that reach every replica', () => {
    expect(step(INSERT('mysql-0', 'D')).output).toBe('');
    expect(step(SELECT('mysql-3'), 2).output).toBe(rows('A', 'B', 'C', 'D'));
  });
});
