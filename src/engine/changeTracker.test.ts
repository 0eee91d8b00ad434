import { describe, it, expect } from 'vitest';
import type { KObject } from '../model/objects';
import { createClusterState } from './bootstrap';
import type { ClusterState } from './clusterState';
import { createPassTracker, trackChangesSince, writtenSince } from './changeTracker';
import { createObject, removeObject, updateObject } from './store';

function addConfigMap(state: ClusterState, name: string): void {
  createObject<KObject>(state, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
}

function touch(state: ClusterState, name: string): void {
  updateObject<KObject>(state, 'ConfigMap', 'default', name, (cm) => {
    cm['data'] = { at: String(state.counters.rv) };
  });
}

describe('trackChangesSince', () => {
  it('reports the objects written after the position, and only those', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a');
    addConfigMap(state, 'b');
    const tracker = trackChangesSince(state, state.counters.seq, ['ConfigMap']);
    touch(state, 'b');
    expect(writtenSince(tracker, 'ConfigMap', 'default', 'a')).toBe(false);
    expect(writtenSince(tracker, 'ConfigMap', 'default', 'b')).toBe(true);
  });

  it('sees writes made after it was created, while the pass goes on', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a');
    addConfigMap(state, 'b');
    const tracker = trackChangesSince(state, state.counters.seq, ['ConfigMap']);
    expect(writtenSince(tracker, 'ConfigMap', 'default', 'b')).toBe(false);
    removeObject(state, 'ConfigMap', 'default', 'b');
    addConfigMap(state, 'c');
    expect(writtenSince(tracker, 'ConfigMap', 'default', 'b')).toBe(true);
    expect(writtenSince(tracker, 'ConfigMap', 'default', 'c')).toBe(true);
    expect(writtenSince(tracker, 'ConfigMap', 'default', 'a')).toBe(false);
  });

  it('counts everything as written without a previous position, or when the log was cut after it', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a');
    expect(writtenSince(trackChangesSince(state, undefined, ['ConfigMap']), 'ConfigMap', 'default', 'a')).toBe(true);
    const seq = state.counters.seq;
    addConfigMap(state, 'b');
    state.changes.splice(0, state.changes.length);
    addConfigMap(state, 'c');
    expect(writtenSince(trackChangesSince(state, seq, ['ConfigMap']), 'ConfigMap', 'default', 'a')).toBe(true);
  });

  it('refuses a kind it was not made for', () => {
    const state = createClusterState({ seed: 1 });
    const tracker = trackChangesSince(state, state.counters.seq, ['ConfigMap']);
    expect(() => writtenSince(tracker, 'Secret', 'default', 'a')).toThrow('not tracking Secret');
  });
});

describe('createPassTracker', () => {
  it('reports, on each pass, the writes since the previous pass began, its own writes included', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a');
    addConfigMap(state, 'b');
    const nextPass = createPassTracker(['ConfigMap']);
    expect(writtenSince(nextPass(state), 'ConfigMap', 'default', 'a')).toBe(true);
    // Written during the first pass (after it began): news for the second.
    touch(state, 'a');
    const second = nextPass(state);
    expect(writtenSince(second, 'ConfigMap', 'default', 'a')).toBe(true);
    expect(writtenSince(second, 'ConfigMap', 'default', 'b')).toBe(false);
    expect(writtenSince(nextPass(state), 'ConfigMap', 'default', 'a')).toBe(false);
  });

  it('starts over on a copy of the state it never saw', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a');
    const nextPass = createPassTracker(['ConfigMap']);
    nextPass(state);
    nextPass(state);
    const copy = JSON.parse(JSON.stringify(state)) as ClusterState;
    expect(writtenSince(nextPass(copy), 'ConfigMap', 'default', 'a')).toBe(true);
    expect(writtenSince(nextPass(state), 'ConfigMap', 'default', 'a')).toBe(false);
  });
});
