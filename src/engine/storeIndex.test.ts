import { describe, it, expect } from 'vitest';
import type { KObject } from '../model/objects';
import { createClusterState } from './bootstrap';
import type { ClusterState } from './clusterState';
import { createObject, removeObject, updateObject } from './store';
import { lookupIndex, type StoreIndex } from './storeIndex';

type Labelled = KObject & { data?: Record<string, string> };

/** ConfigMaps by their `team` label (none when unlabelled). */
const BY_TEAM: StoreIndex<Labelled> = {
  name: 'test.configMapsByTeam',
  kind: 'ConfigMap',
  keysOf: (cm) => (cm.metadata.labels?.['team'] ? [cm.metadata.labels['team']] : []),
};

function addConfigMap(state: ClusterState, name: string, team?: string, namespace = 'default'): void {
  createObject<Labelled>(state, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(team ? { labels: { team } } : {}) } });
}

function names(objects: KObject[]): string[] {
  return objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
}

describe('lookupIndex', () => {
  it('finds the objects filed under a key, in store order', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'b', 'red');
    addConfigMap(state, 'a', 'red');
    addConfigMap(state, 'c', 'blue');
    addConfigMap(state, 'z', 'red', 'apps');
    expect(names(lookupIndex(state, BY_TEAM, 'red'))).toEqual(['apps/z', 'default/a', 'default/b']);
    expect(names(lookupIndex(state, BY_TEAM, 'blue', 'red'))).toEqual(['apps/z', 'default/a', 'default/b', 'default/c']);
    expect(lookupIndex(state, BY_TEAM, 'green')).toEqual([]);
  });

  it('follows creates, updates that move an object to another key, and removals made after the first lookup', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a', 'red');
    addConfigMap(state, 'b', 'red');
    expect(names(lookupIndex(state, BY_TEAM, 'red'))).toEqual(['default/a', 'default/b']);
    updateObject<Labelled>(state, 'ConfigMap', 'default', 'a', (cm) => {
      cm.metadata.labels = { team: 'blue' };
    });
    removeObject(state, 'ConfigMap', 'default', 'b');
    addConfigMap(state, 'c', 'red');
    expect(names(lookupIndex(state, BY_TEAM, 'red'))).toEqual(['default/c']);
    expect(names(lookupIndex(state, BY_TEAM, 'blue'))).toEqual(['default/a']);
  });

  it('returns the stored version of each object, not the one it was filed with', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a', 'red');
    lookupIndex(state, BY_TEAM, 'red');
    updateObject<Labelled>(state, 'ConfigMap', 'default', 'a', (cm) => {
      cm.data = { k: 'v' };
    });
    expect(lookupIndex(state, BY_TEAM, 'red')[0]?.data).toEqual({ k: 'v' });
  });

  it('indexes a copy of the state it has never seen from scratch', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a', 'red');
    lookupIndex(state, BY_TEAM, 'red');
    const copy = JSON.parse(JSON.stringify(state)) as ClusterState;
    addConfigMap(copy, 'b', 'red');
    expect(names(lookupIndex(copy, BY_TEAM, 'red'))).toEqual(['default/a', 'default/b']);
    expect(names(lookupIndex(state, BY_TEAM, 'red'))).toEqual(['default/a']);
  });

  it('rebuilds when the change log no longer continues from the position it saw', () => {
    const state = createClusterState({ seed: 1 });
    addConfigMap(state, 'a', 'red');
    lookupIndex(state, BY_TEAM, 'red');
    addConfigMap(state, 'b', 'red');
    // A log trimmed past the entries the index has not replayed yet.
    state.changes.splice(0, state.changes.length);
    addConfigMap(state, 'c', 'red');
    expect(names(lookupIndex(state, BY_TEAM, 'red'))).toEqual(['default/a', 'default/b', 'default/c']);
  });
});
