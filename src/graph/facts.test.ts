import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../testing/scenarioHarness';
import drainPdb from '../scenarios/acceptance/drain-pdb.yaml?raw';
import nodeUnreachable from '../scenarios/acceptance/s31-node-unreachable.yaml?raw';
import partition from '../scenarios/acceptance/s15-partition.yaml?raw';
import sharedClaim from '../scenarios/acceptance/s35-deployment-shared-claim.yaml?raw';
import postgresBackup from '../../scenarios/seed-003-postgres-backup.yaml?raw';
import mysqlReplicas from '../../scenarios/mysql-replicas.yaml?raw';
import { toGraphModel } from './toGraphModel';
import { LAYOUT, layoutGraph } from './layout';

/** Runs a scenario's cluster and files with another script. */
function withScript(scenario: string, ...lines: string[]) {
  const head = scenario.slice(0, scenario.indexOf('\n  script:'));
  return runScenarioText(`${head}\n  script:\n${lines.map((l) => `    - ${JSON.stringify(l)}`).join('\n')}\n`);
}

describe('graph: an unreachable node', () => {
  const model = toGraphModel(withScript(nodeUnreachable, 'kubectl apply -f web.yaml', 'sim wait --stable', 'sim node-down node-2', 'sim advance 360s').state);

  it('marks the lane NotReady with the unreachable taints', () => {
    const lane = model.lanes.find((l) => l.name === 'node-2');
    expect(lane?.ready).toBe(false);
    expect(lane?.taints).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(model.lanes.find((l) => l.name === 'node-1')?.taints).toEqual([]);
  });

  it('says the pod left Terminating on it is stuck, and only that pod', () => {
    const stuck = model.pods.filter((p) => p.stuck);
    expect(stuck.map((p) => [p.name, p.status, p.stuck, p.nodeNotReady])).toEqual([['web-1', 'Terminating', 'stuck: node unreachable', true]]);
    expect(model.pods.find((p) => p.name === 'web-0')?.nodeNotReady).toBeUndefined();
  });

  it('gives every pod card a facts line of the same height', () => {
    const layout = layoutGraph(model);
    for (const node of layout.nodes) if (node.type === 'pod') expect(node.height).toBe(LAYOUT.podHeight + LAYOUT.factsHeight);
  });
});

describe('graph: a PodDisruptionBudget during a drain', () => {
  const strict = drainPdb.replace('minAvailable: 2', 'minAvailable: 3');

  it('shows the budget with its selector and ALLOWED DISRUPTIONS', () => {
    const model = toGraphModel(withScript(drainPdb, 'kubectl apply -f web.yaml', 'kubectl apply -f pdb.yaml', 'sim wait --stable').state);
    expect(model.budgets).toEqual([
      { name: 'web-pdb', namespace: 'default', selector: 'app=nginx', minAvailable: '2', maxUnavailable: 'N/A', allowedDisruptions: 1, currentHealthy: 3, desiredHealthy: 2, tone: 'ok' },
    ]);
    expect(model.pods.some((p) => p.evictionBlocked)).toBe(false);
    const card = layoutGraph(model).nodes.find((n) => n.id === 'budget.web-pdb');
    expect(card?.type).toBe('budget');
  });

  it('shows the refusal on the pod the drain could not evict', () => {
    const result = withScript(strict, 'kubectl apply -f web.yaml', 'kubectl apply -f pdb.yaml', 'sim wait --stable', 'kubectl drain node-1 --ignore-daemonsets --timeout=6s');
    expect(result.steps.at(-1)?.output).toContain(`error when evicting pods/"web-0" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
    const model = toGraphModel(result.state);
    expect(model.budgets[0]?.allowedDisruptions).toBe(0);
    expect(model.budgets[0]?.tone).toBe('warning');
    expect(model.pods.map((p) => [p.name, p.node, p.evictionBlocked])).toEqual([
      ['web-0', 'node-1', 'web-pdb: needs 3 healthy pods and has 3 currently'],
      ['web-1', 'node-2', undefined],
      ['web-2', 'node-3', undefined],
    ]);
  });
});

describe('graph: revisions during a partitioned rollout', () => {
  it('marks the pods still on the old revision', () => {
    const result = withScript(
      partition,
      'kubectl apply -f web.yaml',
      'sim wait --stable',
      `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'`,
      'kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.21',
      'sim wait --stable',
    );
    const model = toGraphModel(result.state);
    const sts = result.state.objects['StatefulSet']?.['default/web'] as { status?: { updateRevision?: string; currentRevision?: string } } | undefined;
    const update = sts?.status?.updateRevision ?? '';
    expect(update).toMatch(/^web-[0-9a-z]+$/);
    expect(model.pods.map((p) => [p.name, p.revision?.current])).toEqual([
      ['web-0', false],
      ['web-1', false],
      ['web-2', true],
    ]);
    expect(model.pods.find((p) => p.name === 'web-2')?.revision?.hash).toBe(update.slice('web-'.length));
    expect(model.pods.find((p) => p.name === 'web-0')?.revision?.hash).toBe((sts?.status?.currentRevision ?? '').slice('web-'.length));
  });
});

describe('graph: Jobs and CronJobs', () => {
  const start = ['kubectl apply -f postgres.yaml', 'sim wait --stable', 'kubectl apply -f backup-job.yaml', 'kubectl apply -f backup-cronjob.yaml'];

  it('shows a running Job with 0/1 and the CronJob with its schedule', () => {
    const model = toGraphModel(withScript(postgresBackup, ...start, 'sim advance 1s').state);
    expect(model.owners.filter((o) => o.kind !== 'StatefulSet')).toEqual([
      { kind: 'Job', name: 'backup', namespace: 'default', ready: '0/1', status: 'Running', tone: 'progress' },
      { kind: 'CronJob', name: 'backup-hourly', namespace: 'default', ready: '', schedule: '0 * * * *', status: 'Scheduled', tone: 'neutral' },
    ]);
  });

  it('shows the Job Complete 1/1, its pod Completed, and the CronJob spanning the Jobs it started', () => {
    const model = toGraphModel(withScript(postgresBackup, ...start, 'sim advance 1h', 'sim wait --stable').state);
    const jobs = model.owners.filter((o) => o.kind === 'Job');
    expect(jobs.map((j) => [j.name, j.status, j.ready])).toEqual([
      ['backup', 'Complete', '1/1'],
      ['backup-hourly-28928220', 'Complete', '1/1'],
    ]);
    expect(model.pods.find((p) => p.owner === 'Job/default/backup')?.status).toBe('Completed');
    const layout = layoutGraph(model);
    const cron = layout.nodes.find((n) => n.id === 'cronjob.backup-hourly');
    const child = layout.nodes.find((n) => n.id === 'job.backup-hourly-28928220');
    expect(cron && child).toBeTruthy();
    expect(cron?.x).toBe(child?.x);
    expect(cron?.y ?? Infinity).toBeLessThan(child?.y ?? -Infinity);
  });
});

describe('graph: a Deployment', () => {
  it('draws Deployment above its ReplicaSet, whose pods sit in the node lanes', () => {
    const model = toGraphModel(withScript(sharedClaim, 'kubectl apply -f shared-data.yaml', 'kubectl apply -f web-deploy.yaml', 'sim wait --stable').state);
    const rs = model.owners.find((o) => o.kind === 'ReplicaSet');
    expect(rs?.owner).toBe('Deployment/default/web-deploy');
    const pods = model.pods.filter((p) => p.owner === `ReplicaSet/default/${rs?.name ?? ''}`);
    expect(pods).toHaveLength(3);
    const layout = layoutGraph(model);
    const deploy = layout.nodes.find((n) => n.id === 'deployment.web-deploy');
    const set = layout.nodes.find((n) => n.id === `replicaset.${rs?.name ?? ''}`);
    expect(deploy?.y ?? Infinity).toBeLessThan(set?.y ?? -Infinity);
    expect(deploy?.width).toBe(set?.width);
    expect(model.edges.map((e) => e.id)).toContain(`owns:deployment.web-deploy->replicaset.${rs?.name ?? ''}`);
    for (const pod of pods) {
      const card = layout.nodes.find((n) => n.id === `pod.${pod.name}`);
      const lane = layout.nodes.find((n) => n.id === `node.${pod.node ?? ''}`);
      expect(card && lane).toBeTruthy();
      expect(card?.y ?? 0).toBeGreaterThan(lane?.y ?? Infinity);
      expect(card?.y ?? Infinity).toBeLessThan((lane?.y ?? 0) + (lane?.height ?? 0));
    }
  });
});

describe('graph: a replicated database', () => {
  it('shows each pod role and the rows on its volume, replicas one second behind', () => {
    const start = ['kubectl apply -f mysql.yaml', 'sim wait --stable', `kubectl exec mysql-0 -- mysql -e "INSERT INTO t VALUES ('A')"`];
    const facts = (lines: string[]) => toGraphModel(withScript(mysqlReplicas, ...lines).state).pods.map((p) => [p.name, p.database?.role, p.database?.rows]);
    expect(facts(start)).toEqual([
      ['mysql-0', 'primary', 1],
      ['mysql-1', 'replica', 0],
      ['mysql-2', 'replica', 0],
    ]);
    expect(facts([...start, 'sim advance 1s'])).toEqual([
      ['mysql-0', 'primary', 1],
      ['mysql-1', 'replica', 1],
      ['mysql-2', 'replica', 1],
    ]);
  });

  it('reads a crashed primary\'s role and rows back from its volume', () => {
    const model = toGraphModel(
      withScript(mysqlReplicas, 'kubectl apply -f mysql.yaml', 'sim wait --stable', `kubectl exec mysql-0 -- mysql -e "INSERT INTO t VALUES ('A')"`, 'sim crash mysql-0').state,
    );
    const primary = model.pods.find((p) => p.name === 'mysql-0');
    expect(primary?.database).toEqual({ role: 'primary', rows: 1 });
  });

  it('has no database facts for other images', () => {
    const model = toGraphModel(withScript(partition, 'kubectl apply -f web.yaml', 'sim wait --stable').state);
    expect(model.pods.every((p) => p.database === undefined)).toBe(true);
  });
});
