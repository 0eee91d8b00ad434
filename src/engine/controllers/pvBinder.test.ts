import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { createClusterState } from '../bootstrap';
import type { ClusterState } from '../clusterState';
import type { PvcObject, PvObject } from '../storage';
import { createObject, getObject } from '../store';
import type { KObject } from '../../model/objects';
import { findMatchingVolume } from './pvBinder';

function addVolume(state: ClusterState, name: string, storage: string, spec: Partial<NonNullable<PvObject['spec']>> = {}, labels?: Record<string, string>): void {
  createObject<PvObject>(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { capacity: { storage }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` }, ...spec },
    status: { phase: 'Available' },
  });
}

function claimOf(spec: Partial<NonNullable<PvcObject['spec']>> = {}, storage = '1Gi'): PvcObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default', uid: 'u-1' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, storageClassName: '', ...spec },
  };
}

function node(state: ClusterState, name: string): Node & KObject {
  return getObject<Node & KObject>(state, 'Node', undefined, name) as Node & KObject;
}

const pinnedTo = (host: string) => ({
  required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }] }] },
});

describe('findMatchingVolume', () => {
  it('picks the smallest volume that is big enough, ties by name', () => {
    const state = createClusterState();
    addVolume(state, 'z-2g', '2Gi');
    addVolume(state, 'a-2g', '2Gi');
    addVolume(state, 'big', '10Gi');
    addVolume(state, 'small', '500Mi');
    expect(findMatchingVolume(state, claimOf({}, '1Gi'))?.metadata.name).toBe('a-2g');
    expect(findMatchingVolume(state, claimOf({}, '3Gi'))?.metadata.name).toBe('big');
    expect(findMatchingVolume(state, claimOf({}, '20Gi'))).toBeUndefined();
  });

  it('requires every requested access mode and prefers volumes offering fewer, on the controller path', () => {
    const state = createClusterState();
    addVolume(state, 'many-modes', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] });
    addVolume(state, 'rwo', '5Gi');
    expect(findMatchingVolume(state, claimOf())?.metadata.name).toBe('rwo');
    expect(findMatchingVolume(state, claimOf({ accessModes: ['ReadOnlyMany'] }))?.metadata.name).toBe('many-modes');
    expect(findMatchingVolume(state, claimOf({ accessModes: ['ReadWriteMany'] }))).toBeUndefined();
    // With a node (the scheduler's question) only size counts.
    expect(findMatchingVolume(state, claimOf(), { node: node(state, 'node-1') })?.metadata.name).toBe('many-modes');
  });

  it('matches class, volume mode and the claim selector', () => {
    const state = createClusterState();
    addVolume(state, 'fast', '1Gi', { storageClassName: 'fast' });
    addVolume(state, 'block', '1Gi', { volumeMode: 'Block' });
    addVolume(state, 'labelled', '2Gi', {}, { tier: 'gold' });
    expect(findMatchingVolume(state, claimOf({ storageClassName: 'fast' }))?.metadata.name).toBe('fast');
    expect(findMatchingVolume(state, claimOf({ volumeMode: 'Block' }))?.metadata.name).toBe('block');
    expect(findMatchingVolume(state, claimOf())?.metadata.name).toBe('labelled');
    expect(findMatchingVolume(state, claimOf({ selector: { matchLabels: { tier: 'silver' } } }))).toBeUndefined();
  });

  it('skips volumes that are bound, released, deleting or excluded', () => {
    const state = createClusterState();
    addVolume(state, 'taken', '1Gi', { claimRef: { namespace: 'default', name: 'other', uid: 'u-2' } });
    createObject<PvObject>(state, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'released' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
      status: { phase: 'Released' },
    });
    createObject<PvObject>(state, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'going', deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: ['kubernetes.io/pv-protection'] },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
      status: { phase: 'Available' },
    });
    addVolume(state, 'free', '1Gi');
    expect(findMatchingVolume(state, claimOf())?.metadata.name).toBe('free');
    expect(findMatchingVolume(state, claimOf(), { excluded: new Set(['free']) })).toBeUndefined();
  });

  it('returns a volume pre-bound to the claim first, unless it does not allow the node', () => {
    const state = createClusterState();
    addVolume(state, 'a-small', '1Gi');
    addVolume(state, 'reserved', '9Gi', { claimRef: { namespace: 'default', name: 'data' }, nodeAffinity: pinnedTo('node-2') });
    expect(findMatchingVolume(state, claimOf())?.metadata.name).toBe('reserved');
    expect(findMatchingVolume(state, claimOf(), { delayBinding: true })?.metadata.name).toBe('reserved');
    expect(findMatchingVolume(state, claimOf(), { node: node(state, 'node-1') })).toBeUndefined();
  });

  it('offers only pre-bound volumes to a delayed claim with no node, and only volumes allowing the node otherwise', () => {
    const state = createClusterState();
    addVolume(state, 'on-1', '1Gi', { nodeAffinity: pinnedTo('node-1') });
    addVolume(state, 'on-2', '1Gi', { nodeAffinity: pinnedTo('node-2') });
    expect(findMatchingVolume(state, claimOf(), { delayBinding: true })).toBeUndefined();
    expect(findMatchingVolume(state, claimOf(), { node: node(state, 'node-2') })?.metadata.name).toBe('on-2');
    expect(findMatchingVolume(state, claimOf(), { node: node(state, 'node-3') })).toBeUndefined();
  });
});
