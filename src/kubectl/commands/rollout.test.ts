import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { createClusterState } from '../../engine/bootstrap';
import type { ClusterState } from '../../engine/clusterState';
import { createObject, getObject, listObjects } from '../../engine/store';
import { applyDefaults } from '../../manifest/defaults';
import { ownerRef, type KObject } from '../../model/objects';
import { outputOf, runScenarioText } from '../../testing/scenarioHarness';
import type { CommandContext } from './context';
import { dispatch } from './dispatch';
import { daemonSetRolloutStatus, deploymentRolloutStatus, statefulSetRolloutStatus } from './rolloutStatus';

type Sts = StatefulSet & KObject;
type Deploy = Deployment & KObject;

function sts(generation: number, spec: Partial<NonNullable<StatefulSet['spec']>>, status: StatefulSet['status']): StatefulSet {
  return {
    metadata: { name: 'web', generation },
    spec: { replicas: 3, selector: {}, serviceName: 'nginx', template: {}, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec },
    status: { replicas: 3, ...status },
  };
}

describe('StatefulSet rollout status messages (R8.10)', () => {
  it('waits for the controller to observe a new generation', () => {
    expect(statefulSetRolloutStatus(sts(2, {}, { replicas: 3, observedGeneration: 1 })).message).toBe('Waiting for statefulset spec update to be observed...');
    expect(statefulSetRolloutStatus(sts(1, {}, { replicas: 3 })).message).toBe('Waiting for statefulset spec update to be observed...');
  });

  it('waits for unready pods before counting updated ones', () => {
    const status = statefulSetRolloutStatus(sts(2, {}, { replicas: 3, observedGeneration: 2, readyReplicas: 1, updatedReplicas: 3 }));
    expect(status).toEqual({ message: 'Waiting for 2 pods to be ready...', done: false });
  });

  it('takes the partition path, counting replicas above the partition', () => {
    const spec = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
    expect(statefulSetRolloutStatus(sts(2, spec, { replicas: 3, observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1 }))).toEqual({
      message: 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...',
      done: false,
    });
    expect(statefulSetRolloutStatus(sts(2, spec, { replicas: 3, observedGeneration: 2, readyReplicas: 3, updatedReplicas: 2 }))).toEqual({
      message: 'partitioned roll out complete: 2 new pods have been updated...',
      done: true,
    });
  });

  it('uses the revision messages only when rollingUpdate is absent', () => {
    const spec = { updateStrategy: { type: 'RollingUpdate' } };
    const waiting = { replicas: 3, observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1, currentRevision: 'web-a', updateRevision: 'web-b' };
    expect(statefulSetRolloutStatus(sts(2, spec, waiting)).message).toBe('waiting for statefulset rolling update to complete 1 pods at revision web-b...');
    const done = { ...waiting, currentRevision: 'web-b', currentReplicas: 3 };
    expect(statefulSetRolloutStatus(sts(2, spec, done))).toEqual({ message: 'statefulset rolling update complete 3 pods at revision web-b...', done: true });
  });

  it('refuses OnDelete sets', () => {
    expect(statefulSetRolloutStatus(sts(1, { updateStrategy: { type: 'OnDelete' } }, { replicas: 3 })).error).toBe('rollout status is only available for RollingUpdate strategy type');
  });
});

describe('Deployment and DaemonSet rollout status messages', () => {
  const deploy = (status: Deployment['status'], annotations?: Record<string, string>): Deployment => ({
    metadata: { name: 'web-deploy', generation: 2, annotations },
    spec: { replicas: 3, selector: {}, template: {} },
    status,
  });

  it('walks through kubectl deployment messages in order', () => {
    expect(deploymentRolloutStatus(deploy({ observedGeneration: 1 })).message).toBe('Waiting for deployment spec update to be observed...');
    expect(deploymentRolloutStatus(deploy({ observedGeneration: 2, updatedReplicas: 1, replicas: 4 })).message).toBe(
      'Waiting for deployment "web-deploy" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    expect(deploymentRolloutStatus(deploy({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 })).message).toBe(
      'Waiting for deployment "web-deploy" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(deploymentRolloutStatus(deploy({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 })).message).toBe(
      'Waiting for deployment "web-deploy" rollout to finish: 2 of 3 updated replicas are available...',
    );
    expect(deploymentRolloutStatus(deploy({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }))).toEqual({
      message: 'deployment "web-deploy" successfully rolled out',
      done: true,
    });
  });

  it('fails on an exceeded progress deadline and on a pinned revision that is not running', () => {
    const stuck = deploy({ observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(deploymentRolloutStatus(stuck).error).toBe('deployment "web-deploy" exceeded its progress deadline');
    const pinned = deploy({ observedGeneration: 2 }, { 'deployment.kubernetes.io/revision': '3' });
    expect(deploymentRolloutStatus(pinned, 2).error).toBe('desired revision (2) is different from the running revision (3)');
  });

  it('reports daemon set progress', () => {
    const ds: DaemonSet = { metadata: { name: 'agent', generation: 1 }, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 1, currentNumberScheduled: 3, numberMisscheduled: 0, numberReady: 3 } };
    expect(daemonSetRolloutStatus(ds).message).toBe('Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...');
  });
});

const WEB = `apiVersion: ordinal.dev/v1alpha1
kind: Scenario
metadata: {name: rollout-unit}
spec:
  files:
    web.yaml: |
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        serviceName: nginx
        replicas: 2
        selector: {matchLabels: {app: nginx}}
        template:
          metadata: {labels: {app: nginx}}
          spec:
            containers: [{name: nginx, image: "registry.k8s.io/nginx-slim:0.21"}]
  script:
`;

function scenario(lines: string[]): string {
  return WEB + lines.map((l) => `    - ${JSON.stringify(l)}\n`).join('');
}

describe('kubectl rollout on a StatefulSet', () => {
  const result = runScenarioText(
    scenario([
      'kubectl apply -f web.yaml',
      'sim wait --stable',
      'kubectl rollout undo sts/web',
      'kubectl rollout restart sts/web',
      'kubectl rollout restart sts/web',
      'kubectl rollout status sts/web --watch=false',
      'kubectl rollout status sts/web',
      'kubectl rollout history sts/web',
      'kubectl rollout pause sts/web',
      'kubectl rollout restart pod/web-0',
      'kubectl rollout history pod/web-0',
      'kubectl rollout status pod/web-0',
      'kubectl rollout status sts/nope',
      'kubectl rollout status',
      'kubectl rollout frobnicate sts/web',
    ]),
  );
  const set = getObject<Sts>(result.state, 'StatefulSet', 'default', 'web');

  it('has nothing to undo with a single revision', () => {
    expect(outputOf(result, 'kubectl rollout undo sts/web')).toBe('error: no last revision to roll back to');
  });

  it('restarts by stamping the template with the simulated time, which rolls every pod', () => {
    expect(outputOf(result, 'kubectl rollout restart sts/web')).toBe('statefulset.apps/web restarted');
    expect(set?.spec?.template.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:06Z' });
    expect(outputOf(result, 'kubectl rollout history sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n');
    const marked = result.state.changes.filter((c) => c.kind === 'Pod' && c.type === 'MODIFIED' && c.object.metadata.deletionTimestamp);
    expect(new Set(marked.map((c) => c.object.metadata.uid)).size).toBe(2);
  });

  it('says when a second restart in the same second patches nothing', () => {
    expect(outputOf(result, 'kubectl rollout restart sts/web', 1)).toBe('statefulset.apps/web restarted\nerror: failed to create patch for web: empty patch');
  });

  it('prints the status once with --watch=false, then blocks until the rollout completes', () => {
    expect(outputOf(result, 'kubectl rollout status sts/web --watch=false')).toBe('Waiting for partitioned roll out to finish: 0 out of 2 new pods have been updated...');
    const steps = result.steps.filter((s) => s.command.startsWith('kubectl rollout status sts/web'));
    expect(steps[0]?.exitCode).toBe(0);
    expect(outputOf(result, 'kubectl rollout status sts/web').split('\n').pop()).toBe('partitioned roll out complete: 2 new pods have been updated...');
  });

  it('uses kubectl errors for kinds and verbs it does not support', () => {
    expect(outputOf(result, 'kubectl rollout pause sts/web')).toBe('error: statefulsets.apps "web" pausing is not supported');
    expect(outputOf(result, 'kubectl rollout restart pod/web-0')).toBe('error: pods "web-0" restarting is not supported');
    expect(outputOf(result, 'kubectl rollout history pod/web-0')).toBe('error: no history viewer has been implemented for "Pod"');
    expect(outputOf(result, 'kubectl rollout status pod/web-0')).toBe('error: no status viewer has been implemented for Pod');
    expect(outputOf(result, 'kubectl rollout status sts/nope')).toBe('Error from server (NotFound): statefulsets.apps "nope" not found');
    expect(outputOf(result, 'kubectl rollout status')).toBe('error: required resource not specified');
    expect(outputOf(result, 'kubectl rollout frobnicate sts/web')).toBe('error: unknown command "frobnicate" for "kubectl rollout"');
  });
});

/** A context that runs commands without reconciling (no controller touches the objects between commands). */
function bare(state: ClusterState): { run: (line: string) => { output: string; code: number } } {
  return {
    run(line) {
      const out: string[] = [];
      const ctx: CommandContext = { state, files: {}, term: { print: (t) => out.push(t), flushWatches: () => undefined }, openWatch: () => undefined, enterShell: () => undefined };
      const code = dispatch(ctx, line);
      return { output: out.join('\n'), code };
    },
  };
}

function template(image: string, hash?: string): PodTemplateSpec {
  return { metadata: { labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } }, spec: { containers: [{ name: 'nginx', image }] } };
}

/** A template as the API server stores it (the Deployment controller copies defaulted templates into ReplicaSets). */
function defaulted(t: PodTemplateSpec): PodTemplateSpec {
  return applyDefaults<Deploy>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: {}, template: t } }).spec?.template ?? t;
}

function deploymentWithHistory(): { state: ClusterState; deploy: Deploy } {
  const state = createClusterState({ seed: 1 });
  const deploy = createObject<Deploy>(
    state,
    applyDefaults<Deploy>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web-deploy', namespace: 'default', annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1.25') },
    }),
  );
  const rs = (hash: string, image: string, revision: string, cause?: string) =>
    createObject<ReplicaSet & KObject>(state, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-deploy-${hash}`,
        namespace: 'default',
        annotations: { 'deployment.kubernetes.io/revision': revision, ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
        ownerReferences: [ownerRef(deploy)],
      },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: defaulted(template(image, hash)) },
    });
  rs('6d4cf56db6', 'nginx:1.24', '1', 'first');
  rs('7b9c8d5f4c', 'nginx:1.25', '2');
  return { state, deploy };
}

describe('kubectl rollout on a Deployment', () => {
  it('lists ReplicaSet revisions with their change cause', () => {
    const { state } = deploymentWithHistory();
    expect(bare(state).run('kubectl rollout history deploy/web-deploy').output).toBe(
      'deployment.apps/web-deploy \nREVISION  CHANGE-CAUSE\n1         first\n2         <none>\n',
    );
  });

  it('rolls back to the previous ReplicaSet template without its hash label', () => {
    const { state } = deploymentWithHistory();
    expect(bare(state).run('kubectl rollout undo deployment/web-deploy').output).toBe('deployment.apps/web-deploy rolled back');
    const after = getObject<Deploy>(state, 'Deployment', 'default', 'web-deploy');
    expect(after?.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.24');
    expect(after?.spec?.template.metadata?.labels).toEqual({ app: 'web' });
    expect(after?.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'first' });
    expect(bare(state).run('kubectl rollout undo deployment/web-deploy --to-revision=1').output).toBe(
      'deployment.apps/web-deploy skipped rollback (current template already matches revision 1)',
    );
  });

  it('pauses and resumes, refusing restart and undo while paused', () => {
    const { state } = deploymentWithHistory();
    const k = bare(state);
    expect(k.run('kubectl rollout pause deploy/web-deploy')).toEqual({ output: 'deployment.apps/web-deploy paused', code: 0 });
    expect(getObject<Deploy>(state, 'Deployment', 'default', 'web-deploy')?.spec?.paused).toBe(true);
    expect(k.run('kubectl rollout pause deploy/web-deploy')).toEqual({ output: 'error: deployments.apps "web-deploy" is already paused', code: 1 });
    expect(k.run('kubectl rollout restart deploy/web-deploy').output).toBe(
      'error: deployments.apps "web-deploy" can\'t restart paused deployment (run rollout resume first)',
    );
    expect(k.run('kubectl rollout undo deploy/web-deploy').output).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web-deploy' and try again",
    );
    expect(k.run('kubectl rollout resume deploy/web-deploy').output).toBe('deployment.apps/web-deploy resumed');
    expect(getObject<Deploy>(state, 'Deployment', 'default', 'web-deploy')?.spec).not.toHaveProperty('paused');
    expect(k.run('kubectl rollout resume deploy/web-deploy').output).toBe('error: deployments.apps "web-deploy" is not paused');
    expect(listObjects(state, 'ReplicaSet')).toHaveLength(2);
  });
});

describe('kubectl rollout with the Deployment controller', () => {
  const result = runScenarioText(`apiVersion: ordinal.dev/v1alpha1
kind: Scenario
metadata: {name: deploy-rollout}
spec:
  files:
    d.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web-deploy}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: nginx, image: "nginx:1.25"}]
  script:
    - "kubectl apply -f d.yaml"
    - "kubectl set image deploy/web-deploy nginx=nginx:1.26"
    - "kubectl rollout status deploy/web-deploy"
    - "kubectl rollout undo deploy/web-deploy"
    - "kubectl rollout status deploy/web-deploy"
    - "kubectl rollout history deploy/web-deploy"
`);

  it('waits for new replicas and ends successfully rolled out', () => {
    const lines = outputOf(result, 'kubectl rollout status deploy/web-deploy').split('\n');
    expect(lines).toContain('Waiting for deployment "web-deploy" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(lines.pop()).toBe('deployment "web-deploy" successfully rolled out');
  });

  it('rolls back to revision 1, which becomes revision 3', () => {
    expect(outputOf(result, 'kubectl rollout undo deploy/web-deploy')).toBe('deployment.apps/web-deploy rolled back');
    expect(outputOf(result, 'kubectl rollout status deploy/web-deploy', 1).split('\n').pop()).toBe('deployment "web-deploy" successfully rolled out');
    expect(outputOf(result, 'kubectl rollout history deploy/web-deploy')).toBe('deployment.apps/web-deploy \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
    const deploy = getObject<Deploy>(result.state, 'Deployment', 'default', 'web-deploy');
    expect(deploy?.spec?.template.spec?.containers[0]?.image).toBe('nginx:1.25');
  });
});
