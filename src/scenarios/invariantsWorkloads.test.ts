/**
 * Property tests: random command sequences against a StatefulSet guarded by a
 * PodDisruptionBudget (`minAvailable: 2`) beside a Deployment, with node
 * failures, drains and rollouts, checking after every step the guarantees of
 * issue #4: at most one running pod per StatefulSet identity, no RWO volume
 * attached to two nodes, no Retain claim deleted, and no budget broken by an
 * eviction the eviction API approved.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord, ClusterState } from '../engine/clusterState';
import { isPodReady, type PodObject } from '../model/pod';
import { Session } from '../kubectl/session';
import { createScenarioState } from './runScenario';
import { assertAtMostOneRunningPerIdentity, assertRwoAttachedOnce, WEB_STATEFULSET } from '../testing/invariants';

const MIN_AVAILABLE = 2;

const WEB = `${WEB_STATEFULSET}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb}
spec:
  minAvailable: ${MIN_AVAILABLE}
  selector: {matchLabels: {app: nginx}}
`;

const DEPLOY = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared-data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web-deploy}
spec:
  replicas: 2
  selector: {matchLabels: {app: web-deploy}}
  template:
    metadata: {labels: {app: web-deploy}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts: [{name: data, mountPath: /usr/share/nginx/html}]
      volumes:
      - name: data
        persistentVolumeClaim: {claimName: shared-data}
`;

const FILES = { 'web.yaml': WEB, 'deploy.yaml': DEPLOY };

const node = fc.constantFrom('node-1', 'node-2', 'node-3');
const image = fc.constantFrom('nginx:1.27', 'nginx:1.28', 'nginx:does-not-exist');
const workload = fc.constantFrom('sts/web', 'deploy/web-deploy');
const command = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((n) => `kubectl scale sts web --replicas=${n}`),
  fc.integer({ min: 0, max: 4 }).map((n) => `kubectl scale deploy web-deploy --replicas=${n}`),
  node.map((n) => `kubectl drain ${n} --ignore-daemonsets --timeout=90s`),
  node.map((n) => `kubectl uncordon ${n}`),
  node.map((n) => `sim node-down ${n}`),
  node.map((n) => `sim node-up ${n}`),
  fc.tuple(workload, image).map(([w, i]) => `kubectl set image ${w} nginx=${i}`),
  workload.map((w) => `kubectl rollout undo ${w}`),
  fc.integer({ min: 1, max: 10 }).map((m) => `sim advance ${m}m`),
  fc.integer({ min: 1, max: 90 }).map((s) => `sim advance ${s}s`),
  fc.constant('sim wait --stable --timeout=3m'),
);

/** `countHealthyPods` of the disruption controller: Ready and not terminating. */
function healthy(pod: PodObject): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running' && isPodReady(pod);
}

function evictedByApi(pod: PodObject | undefined): boolean {
  return Boolean(pod?.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'EvictionByEvictionAPI'));
}

/** Replays the change log into the latest pod per key and checks the invariants. */
class Checker {
  private pods = new Map<string, PodObject>();
  private seen = 0;
  /** Evictions of healthy budgeted pods seen so far (a test that never sees one proves little). */
  approvedEvictions = 0;

  constructor(private readonly state: ClusterState) {}

  check(): void {
    const changes = this.state.changes.slice(this.seen);
    this.seen = this.state.changes.length;
    for (const change of changes) this.apply(change);
    assertAtMostOneRunningPerIdentity(this.state);
    assertRwoAttachedOnce(this.state);
  }

  private apply(change: ChangeRecord): void {
    if (change.kind === 'PersistentVolumeClaim' && change.type === 'DELETED') {
      throw new Error(`claim ${change.key} deleted although nothing asked for it (Retain)`);
    }
    if (change.kind !== 'Pod') return;
    const pod = change.object as PodObject;
    const previous = this.pods.get(change.key);
    if (change.type === 'DELETED') this.pods.delete(change.key);
    else this.pods.set(change.key, pod);
    const budgeted = pod.metadata.labels?.['app'] === 'nginx';
    if (budgeted && change.type !== 'DELETED' && evictedByApi(pod) && !evictedByApi(previous) && previous && healthy(previous)) {
      this.approvedEvictions++;
      const left = [...this.pods.values()].filter((p) => p.metadata.labels?.['app'] === 'nginx' && p.metadata.name !== pod.metadata.name && healthy(p));
      if (left.length < MIN_AVAILABLE) {
        throw new Error(`eviction of ${pod.metadata.name} at t=${change.at}ms left ${left.length} healthy pods (${left.map((p) => p.metadata.name).join(', ')}), budget needs ${MIN_AVAILABLE}`);
      }
    }
  }
}

/** Runs one command sequence, checking after every step; returns the checker and the outputs. */
function play(commands: string[], seed: number): { checker: Checker; outputs: string[] } {
  const state = createScenarioState({ name: 'prop-workloads', seed, files: FILES, script: [] });
  const session = new Session(state, { ...FILES });
  const checker = new Checker(state);
  const outputs: string[] = [];
  for (const line of ['kubectl apply -f web.yaml', 'kubectl apply -f deploy.yaml', 'sim wait --stable --timeout=3m', ...commands]) {
    outputs.push(session.run(line).output);
    checker.check();
  }
  return { checker, outputs };
}

describe('StatefulSet + PDB + Deployment invariants under node failures, drains and rollouts', () => {
  it('sees the eviction check fire: draining two nodes evicts one budgeted pod and refuses the next', () => {
    const { checker, outputs } = play(['kubectl drain node-1 --ignore-daemonsets --timeout=30s', 'kubectl drain node-2 --ignore-daemonsets --timeout=30s'], 7);
    expect(checker.approvedEvictions).toBe(2);
    expect(outputs.at(-1)).toContain(
      `error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    );
  }, 60_000);

  it('never runs two pods of one identity, double-attaches a RWO volume, deletes a claim or breaks the budget by an eviction', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (commands, seed) => {
        play(commands, seed);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
