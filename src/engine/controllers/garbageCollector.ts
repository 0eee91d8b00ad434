/**
 * The garbage collector (`pkg/controller/garbagecollector`): deletes objects
 * whose owners are all gone (background cascade — pods are deleted gracefully,
 * all at once, R5.4), and finishes foreground deletions (R5.5) by deleting the
 * dependents of an owner carrying the `foregroundDeletion` finalizer, then
 * removing that finalizer once none remain.
 *
 * Left out: the dependency graph's eventual consistency (this runs over the
 * whole store each pass), `orphan` finalizer (orphaning happens in the delete
 * call itself).
 */
import type { KObject } from '../../model/objects';
import type { ClusterState } from '../clusterState';
import type { Controller } from '../controller';
import { deleteObject } from '../deletion';
import { listObjects, updateObject } from '../store';

function allObjects(state: ClusterState): KObject[] {
  return Object.keys(state.objects).flatMap((kind) => listObjects(state, kind));
}

/** Change-log position each state was last collected at (a memo, not state). */
const lastSeen = new WeakMap<ClusterState, number>();

/** Owners only disappear, appear or start deleting through these changes; anything else needs no new pass. */
function needsPass(state: ClusterState): boolean {
  const since = lastSeen.get(state);
  const changes = state.changes;
  if (since === undefined || changes.length === 0 || (changes[0]?.seq ?? 0) > since + 1) return true;
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i];
    if (!change || change.seq <= since) break;
    if (change.type !== 'MODIFIED' || change.object.metadata.deletionTimestamp) return true;
  }
  return false;
}

export const garbageCollector: Controller = {
  name: 'garbage-collector',
  reconcile(state) {
    if (!needsPass(state)) return;
    lastSeen.set(state, state.counters.seq);
    const objects = allObjects(state);
    const byUid = new Map(objects.map((o) => [o.metadata.uid, o]));
    for (const obj of objects) {
      const refs = obj.metadata.ownerReferences ?? [];
      if (!refs.length) continue;
      // An owner reference whose kind/name no longer resolve to that uid is dangling.
      const alive = refs.some((ref) => {
        const owner = byUid.get(ref.uid);
        return owner !== undefined && owner.kind === ref.kind && owner.metadata.name === ref.name;
      });
      if (!alive && !obj.metadata.deletionTimestamp) {
        deleteObject(state, obj.kind, obj.metadata.namespace, obj.metadata.name);
      }
    }
    const foreground = objects.filter((owner) => owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion'));
    if (foreground.length === 0) return;
    // Dependents as they were when the pass began (the objects listed above).
    const dependents = new Map<string, KObject[]>();
    for (const obj of objects) {
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const list = dependents.get(ref.uid) ?? [];
        list.push(obj);
        dependents.set(ref.uid, list);
      }
    }
    for (const owner of foreground) {
      const deps = dependents.get(owner.metadata.uid ?? '') ?? [];
      for (const dep of deps) {
        if (!dep.metadata.deletionTimestamp) deleteObject(state, dep.kind, dep.metadata.namespace, dep.metadata.name);
      }
      if (deps.length === 0) {
        updateObject(state, owner.kind, owner.metadata.namespace, owner.metadata.name, (o) => {
          o.metadata.finalizers = o.metadata.finalizers?.filter((f) => f !== 'foregroundDeletion');
        });
      }
    }
  },
};
