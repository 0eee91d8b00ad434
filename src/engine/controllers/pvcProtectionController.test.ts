import { describe, expect, it } from 'vitest';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import type { PvcObject, PvObject } from '../storage';
import { createObject, getObject, nowTimestamp, removeObject, updateObject } from '../store';
import type { KObject } from '../../model/objects';
import { podStatusText, type PodObject } from '../../model/pod';
import { persistentVolumeController } from './persistentVolumeController';
import { pvcProtectionController } from './pvcProtectionController';

function addClaim(state: ClusterState, name: string, namespace = 'default'): PvcObject {
  return createObject<PvcObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace, finalizers: ['kubernetes.io/pvc-protection'] },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' },
    status: { phase: 'Pending' },
  });
}

function addPod(state: ClusterState, name: string, claim: string, options: { nodeName?: string; phase?: string; namespace?: string } = {}): PodObject {
  return createObject<PodObject>(state, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: options.namespace ?? 'default' },
    spec: {
      containers: [{ name: 'app', image: 'busybox' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
    },
    status: { phase: options.phase ?? 'Pending' },
  });
}

function markDeleted(state: ClusterState, kind: string, namespace: string | undefined, name: string): void {
  updateObject<KObject>(state, kind, namespace, name, (draft) => {
    (draft.metadata as { deletionTimestamp?: string }).deletionTimestamp = nowTimestamp(state);
  });
}

function claim(state: ClusterState, name: string, namespace = 'default'): PvcObject | undefined {
  return getObject<PvcObject>(state, 'PersistentVolumeClaim', namespace, name);
}

describe('pvcProtectionController', () => {
  it('keeps a deleted claim Terminating while a scheduled pod mounts it, then lets it go', () => {
    const state = createClusterState();
    addClaim(state, 'www-web-0');
    addPod(state, 'web-0', 'www-web-0', { nodeName: 'node-1', phase: 'Running' });
    markDeleted(state, 'PersistentVolumeClaim', 'default', 'www-web-0');
    pvcProtectionController.reconcile(state);
    expect(claim(state, 'www-web-0')?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);

    removeObject(state, 'Pod', 'default', 'web-0');
    pvcProtectionController.reconcile(state);
    expect(claim(state, 'www-web-0')).toBeUndefined();
    expect(state.changes.at(-1)).toMatchObject({ type: 'DELETED', kind: 'PersistentVolumeClaim' });
  });

  it('holds the claim for a Terminating pod and for a Completed pod still bound to a node', () => {
    const state = createClusterState();
    addClaim(state, 'a');
    addClaim(state, 'b');
    addPod(state, 'terminating', 'a', { nodeName: 'node-1', phase: 'Running' });
    markDeleted(state, 'Pod', 'default', 'terminating');
    addPod(state, 'done', 'b', { nodeName: 'node-2', phase: 'Succeeded' });
    markDeleted(state, 'PersistentVolumeClaim', 'default', 'a');
    markDeleted(state, 'PersistentVolumeClaim', 'default', 'b');
    pvcProtectionController.reconcile(state);
    expect(podStatusText(getObject<PodObject>(state, 'Pod', 'default', 'terminating') as PodObject)).toBe('Terminating');
    expect(claim(state, 'a')).toBeDefined();
    expect(claim(state, 'b')).toBeDefined();
  });

  it('removes a claim at once when only an unscheduled pod or a pod in another namespace uses it', () => {
    const state = createClusterState();
    createObject(state, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    addClaim(state, 'data');
    addPod(state, 'pending', 'data');
    addPod(state, 'elsewhere', 'data', { nodeName: 'node-1', namespace: 'other' });
    markDeleted(state, 'PersistentVolumeClaim', 'default', 'data');
    pvcProtectionController.reconcile(state);
    expect(claim(state, 'data')).toBeUndefined();
  });

  it('keeps a deleted volume while it is Bound and removes it once it is not', () => {
    const state = createClusterState();
    createObject<PvObject>(state, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-a', finalizers: ['kubernetes.io/pv-protection'] },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    });
    addClaim(state, 'data');
    persistentVolumeController.reconcile(state);
    persistentVolumeController.reconcile(state);
    expect(getObject<PvObject>(state, 'PersistentVolume', undefined, 'pv-a')?.status?.phase).toBe('Bound');
    markDeleted(state, 'PersistentVolume', undefined, 'pv-a');
    pvcProtectionController.reconcile(state);
    expect(getObject<PvObject>(state, 'PersistentVolume', undefined, 'pv-a')?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);

    removeObject(state, 'PersistentVolumeClaim', 'default', 'data');
    persistentVolumeController.reconcile(state);
    expect(getObject<PvObject>(state, 'PersistentVolume', undefined, 'pv-a')?.status?.phase).toBe('Released');
    pvcProtectionController.reconcile(state);
    expect(getObject(state, 'PersistentVolume', undefined, 'pv-a')).toBeUndefined();
  });

  it('adds missing protection finalizers to live claims and volumes, and writes nothing when all is in place', () => {
    const state = createClusterState();
    createObject(state, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'bare', namespace: 'default' }, spec: {} });
    createObject(state, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'bare-pv' }, spec: {} });
    pvcProtectionController.reconcile(state);
    expect(claim(state, 'bare')?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(getObject<PvObject>(state, 'PersistentVolume', undefined, 'bare-pv')?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    const rv = state.counters.rv;
    pvcProtectionController.reconcile(state);
    expect(state.counters.rv).toBe(rv);
  });
});
