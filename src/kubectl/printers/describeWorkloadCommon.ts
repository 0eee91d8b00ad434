/**
 * Pieces shared by the controller describers: `getPodStatusForController`
 * (the `Pods Status:` counts of pods the controller owns) and the
 * Name/Namespace/labels head most describers start with.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterState } from '../../engine/clusterState';
import { listObjects } from '../../engine/store';
import { selectorMatches } from '../../model/labelSelector';
import { controllerOf, type KObject } from '../../model/objects';

/** Running / Waiting (Pending) / Succeeded / Failed counts of the pods `owner` controls. */
export interface PodCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/** `getPodStatusForController`: pods matching the selector whose controller reference is `owner`. */
export function podCountsFor(state: ClusterState, owner: KObject, selector: LabelSelector | undefined): PodCounts {
  const counts: PodCounts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of listObjects<Pod & KObject>(state, 'Pod', owner.metadata.namespace)) {
    if (!selectorMatches(selector, pod.metadata.labels)) continue;
    if (controllerOf(pod)?.uid !== owner.metadata.uid) continue;
    switch (pod.status?.phase) {
      case 'Running':
        counts.running++;
        break;
      case 'Pending':
        counts.waiting++;
        break;
      case 'Succeeded':
        counts.succeeded++;
        break;
      case 'Failed':
        counts.failed++;
        break;
    }
  }
  return counts;
}

/** `%d Running / %d Waiting / %d Succeeded / %d Failed`. */
export function podCountsText(c: PodCounts): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}
