import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1';
import { toTimestamp } from '../../model/duration';
import { ownerRef, writableMeta, type KObject } from '../../model/objects';
import type { PodObject } from '../../model/pod';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import { createObject, getObject, nowTimestamp, updateObject } from '../store';
import { disruptionController, goLabelSelectorString, scaledValue, type PdbObject } from './disruptionController';

const SELECTOR = { matchLabels: { app: 'web' } };

function addWorkload(state: ClusterState, kind: string, name: string, replicas: number, owner?: KObject): KObject {
  return createObject<KObject>(state, {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    metadata: { name, namespace: 'default', ...(owner ? { ownerReferences: [ownerRef(owner)] } : {}) },
    spec: { replicas, selector: SELECTOR },
  });
}

function addPod(state: ClusterState, name: string, options: { owner?: KObject; ready?: boolean; phase?: string } = {}): PodObject {
  const ready = options.ready ?? true;
  return createObject<PodObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' }, ...(options.owner ? { ownerReferences: [ownerRef(options.owner)] } : {}) },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: options.phase ?? 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
}

function addBudget(state: ClusterState, spec: PodDisruptionBudgetSpec, name = 'web-pdb'): PdbObject {
  return createObject<PdbObject>(state, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec });
}

function budget(state: ClusterState, name = 'web-pdb'): PdbObject {
  const pdb = getObject<PdbObject>(state, 'PodDisruptionBudget', 'default', name);
  if (!pdb) throw new Error(`no budget ${name}`);
  return pdb;
}

function counts(state: ClusterState, name = 'web-pdb') {
  const s = budget(state, name).status;
  return { expected: s?.expectedPods, desired: s?.desiredHealthy, current: s?.currentHealthy, allowed: s?.disruptionsAllowed };
}

function markDeleting(state: ClusterState, name: string): void {
  updateObject<PodObject>(state, 'Pod', 'default', name, (p) => {
    writableMeta(p).deletionTimestamp = nowTimestamp(state);
  });
}

function events(state: ClusterState): string[] {
  return state.events.map((e) => `${e.involved.kind}/${e.involved.name} ${e.type} ${e.reason} ${e.source}: ${e.message}`);
}

/** Three StatefulSet pods, the last one not Ready. */
function statefulSetCluster(replicas = 3): { state: ClusterState; sts: KObject } {
  const state = createClusterState();
  const sts = addWorkload(state, 'StatefulSet', 'web', replicas);
  addPod(state, 'web-0', { owner: sts });
  addPod(state, 'web-1', { owner: sts });
  addPod(state, 'web-2', { owner: sts, ready: false });
  return { state, sts };
}

describe('scaledValue', () => {
  it('scales percentages of a total, rounding up or down like intstr', () => {
    expect(scaledValue(2, 10, true)).toBe(2);
    expect(scaledValue('50%', 3, true)).toBe(2);
    expect(scaledValue('50%', 3, false)).toBe(1);
    expect(scaledValue('34%', 3, true)).toBe(2);
    expect((scaledValue('2', 3, true) as Error).message).toBe('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('disruptionController', () => {
  it('counts matched pods for an integer minAvailable and allows currentHealthy − desiredHealthy disruptions', () => {
    const { state } = statefulSetCluster(5);
    addBudget(state, { minAvailable: 1, selector: SELECTOR });
    disruptionController.reconcile(state);
    // expectedPods is the number of matched pods (3), not the StatefulSet's 5 replicas.
    expect(counts(state)).toEqual({ expected: 3, desired: 1, current: 2, allowed: 1 });
    const status = budget(state).status;
    expect(status?.observedGeneration).toBe(1);
    expect(status?.conditions).toEqual([
      { type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'SufficientPods', message: '' },
    ]);
  });

  it('takes expectedPods from the StatefulSet replicas for a percentage minAvailable, rounding up', () => {
    const { state } = statefulSetCluster(4);
    addBudget(state, { minAvailable: '30%', selector: SELECTOR });
    disruptionController.reconcile(state);
    // 30% of 4 = 1.2 → 2 pods must stay healthy.
    expect(counts(state)).toEqual({ expected: 4, desired: 2, current: 2, allowed: 0 });
    expect(budget(state).status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
  });

  it('derives desiredHealthy from maxUnavailable (integer or percentage rounded up) and never below 0', () => {
    const { state } = statefulSetCluster(3);
    addBudget(state, { maxUnavailable: 1, selector: SELECTOR }, 'one');
    addBudget(state, { maxUnavailable: '34%', selector: SELECTOR }, 'pct');
    addBudget(state, { maxUnavailable: 5, selector: SELECTOR }, 'many');
    disruptionController.reconcile(state);
    expect(counts(state, 'one')).toEqual({ expected: 3, desired: 2, current: 2, allowed: 0 });
    expect(counts(state, 'pct')).toEqual({ expected: 3, desired: 1, current: 2, allowed: 1 });
    expect(counts(state, 'many')).toEqual({ expected: 3, desired: 0, current: 2, allowed: 2 });
  });

  it('scales a ReplicaSet owned by a Deployment through the Deployment, counting each controller once', () => {
    const state = createClusterState();
    const deployment = addWorkload(state, 'Deployment', 'web', 4);
    const oldRs = addWorkload(state, 'ReplicaSet', 'web-old', 1, deployment);
    const newRs = addWorkload(state, 'ReplicaSet', 'web-new', 3, deployment);
    addPod(state, 'web-old-a', { owner: oldRs });
    addPod(state, 'web-new-a', { owner: newRs });
    addPod(state, 'web-new-b', { owner: newRs });
    addBudget(state, { maxUnavailable: '25%', selector: SELECTOR });
    disruptionController.reconcile(state);
    expect(counts(state)).toEqual({ expected: 4, desired: 3, current: 3, allowed: 0 });
  });

  it('does not count terminating pods as healthy', () => {
    const { state } = statefulSetCluster();
    addBudget(state, { minAvailable: 1, selector: SELECTOR });
    markDeleting(state, 'web-0');
    disruptionController.reconcile(state);
    expect(counts(state)).toEqual({ expected: 3, desired: 1, current: 1, allowed: 0 });
  });

  it('allows no disruption while it expects no pods, and says so with a NoPods event', () => {
    const state = createClusterState();
    addBudget(state, { maxUnavailable: 1, selector: SELECTOR });
    disruptionController.reconcile(state);
    expect(counts(state)).toEqual({ expected: 0, desired: 0, current: 0, allowed: 0 });
    expect(events(state)).toEqual(['PodDisruptionBudget/web-pdb Normal NoPods controllermanager: No matching pods found']);
  });

  it('keeps an approved disruption out of currentHealthy for 2 minutes, then drops it with NotDeleted', () => {
    const { state } = statefulSetCluster();
    addBudget(state, { minAvailable: 1, selector: SELECTOR });
    disruptionController.reconcile(state);
    const approvedAt = nowTimestamp(state);
    updateObject<PdbObject>(state, 'PodDisruptionBudget', 'default', 'web-pdb', (p) => {
      if (p.status) p.status.disruptedPods = { 'web-0': approvedAt };
    });
    disruptionController.reconcile(state);
    expect(counts(state)).toEqual({ expected: 3, desired: 1, current: 1, allowed: 0 });
    expect(budget(state).status?.disruptedPods).toEqual({ 'web-0': approvedAt });
    expect(state.timers.filter((t) => t.type === 'disruption.recheck').map((t) => t.at)).toEqual([120_000]);

    // The recheck timer wakes the controller; its own handler has nothing to do.
    expect(disruptionController.timers?.['disruption.recheck']).toBeTypeOf('function');
    state.now = 119_000;
    disruptionController.reconcile(state);
    expect(budget(state).status?.disruptedPods).toEqual({ 'web-0': approvedAt });
    state.now = 120_000;
    disruptionController.reconcile(state);
    expect(budget(state).status?.disruptedPods).toBeUndefined();
    expect(counts(state)).toEqual({ expected: 3, desired: 1, current: 2, allowed: 1 });
    expect(events(state)).toContain("Pod/web-0 Warning NotDeleted controllermanager: Pod was expected by PDB default/default to be deleted but it wasn't");
  });

  it('forgets an approved disruption as soon as the pod is terminating', () => {
    const { state } = statefulSetCluster();
    addBudget(state, { minAvailable: 1, selector: SELECTOR });
    disruptionController.reconcile(state);
    updateObject<PdbObject>(state, 'PodDisruptionBudget', 'default', 'web-pdb', (p) => {
      if (p.status) p.status.disruptedPods = { 'web-0': nowTimestamp(state) };
    });
    markDeleting(state, 'web-0');
    disruptionController.reconcile(state);
    expect(budget(state).status?.disruptedPods).toBeUndefined();
    expect(events(state).filter((e) => e.includes('NotDeleted'))).toEqual([]);
  });

  it('fails safe with SyncFailed when a matched pod has a controller without a scale', () => {
    const state = createClusterState();
    const job = addWorkload(state, 'Job', 'batch', 1);
    addPod(state, 'batch-x', { owner: job });
    addBudget(state, { minAvailable: '50%', selector: SELECTOR });
    disruptionController.reconcile(state);
    const status = budget(state).status;
    expect(status?.disruptionsAllowed).toBe(0);
    expect(status?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'found no controllers for pod "batch-x"' });
    expect(events(state)).toEqual([
      'PodDisruptionBudget/web-pdb Warning CalculateExpectedPodCountFailed controllermanager: Failed to calculate the number of expected pods: found no controllers for pod "batch-x"',
    ]);
  });

  it('warns about pods without a controller under a percentage budget', () => {
    const state = createClusterState();
    addPod(state, 'bare');
    addBudget(state, { minAvailable: '50%', selector: SELECTOR });
    disruptionController.reconcile(state);
    expect(counts(state)).toEqual({ expected: 0, desired: 0, current: 1, allowed: 0 });
    expect(events(state)).toEqual([
      'PodDisruptionBudget/web-pdb Warning UnmanagedPods controllermanager: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    ]);
  });

  it('writes nothing when the status is already current, and follows a new generation', () => {
    const { state } = statefulSetCluster();
    addBudget(state, { minAvailable: 1, selector: SELECTOR });
    disruptionController.reconcile(state);
    const rv = state.counters.rv;
    disruptionController.reconcile(state);
    expect(state.counters.rv).toBe(rv);

    updateObject<PdbObject>(state, 'PodDisruptionBudget', 'default', 'web-pdb', (p) => {
      if (p.spec) p.spec.minAvailable = 2;
    });
    disruptionController.reconcile(state);
    expect(budget(state).metadata.generation).toBe(2);
    expect(budget(state).status).toMatchObject({ observedGeneration: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(budget(state).status?.conditions?.[0]).toMatchObject({ observedGeneration: 2, status: 'False', reason: 'InsufficientPods' });
  });

  it('moves the condition transition time only when the condition flips', () => {
    const { state } = statefulSetCluster();
    addBudget(state, { minAvailable: 1, selector: SELECTOR });
    disruptionController.reconcile(state);
    state.now = 30_000;
    addPod(state, 'web-3');
    disruptionController.reconcile(state);
    expect(counts(state)).toEqual({ expected: 4, desired: 1, current: 3, allowed: 2 });
    expect(budget(state).status?.conditions?.[0]?.lastTransitionTime).toBe('2025-01-01T00:00:00Z');
    state.now = 60_000;
    markDeleting(state, 'web-0');
    markDeleting(state, 'web-1');
    disruptionController.reconcile(state);
    expect(budget(state).status?.conditions?.[0]).toMatchObject({ status: 'False', lastTransitionTime: toTimestamp(state.epochMs + 60_000) });
  });
});

describe('goLabelSelectorString', () => {
  it('prints a selector like the generated Go String() method', () => {
    expect(goLabelSelectorString({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[x y],},},}',
    );
    expect(goLabelSelectorString(undefined)).toBe('nil');
  });
});
