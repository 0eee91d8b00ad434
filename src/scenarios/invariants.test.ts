/**
 * Property tests: random command sequences against a StatefulSet, checking
 * after every step the guarantees a StatefulSet gives (issue #2 §4).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeRecord, ClusterState } from '../engine/clusterState';
import { isRunningAndReady, ordinalOf, type PodObject } from '../model/pod';
import { Session } from '../kubectl/session';
import { createScenarioState } from './runScenario';
import { assertAtMostOneRunningPerIdentity, assertRwoAttachedOnce, WEB_STATEFULSET } from '../testing/invariants';

const WEB = WEB_STATEFULSET;

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
    assertAtMostOneRunningPerIdentity(this.state);
    assertRwoAttachedOnce(this.state);
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
