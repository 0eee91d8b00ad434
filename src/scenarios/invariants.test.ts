/**
 * Property tests: random command sequences against a StatefulSet, checking
 * after every step the guarantees a StatefulSet gives (issue #2 §4).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord, ClusterState } from '../engine/clusterState';
import { listObjects } from '../engine/store';
import { isRunningAndReady, ordinalOf, type PodObject } from '../model/pod';
import type { KObject } from '../model/objects';
import { Session } from '../kubectl/session';
import { createScenarioState } from './runScenario';

const WEB = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{name: web, port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

const ordinal = fc.integer({ min: 0, max: 4 });
const node = fc.constantFrom('node-1', 'node-2', 'node-3');
const command = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((n) => `kubectl scale sts web --replicas=${n}`),
  ordinal.map((n) => `kubectl delete pod web-${n} --wait=false`),
  ordinal.map((n) => `sim crash web-${n}`),
  ordinal.map((n) => `sim break-readiness web-${n}`),
  ordinal.map((n) => `sim fix-readiness web-${n}`),
  node.map((n) => `kubectl cordon ${n}`),
  node.map((n) => `kubectl uncordon ${n}`),
  node.map((n) => `kubectl drain ${n} --ignore-daemonsets --timeout=90s`),
  node.map((n) => `sim node-down ${n}`),
  node.map((n) => `sim node-up ${n}`),
  fc.integer({ min: 1, max: 10 }).map((m) => `sim advance ${m}m`),
  fc.integer({ min: 1, max: 90 }).map((s) => `sim advance ${s}s`),
  fc.constant('sim wait --stable --timeout=3m'),
  fc.constant('kubectl delete sts web --cascade=orphan'),
  fc.constant('kubectl apply -f web.yaml'),
);

/** Replays the change log into the latest object per key, checking OrderedReady creation order. */
class Checker {
  private pods = new Map<string, PodObject>();
  private seen = 0;

  constructor(private readonly state: ClusterState) {}

  check(): void {
    const changes = this.state.changes.slice(this.seen);
    this.seen = this.state.changes.length;
    for (const change of changes) this.apply(change);
    this.atMostOneRunningPerIdentity();
    this.rwoAttachedOnce();
  }

  private apply(change: ChangeRecord): void {
    if (change.kind === 'PersistentVolumeClaim' && change.type === 'DELETED') {
      throw new Error(`claim ${change.key} deleted although the retention policy is Retain`);
    }
    if (change.kind !== 'Pod') return;
    const pod = change.object as PodObject;
    if (change.type === 'ADDED') {
      const n = ordinalOf(pod.metadata.name, 'web');
      for (let lower = 0; lower < n; lower++) {
        const prev = this.pods.get(`default/web-${lower}`);
        if (!prev || !isRunningAndReady(prev) || prev.metadata.deletionTimestamp) {
          throw new Error(`web-${n} created at t=${change.at}ms while web-${lower} was not Running and Ready`);
        }
      }
    }
    if (change.type === 'DELETED') this.pods.delete(change.key);
    else this.pods.set(change.key, pod);
  }

  private atMostOneRunningPerIdentity(): void {
    const running = new Map<string, number>();
    for (const rec of Object.values(this.state.runtime.pods)) {
      if (!rec.containers.some((c) => c.state === 'running')) continue;
      running.set(rec.key, (running.get(rec.key) ?? 0) + 1);
    }
    for (const [key, count] of running) if (count > 1) throw new Error(`${count} running pods with identity ${key}`);
  }

  private rwoAttachedOnce(): void {
    for (const pv of listObjects<KObject & { spec?: { accessModes?: string[] } }>(this.state, 'PersistentVolume')) {
      const attached = this.state.runtime.volumes[pv.metadata.name]?.attachedTo ?? [];
      if (pv.spec?.accessModes?.includes('ReadWriteOnce') && attached.length > 1) {
        throw new Error(`RWO volume ${pv.metadata.name} attached to ${attached.join(', ')}`);
      }
    }
  }
}

describe('StatefulSet invariants under random commands', () => {
  it('never breaks identity, ordering, attachment or retention guarantees', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 1000 }), (commands, seed) => {
        const state = createScenarioState({ name: 'prop', seed, files: { 'web.yaml': WEB }, script: [] });
        const session = new Session(state, { 'web.yaml': WEB });
        const checker = new Checker(state);
        session.run('kubectl apply -f web.yaml');
        checker.check();
        for (const line of commands) {
          session.run(line);
          checker.check();
        }
        expect(true).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
