import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1';
import { getCondition, type PodObject } from '../model/pod';
import { createClusterState } from './bootstrap';
import type { ClusterState } from './clusterState';
import { disruptionController, type PdbObject } from './controllers/disruptionController';
import { evictPod } from './eviction';
import { createObject, getObject, updateObject } from './store';

const SELECTOR = { matchLabels: { app: 'web' } };

function addPod(state: ClusterState, name: string, options: { ready?: boolean; phase?: string; nodeName?: string | null } = {}): PodObject {
  const nodeName = options.nodeName === undefined ? 'node-1' : options.nodeName;
  return createObject<PodObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { ...(nodeName ? { nodeName } : {}), terminationGracePeriodSeconds: 30, containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: options.phase ?? 'Running', conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }] },
  });
}

/** A budget whose status the disruption controller has computed. */
function addBudget(state: ClusterState, spec: PodDisruptionBudgetSpec, name = 'web-pdb'): PdbObject {
  createObject<PdbObject>(state, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec: { selector: SELECTOR, ...spec } });
  disruptionController.reconcile(state);
  return budget(state, name);
}

function budget(state: ClusterState, name = 'web-pdb'): PdbObject {
  const pdb = getObject<PdbObject>(state, 'PodDisruptionBudget', 'default', name);
  if (!pdb) throw new Error(`no budget ${name}`);
  return pdb;
}

function pod(state: ClusterState, name: string): PodObject | undefined {
  return getObject<PodObject>(state, 'Pod', 'default', name);
}

/** Three Ready pods web-0..2. */
function threePods(): ClusterState {
  const state = createClusterState();
  for (const name of ['web-0', 'web-1', 'web-2']) addPod(state, name);
  return state;
}

describe('evictPod', () => {
  it('evicts a pod no budget selects: DisruptionTarget condition, then a graceful delete', () => {
    const state = threePods();
    state.now = 5000;
    expect(evictPod(state, 'default', 'web-1')).toEqual({ code: 200, message: '' });
    const evicted = pod(state, 'web-1');
    expect(getCondition(evicted as PodObject, 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: '2025-01-01T00:00:05Z',
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
    expect(evicted?.metadata.deletionTimestamp).toBe('2025-01-01T00:00:35Z');
    expect(evicted?.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('passes the grace period of the delete options on', () => {
    const state = threePods();
    evictPod(state, 'default', 'web-0', { gracePeriodSeconds: 3 });
    expect(pod(state, 'web-0')?.metadata.deletionGracePeriodSeconds).toBe(3);
  });

  it('answers 404 for a pod that does not exist', () => {
    expect(evictPod(createClusterState(), 'default', 'ghost')).toEqual({ code: 404, message: 'pods "ghost" not found' });
  });

  it('refuses with 429 and the budget cause when no disruption is allowed, leaving the pod alone', () => {
    const state = threePods();
    addBudget(state, { minAvailable: 3 });
    const rv = state.counters.rv;
    expect(evictPod(state, 'default', 'web-1')).toEqual({
      code: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      cause: 'The disruption budget web-pdb needs 3 healthy pods and has 3 currently',
    });
    expect(state.counters.rv).toBe(rv);
    expect(pod(state, 'web-1')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('consumes one allowed disruption at once, so a parallel second eviction is refused', () => {
    const state = threePods();
    addBudget(state, { minAvailable: 2 });
    expect(budget(state).status?.disruptionsAllowed).toBe(1);
    state.now = 7000;
    expect(evictPod(state, 'default', 'web-0').code).toBe(200);
    const status = budget(state).status;
    expect(status?.disruptionsAllowed).toBe(0);
    expect(status?.disruptedPods).toEqual({ 'web-0': '2025-01-01T00:00:07Z' });
    expect(status?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', lastTransitionTime: '2025-01-01T00:00:07Z' });
    // Same instant, before the disruption controller ran again.
    expect(evictPod(state, 'default', 'web-1')).toMatchObject({ code: 429, cause: 'The disruption budget web-pdb needs 2 healthy pods and has 3 currently' });
    // The controller then sees web-0 terminating, forgets the entry and keeps 0 allowed.
    disruptionController.reconcile(state);
    expect(budget(state).status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(budget(state).status?.disruptedPods).toBeUndefined();
  });

  it('answers 500 when two budgets select the pod', () => {
    const state = threePods();
    addBudget(state, { minAvailable: 1 }, 'a');
    addBudget(state, { maxUnavailable: 1 }, 'b');
    expect(evictPod(state, 'default', 'web-0')).toEqual({
      code: 500,
      message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    });
    expect(pod(state, 'web-0')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('evicts Pending, Succeeded and Failed pods whatever the budget says', () => {
    const state = createClusterState();
    addPod(state, 'unscheduled', { phase: 'Pending', ready: false, nodeName: null });
    addPod(state, 'starting', { phase: 'Pending', ready: false });
    addPod(state, 'done', { phase: 'Succeeded', ready: false });
    addPod(state, 'failed', { phase: 'Failed', ready: false });
    addBudget(state, { minAvailable: 4 });
    for (const name of ['unscheduled', 'starting', 'done', 'failed']) expect(evictPod(state, 'default', name).code).toBe(200);
    // Unscheduled and terminal pods need no kubelet to confirm: gone at once.
    expect(pod(state, 'unscheduled')).toBeUndefined();
    expect(pod(state, 'done')).toBeUndefined();
    expect(pod(state, 'failed')).toBeUndefined();
    expect(pod(state, 'starting')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('evicts a pod that is already terminating, keeping its DisruptionTarget transition time', () => {
    const state = threePods();
    addBudget(state, { minAvailable: 2 });
    evictPod(state, 'default', 'web-0');
    disruptionController.reconcile(state);
    state.now = 3000;
    expect(evictPod(state, 'default', 'web-0').code).toBe(200);
    expect(getCondition(pod(state, 'web-0') as PodObject, 'DisruptionTarget')?.lastTransitionTime).toBe('2025-01-01T00:00:00Z');
  });

  it('lets an unready pod go without using the budget when the healthy pods already suffice (IfHealthyBudget)', () => {
    const state = threePods();
    addPod(state, 'web-3', { ready: false });
    addBudget(state, { minAvailable: 3 });
    expect(budget(state).status).toMatchObject({ currentHealthy: 3, desiredHealthy: 3, disruptionsAllowed: 0 });
    expect(evictPod(state, 'default', 'web-3').code).toBe(200);
    expect(budget(state).status?.disruptedPods).toBeUndefined();
  });

  it('keeps an unready pod under IfHealthyBudget when the budget is already short (R13.4)', () => {
    const state = threePods();
    updateObject<PodObject>(state, 'Pod', 'default', 'web-2', (p) => {
      if (p.status) p.status.conditions = [{ type: 'Ready', status: 'False' }];
    });
    addBudget(state, { minAvailable: 3, unhealthyPodEvictionPolicy: 'IfHealthyBudget' });
    expect(evictPod(state, 'default', 'web-2')).toMatchObject({ code: 429, cause: 'The disruption budget web-pdb needs 3 healthy pods and has 2 currently' });
  });

  it('always lets an unready pod go under AlwaysAllow', () => {
    const state = threePods();
    updateObject<PodObject>(state, 'Pod', 'default', 'web-2', (p) => {
      if (p.status) p.status.conditions = [{ type: 'Ready', status: 'False' }];
    });
    addBudget(state, { minAvailable: 3, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(evictPod(state, 'default', 'web-2').code).toBe(200);
    expect(budget(state).status?.disruptionsAllowed).toBe(0);
    expect(budget(state).status?.disruptedPods).toBeUndefined();
  });

  it('refuses while the budget status is older than its spec', () => {
    const state = threePods();
    addBudget(state, { minAvailable: 1 });
    updateObject<PdbObject>(state, 'PodDisruptionBudget', 'default', 'web-pdb', (p) => {
      if (p.spec) p.spec.minAvailable = 2;
    });
    expect(evictPod(state, 'default', 'web-0')).toEqual({
      code: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      cause: 'The disruption budget web-pdb is still being processed by the server.',
    });
  });

  it('ignores budgets of other namespaces and budgets that select other pods', () => {
    const state = threePods();
    createObject(state, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    createObject<PdbObject>(state, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'far', namespace: 'other' }, spec: { minAvailable: 3, selector: SELECTOR } });
    createObject<PdbObject>(state, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: 'default' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'db' } } } });
    disruptionController.reconcile(state);
    expect(evictPod(state, 'default', 'web-0').code).toBe(200);
  });

  it('writes the disruption timestamp at second precision like metav1.Time', () => {
    const state = threePods();
    addBudget(state, { minAvailable: 1 });
    state.now = 1500;
    evictPod(state, 'default', 'web-0');
    expect(budget(state).status?.disruptedPods).toEqual({ 'web-0': '2025-01-01T00:00:01Z' });
  });

  it('counts pods without a controller as expecting nothing under maxUnavailable, so it refuses them', () => {
    const state = threePods();
    addBudget(state, { maxUnavailable: 1 });
    expect(budget(state).status).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });
    expect(evictPod(state, 'default', 'web-0')).toMatchObject({ code: 429, cause: 'The disruption budget web-pdb needs 0 healthy pods and has 3 currently' });
  });
});
