/**
 * StatefulSet status (R3.8), after `computeReplicaStatus` and
 * `completeRollingUpdate` in upstream `stateful_set_control.go`/`stateful_set_utils.go`.
 */
import { isPodAvailable, isRunningAndReady, type PodObject } from '../../model/pod';
import type { ClusterState } from '../clusterState';
import { jsonEqual } from '../jsonData';
import { getObject, updateObject } from '../store';
import type { RevisionObject, StsObject } from './statefulSetRevisions';

/** Writes the status counters; promotes currentRevision when a RollingUpdate completed. */
export function writeStatus(
  state: ClusterState,
  set: StsObject,
  pods: PodObject[],
  current: RevisionObject | undefined,
  update: RevisionObject | undefined,
): void {
  const minReady = set.spec?.minReadySeconds ?? 0;
  const nowMs = state.epochMs + state.now;
  let replicas = 0;
  let ready = 0;
  let available = 0;
  let currentCount = 0;
  let updated = 0;
  for (const pod of pods) {
    replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, nowMs)) available++;
    }
    if (!pod.metadata.deletionTimestamp) {
      const rev = pod.metadata.labels?.['controller-revision-hash'];
      if (current && rev === current.metadata.name) currentCount++;
      if (update && rev === update.metadata.name) updated++;
    }
  }
  let currentName = current?.metadata.name;
  const spec = set.spec?.replicas ?? 1;
  if (
    update &&
    set.spec?.updateStrategy?.type !== 'OnDelete' &&
    updated === ready &&
    ready === replicas &&
    replicas === spec
  ) {
    currentName = update.metadata.name;
    currentCount = updated;
  }
  // Field order and omitempty as the Go type serialises them.
  const statusOf = (s: StsObject): StsObject['status'] => ({
    availableReplicas: available,
    collisionCount: 0,
    ...(currentCount ? { currentReplicas: currentCount } : {}),
    ...(currentName ? { currentRevision: currentName } : s.status?.currentRevision ? { currentRevision: s.status.currentRevision } : {}),
    observedGeneration: s.metadata.generation ?? 1,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas,
    ...(update ? { updateRevision: update.metadata.name } : s.status?.updateRevision ? { updateRevision: s.status.updateRevision } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
  });
  // Most passes change no counter: compare first rather than have the store copy the whole set to find out.
  const stored = getObject<StsObject>(state, 'StatefulSet', set.metadata.namespace, set.metadata.name);
  if (stored && jsonEqual(stored.status, statusOf(stored))) return;
  updateObject<StsObject>(state, 'StatefulSet', set.metadata.namespace, set.metadata.name, (s) => {
    s.status = statusOf(s);
  });
}
