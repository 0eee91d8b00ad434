import { describe, expect, it } from 'vitest';
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { ChangeRecord, ClusterState } from '../../engine/clusterState';
import { listObjects } from '../../engine/store';
import type { KObject } from '../../model/objects';
import { isPodReady, podStatusText, type PodObject } from '../../model/pod';
import { parseScenario } from '../parseScenario';
import { createScenarioState } from '../runScenario';
import { Session } from '../../kubectl/session';
import s13 from './s13-rolling-update.yaml?raw';
import s14 from './s14-rollback.yaml?raw';
import s15 from './s15-partition.yaml?raw';
import s17 from './s17-on-delete.yaml?raw';
import s18 from './s18-forced-rollback.yaml?raw';
import s39 from './s39-immutable-fields.yaml?raw';

type Sts = StatefulSet & KObject;

/** A pod as the assertions look at it. */
interface PodView {
  uid: string;
  image: string;
  revision: string;
  status: string;
}

/** One script line with what it printed and the cluster right after it. */
interface StepRecord {
  command: string;
  output: string;
  exitCode: number;
  /** Simulated ms when the step started / ended. */
  at: number;
  end: number;
  /** Index range of `state.changes` the step produced. */
  from: number;
  to: number;
  pods: Record<string, PodView>;
  set?: Sts;
}

interface Recorded {
  state: ClusterState;
  steps: StepRecord[];
  /** The nth step whose command equals `prefix` (or, if none does, starts with it). */
  step(prefix: string, nth?: number): StepRecord;
}

function podsOf(state: ClusterState): Record<string, PodView> {
  const out: Record<string, PodView> = {};
  for (const pod of listObjects<PodObject>(state, 'Pod')) {
    out[pod.metadata.name] = {
      uid: pod.metadata.uid ?? '',
      image: pod.spec?.containers[0]?.image ?? '',
      revision: pod.metadata.labels?.['controller-revision-hash'] ?? '',
      status: podStatusText(pod),
    };
  }
  return out;
}

/** Runs a scenario line by line, keeping a snapshot of the pods and the set after every line. */
function runRecorded(text: string, setName: string): Recorded {
  const { scenario } = parseScenario(text, 'scenario.yaml');
  if (!scenario) throw new Error('scenario does not parse');
  const state = createScenarioState(scenario);
  const session = new Session(state, { ...scenario.files });
  const steps: StepRecord[] = [];
  for (const command of scenario.script) {
    const from = state.changes.length;
    const result = session.run(command);
    const set = listObjects<Sts>(state, 'StatefulSet').find((s) => s.metadata.name === setName);
    steps.push({ command, output: result.output, exitCode: result.exitCode, at: result.at, end: state.now, from, to: state.changes.length, pods: podsOf(state), set });
  }
  return {
    state,
    steps,
    step(prefix, nth = 0) {
      const exact = steps.filter((s) => s.command === prefix);
      const found = (exact.length ? exact : steps.filter((s) => s.command.startsWith(prefix)))[nth];
      if (!found) throw new Error(`no step ${prefix} (#${nth})`);
      return found;
    },
  };
}

/** `<reason> <message>` of the events about one StatefulSet. */
function setEvents(state: ClusterState, name: string): string[] {
  return state.events.filter((e) => e.involved.kind === 'StatefulSet' && e.involved.name === name).map((e) => `${e.reason} ${e.message}`);
}

function revisionNamed(state: ClusterState, revision: number): string {
  const rev = listObjects<KObject & { revision: number }>(state, 'ControllerRevision').find((r) => r.revision === revision);
  if (!rev) throw new Error(`no revision ${revision}`);
  return rev.metadata.name;
}

/** Pod names in the order the controller (or anyone) marked them for deletion within `changes`. */
function deletionOrder(changes: ChangeRecord[]): string[] {
  const marked = new Set<string>();
  const order: string[] = [];
  for (const c of changes) {
    const uid = c.object.metadata.uid ?? '';
    if (c.kind === 'Pod' && c.object.metadata.deletionTimestamp && !marked.has(uid)) {
      marked.add(uid);
      order.push(c.object.metadata.name);
    }
  }
  return order;
}

/** Index in `changes` where a pod with this name other than `oldUid` first became Ready. */
function readyIndex(changes: ChangeRecord[], name: string, oldUid: string): number {
  return changes.findIndex((c) => c.kind === 'Pod' && c.object.metadata.name === name && c.object.metadata.uid !== oldUid && isPodReady(c.object as PodObject));
}

/** Index of the change that marked the pod with this uid for deletion. */
function markIndex(changes: ChangeRecord[], uid: string): number {
  return changes.findIndex((c) => c.kind === 'Pod' && c.object.metadata.uid === uid && c.object.metadata.deletionTimestamp);
}

/** Largest number of the `replicas` ordinals that were missing, unready or terminating at once. */
function maxDown(state: ClusterState, fromIndex: number, replicas: number): number {
  const live = new Map<string, PodObject>();
  let worst = 0;
  state.changes.forEach((c, i) => {
    if (c.kind !== 'Pod') return;
    if (c.type === 'DELETED') live.delete(c.object.metadata.name);
    else live.set(c.object.metadata.name, c.object as PodObject);
    if (i < fromIndex) return;
    const healthy = [...live.values()].filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
    worst = Math.max(worst, replicas - healthy);
  });
  return worst;
}

const OLD = 'registry.k8s.io/nginx-slim:0.21';
const NEW = 'registry.k8s.io/nginx-slim:0.24';

describe('S13 RollingUpdate replaces pods in reverse ordinal order', () => {
  const run = runRecorded(s13, 'web');
  const before = run.step('kubectl get controllerrevisions');
  const patch = run.step('kubectl patch statefulset web');
  const after = run.steps[run.steps.length - 1] as StepRecord;
  const rev1 = revisionNamed(run.state, 1);
  const rev2 = revisionNamed(run.state, 2);
  const changes = run.state.changes.slice(patch.from);

  it('creates a second revision and keeps currentRevision at the first until the rollout completes', () => {
    expect(before.output.split('\n').slice(1).map((l) => l.split(/\s+/)[2])).toEqual(['1']);
    expect(rev1).not.toBe(rev2);
    // Status writes of the controller once it saw the new template (the patch itself is the first change).
    const setChanges = changes
      .filter((c) => c.kind === 'StatefulSet' && (c.object as Sts).status?.observedGeneration === 2)
      .map((c) => (c.object as Sts).status);
    expect(setChanges.length).toBeGreaterThan(3);
    expect(setChanges.every((s) => s?.updateRevision === rev2)).toBe(true);
    const currents = setChanges.map((s) => s?.currentRevision).filter((r, i, all) => i === 0 || all[i - 1] !== r);
    expect(currents).toEqual([rev1, rev2]);
    const promoted = setChanges.find((s) => s?.currentRevision === rev2);
    expect([promoted?.updatedReplicas, promoted?.readyReplicas]).toEqual([3, 3]);
  });

  it('deletes web-2, web-1, web-0 in turn, each after its successor is back and Ready', () => {
    expect(deletionOrder(changes)).toEqual(['web-2', 'web-1', 'web-0']);
    expect(setEvents(run.state, 'web').filter((l) => l.startsWith('SuccessfulDelete'))).toEqual([
      'SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
    ]);
    const old = patch.pods;
    for (const [next, prev] of [['web-1', 'web-2'], ['web-0', 'web-1']] as const) {
      const ready = readyIndex(changes, prev, old[prev]?.uid ?? '');
      expect(ready).toBeGreaterThan(-1);
      expect(markIndex(changes, old[next]?.uid ?? '')).toBeGreaterThan(ready);
    }
  });

  it('never has two pods down at once because of the update', () => {
    expect(maxDown(run.state, patch.from, 3)).toBe(1);
  });

  it('prints rollout status lines on the partition path and finishes complete', () => {
    const status = run.step('kubectl rollout status sts/web');
    expect(status.exitCode).toBe(0);
    expect(status.output.split('\n')).toEqual([
      'Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...',
      'Waiting for 1 pods to be ready...',
      'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...',
      'Waiting for 1 pods to be ready...',
      'Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...',
      'Waiting for 1 pods to be ready...',
      'partitioned roll out complete: 3 new pods have been updated...',
    ]);
    expect(status.set?.status?.updatedReplicas).toBe(3);
  });

  it('ends with every pod replaced at the new revision, both revisions kept, claims untouched', () => {
    for (const name of ['web-0', 'web-1', 'web-2']) {
      expect(after.pods[name]).toMatchObject({ image: NEW, revision: rev2, status: 'Running' });
      expect(after.pods[name]?.uid).not.toBe(patch.pods[name]?.uid);
    }
    expect(after.set?.status).toMatchObject({ currentRevision: rev2, updateRevision: rev2 });
    expect(run.step('kubectl get controllerrevisions', 1).output.split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual([rev2, rev1].sort());
    expect(changes.some((c) => c.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(run.step('kubectl get pvc', 1).output.replace(/\s+\S+$/gm, '')).toBe(run.step('kubectl get pvc').output.replace(/\s+\S+$/gm, ''));
    expect(run.step('kubectl get pods').output.split('\n').slice(1).map((l) => l.split(/\s+/)[3])).toEqual(['0', '0', '0']);
  });
});

describe('S14 rollback reuses the old revision', () => {
  const run = runRecorded(s14, 'web');
  const undo = run.step('kubectl rollout undo sts/web');
  const rev1 = revisionNamed(run.state, 3);
  const rev2 = revisionNamed(run.state, 2);

  it('starts the update with kubectl set image', () => {
    expect(run.step('kubectl set image').output).toBe('statefulset.apps/web image updated');
  });

  it('lists revisions 1 and 2 with no change cause', () => {
    expect(run.step('kubectl rollout history sts/web').output).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n');
    const detail = run.step('kubectl rollout history sts/web --revision=2').output;
    expect(detail.startsWith('statefulset.apps/web with revision #2\nPod Template:\n  Labels:  app=nginx\n')).toBe(true);
    expect(detail).toContain(`Image:        ${NEW}\n`);
  });

  it('rolls back by reusing the first revision under revision number 3', () => {
    expect(undo.output).toBe('statefulset.apps/web rolled back');
    expect(undo.set?.status?.updateRevision).toBe(rev1);
    expect(run.step('kubectl get controllerrevisions', 0).output).toContain(rev1);
    const added = run.state.changes.filter((c) => c.kind === 'ControllerRevision' && c.type === 'ADDED').map((c) => c.object.metadata.name);
    expect(added).toEqual([rev1, rev2]);
    expect(run.step('kubectl rollout history sts/web', 1).output).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
  });

  it('rolls the pods back in the order web-2, web-1, web-0 to the old image', () => {
    const changes = run.state.changes.slice(undo.from);
    expect(deletionOrder(changes)).toEqual(['web-2', 'web-1', 'web-0']);
    const last = run.steps[run.steps.length - 1] as StepRecord;
    for (const name of ['web-0', 'web-1', 'web-2']) expect(last.pods[name]).toMatchObject({ image: OLD, revision: rev1 });
    expect(last.set?.status).toMatchObject({ currentRevision: rev1, updateRevision: rev1 });
  });

  it('skips a rollback to the current template and rejects an unknown revision', () => {
    expect(run.step('kubectl rollout undo sts/web --to-revision=3').output).toBe('statefulset.apps/web skipped rollback (current template already matches revision 3)');
    const missing = run.step('kubectl rollout undo sts/web --to-revision=7');
    expect([missing.output, missing.exitCode]).toEqual(['error: unable to find specified revision 7 in history', 1]);
  });
});

describe('S15 partitioned staging, canary and phased rollout', () => {
  const run = runRecorded(s15, 'web');
  const staged = run.step('kubectl set image');
  const firstDelete = run.step('kubectl delete pod web-2');
  const rev1 = revisionNamed(run.state, 1);
  const rev2 = revisionNamed(run.state, 2);

  it('stages a new update revision behind partition 3 without touching any pod', () => {
    expect(staged.set?.status?.updateRevision).toBe(rev2);
    expect(deletionOrder(run.state.changes.slice(0, firstDelete.from))).toEqual([]);
    for (const pod of Object.values(staged.pods)) expect(pod).toMatchObject({ image: NEW, revision: rev1 });
    expect(run.step('kubectl rollout status sts/web').output).toBe('partitioned roll out complete: 0 new pods have been updated...');
  });

  it('recreates a deleted pod below the partition at the old revision', () => {
    const after = run.step('sim wait --stable', 2).pods['web-2'];
    expect(after).toMatchObject({ image: NEW, revision: rev1, status: 'Running' });
    expect(after?.uid).not.toBe(staged.pods['web-2']?.uid);
  });

  it('rolls out the canary web-2 when the partition drops to 2, leaving web-0 and web-1 alone', () => {
    const canary = run.step('kubectl patch statefulset web', 1);
    const done = run.step('kubectl rollout status sts/web', 1);
    expect(deletionOrder(run.state.changes.slice(canary.from, done.to))).toEqual(['web-2']);
    expect(done.pods['web-2']).toMatchObject({ image: OLD, revision: rev2 });
    for (const name of ['web-0', 'web-1']) expect(done.pods[name]).toEqual(canary.pods[name]);
    expect(done.output.split('\n').pop()).toBe('partitioned roll out complete: 1 new pods have been updated...');
  });

  it('recreates web-1 at the old revision while the partition is 2', () => {
    const after = run.step('sim wait --stable', 4).pods['web-1'];
    expect(after).toMatchObject({ image: NEW, revision: rev1, status: 'Running' });
  });

  it('finishes the phased rollout with web-1 then web-0', () => {
    const phased = run.step('kubectl patch statefulset web', 2);
    expect(deletionOrder(run.state.changes.slice(phased.from))).toEqual(['web-1', 'web-0']);
    const last = run.steps[run.steps.length - 1] as StepRecord;
    for (const name of ['web-0', 'web-1', 'web-2']) expect(last.pods[name]).toMatchObject({ image: OLD, revision: rev2 });
    expect(last.set?.status).toMatchObject({ currentRevision: rev2, updateRevision: rev2 });
  });
});

describe('S17 OnDelete updates only pods you delete', () => {
  const run = runRecorded(s17, 'ss');
  const rev1 = revisionNamed(run.state, 1);
  const rev2 = revisionNamed(run.state, 2);
  const image = 'registry.k8s.io/e2e-test-images/httpd:2.4.39-4';
  const changed = run.step('kubectl set image');
  const waited = run.step('sim advance 60s');

  it('recreates pods deleted before the change at the same revision', () => {
    const first = run.step('sim wait --stable', 1);
    for (const name of ['ss-0', 'ss-1', 'ss-2']) expect(first.pods[name]).toMatchObject({ revision: rev1, status: 'Running' });
  });

  it('creates a new update revision but deletes nothing for 60 s', () => {
    expect(changed.set?.status).toMatchObject({ currentRevision: rev1, updateRevision: rev2 });
    expect(waited.end - waited.at).toBe(60_000);
    expect(waited.pods).toEqual(changed.pods);
    expect(setEvents(run.state, 'ss').some((l) => l.startsWith('SuccessfulDelete'))).toBe(false);
  });

  it('brings deleted pods back at the new revision, never promoting currentRevision', () => {
    const last = run.step('sim wait --stable', 2);
    for (const name of ['ss-0', 'ss-1', 'ss-2']) expect(last.pods[name]).toMatchObject({ revision: rev2, image, status: 'Running' });
    expect(last.set?.status).toMatchObject({ currentRevision: rev1, updateRevision: rev2, updatedReplicas: 3, readyReplicas: 3 });
  });

  it('refuses rollout status', () => {
    const status = run.step('kubectl rollout status sts/ss');
    expect([status.output, status.exitCode]).toEqual(['error: rollout status is only available for RollingUpdate strategy type', 1]);
  });
});

describe('S18 a broken image stalls the rollout; forced rollback (R8.9)', () => {
  const run = runRecorded(s18, 'web');
  const stalled = run.step('kubectl rollout status sts/web --timeout=60s');
  const undo = run.step('kubectl rollout undo sts/web');
  const rev1 = revisionNamed(run.state, 3);

  it('stops at web-2, which cannot pull its image, and times out rollout status', () => {
    expect([stalled.output, stalled.exitCode]).toEqual([
      'Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...\nWaiting for 1 pods to be ready...\nerror: timed out waiting for the condition',
      1,
    ]);
    expect(stalled.end - stalled.at).toBe(60_000);
    const timeline = run.state.changes.filter((c) => c.kind === 'Pod' && c.object.metadata.name === 'web-2').map((c) => podStatusText(c.object as PodObject));
    expect(timeline).toContain('ErrImagePull');
    expect(timeline).toContain('ImagePullBackOff');
    expect(stalled.pods['web-2']?.status).toBe('ImagePullBackOff');
  });

  it('keeps the broken pod after the template is reverted', () => {
    const later = run.step('sim advance 120s');
    expect(undo.output).toBe('statefulset.apps/web rolled back');
    expect(later.set?.status?.updateRevision).toBe(rev1);
    expect(later.pods['web-2']).toMatchObject({ image: 'registry.k8s.io/nginx-slim:does-not-exist', status: 'ImagePullBackOff' });
    expect(deletionOrder(run.state.changes.slice(undo.from, later.to))).toEqual([]);
  });

  it('recreates the deleted broken pod at the reverted revision', () => {
    const done = run.step('kubectl rollout status sts/web');
    expect(done.output).toBe('Waiting for 1 pods to be ready...\npartitioned roll out complete: 3 new pods have been updated...');
    expect(done.pods['web-2']).toMatchObject({ image: OLD, revision: rev1, status: 'Running' });
    expect(deletionOrder(run.state.changes)).toEqual(['web-2', 'web-2']);
  });
});

describe('S39 immutable StatefulSet fields', () => {
  const run = runRecorded(s39, 'web');
  const refused = run.step('kubectl apply -f web-2gi.yaml');
  const message =
    "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

  it('rejects a volumeClaimTemplates change and a podManagementPolicy change', () => {
    expect([refused.output, refused.exitCode]).toEqual([`service/nginx unchanged\n${message}`, 1]);
    const parallel = run.step('kubectl apply -f web-parallel.yaml');
    expect([parallel.output, parallel.exitCode]).toEqual([`service/nginx unchanged\n${message}`, 1]);
  });

  it('changes no pod, claim, revision or StatefulSet', () => {
    const later = run.state.changes.slice(refused.from);
    expect(later.filter((c) => ['Pod', 'PersistentVolumeClaim', 'ControllerRevision', 'StatefulSet', 'Service'].includes(c.kind))).toEqual([]);
    expect(run.step('kubectl get controllerrevisions').output.split('\n')).toHaveLength(2);
  });
});
