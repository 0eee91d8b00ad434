/**
 * DELETE as the API server performs it: graceful pod deletion
 * (`pkg/registry/core/pod/strategy.go` CheckGracefulDelete), finalizers, and
 * the propagation policies the garbage collector honours (Background,
 * Foreground, Orphan).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { writableMeta, type KObject } from '../model/objects';
import type { ClusterState } from './clusterState';
import { getObject, listObjects, nowTimestamp, removeObject, updateObject } from './store';
import { toTimestamp } from '../model/duration';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  /** Overrides the pod's terminationGracePeriodSeconds (`--grace-period`). */
  gracePeriodSeconds?: number;
  propagation?: Propagation;
}

/** Result of a delete call: gone now, or marked for (graceful/finalizer-blocked) deletion. */
export type DeleteOutcome = 'removed' | 'marked' | 'not-found';

/**
 * Deletes an object. Pods bound to a node get a grace period (unless terminal
 * or `gracePeriodSeconds: 0`); objects with finalizers are only marked.
 */
export function deleteObject(
  state: ClusterState,
  kind: string,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions = {},
): DeleteOutcome {
  const obj = getObject<KObject>(state, kind, namespace, name);
  if (!obj) return 'not-found';
  const propagation = options.propagation ?? 'Background';
  if (propagation === 'Orphan') orphanDependents(state, obj);

  if (kind === 'Pod') {
    const pod = obj as Pod & KObject;
    let grace = options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') grace = 0;
    if (grace === 0 && !obj.metadata.finalizers?.length) {
      removeObject(state, kind, namespace, name);
      return 'removed';
    }
    const existingGrace = pod.metadata.deletionGracePeriodSeconds;
    // A second delete may only shorten the grace period.
    if (existingGrace !== undefined && existingGrace <= grace) return 'marked';
    updateObject<Pod & KObject>(state, kind, namespace, name, (p) => {
      writableMeta(p).deletionTimestamp = toTimestamp(state.epochMs + state.now + grace * 1000);
      writableMeta(p).deletionGracePeriodSeconds = grace;
    });
    return 'marked';
  }

  if (propagation === 'Foreground') {
    updateObject(state, kind, namespace, name, (o) => {
      writableMeta(o).deletionTimestamp ??= nowTimestamp(state);
      o.metadata.finalizers = [...new Set([...(o.metadata.finalizers ?? []), 'foregroundDeletion'])];
    });
    return 'marked';
  }
  if (obj.metadata.finalizers?.length) {
    updateObject(state, kind, namespace, name, (o) => {
      writableMeta(o).deletionTimestamp ??= nowTimestamp(state);
    });
    return 'marked';
  }
  removeObject(state, kind, namespace, name);
  return 'removed';
}

/** `--cascade=orphan`: dependents lose their owner reference to `owner`. */
export function orphanDependents(state: ClusterState, owner: KObject): void {
  const uid = owner.metadata.uid;
  for (const kind of Object.keys(state.objects)) {
    for (const dep of listObjects(state, kind, owner.metadata.namespace)) {
      if (!dep.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
      updateObject(state, kind, dep.metadata.namespace, dep.metadata.name, (d) => {
        d.metadata.ownerReferences = d.metadata.ownerReferences?.filter((r) => r.uid !== uid);
        if (d.metadata.ownerReferences?.length === 0) delete d.metadata.ownerReferences;
      });
    }
  }
}
