/**
 * The pod garbage collector (spec R12.8, R12.10, R6.7 b–c), after
 * `pkg/controller/podgc/gc_controller.go` (gcOrphaned, gcTerminating,
 * markFailedAndDeletePodWithCondition).
 *
 * - Orphans: pods bound to a node object that no longer exists are
 *   force-deleted once the node has stayed missing for the quarantine
 *   (`podGcQuarantineMs`, 40 s, counted from when the collector first saw the
 *   orphan), after their phase is set to Failed with the condition
 *   `DisruptionTarget` / `DeletionByPodGC`. The StatefulSet then recreates them.
 * - Out of service: a terminating pod on a node that is not Ready and carries
 *   the `node.kubernetes.io/out-of-service` taint is force-deleted (phase
 *   Failed first, no condition), so the replacement can start elsewhere.
 *
 * Deviation: upstream runs every 20 s, so these happen up to 20 s later than
 * here (at once for out-of-service pods, exactly 40 s for orphans).
 * Left out: the terminated-pod threshold (12 500 pods) and unscheduled
 * terminating pods (the API server here removes those at once).
 */
import type { PodObject } from '../../model/pod';
import { isTerminal } from '../../model/pod';
import type { ClusterState, Timer } from '../clusterState';
import { CORE_KINDS, type Controller } from '../controller';
import { deleteObject } from '../deletion';
import { schedule } from '../eventQueue';
import { getObject, listObjects, nowTimestamp, updateObject } from '../store';
import { isNodeReady, OUT_OF_SERVICE_TAINT, pendingTimers, setPodCondition, type NodeObject, type PodConditionUpdate } from './nodeHealth';

const SOURCE = 'pod-garbage-collector';
/** End of a missing node's quarantine; target: the node name. */
export const POD_GC_QUARANTINE_TIMER = 'podGc.quarantine';

const ORPHANED: PodConditionUpdate = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'DeletionByPodGC',
  message: 'PodGC: node no longer exists',
};

/** Force-deletes pods of vanished nodes and terminating pods of out-of-service nodes. */
export const podGcController: Controller = {
  name: SOURCE,
  watches: CORE_KINDS,
  reconcile(state) {
    const nodes = new Map(listObjects<NodeObject>(state, 'Node').map((n) => [n.metadata.name, n]));
    const missing = new Set<string>();
    for (const pod of listObjects<PodObject>(state, 'Pod')) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) continue;
      const node = nodes.get(nodeName);
      if (!node) missing.add(nodeName);
      else if (pod.metadata.deletionTimestamp && !isNodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE_TAINT)) {
        markFailedAndDelete(state, pod);
      }
    }
    for (const nodeName of missing) {
      if (!pendingTimers(state, POD_GC_QUARANTINE_TIMER, nodeName).length) schedule(state, state.config.timing.podGcQuarantineMs, POD_GC_QUARANTINE_TIMER, nodeName);
    }
  },
  timers: {
    [POD_GC_QUARANTINE_TIMER]: (state: ClusterState, timer: Timer) => {
      if (getObject(state, 'Node', undefined, timer.target)) return;
      for (const pod of listObjects<PodObject>(state, 'Pod')) {
        if (pod.spec?.nodeName === timer.target) markFailedAndDelete(state, pod, ORPHANED);
      }
    },
  },
};

/** markFailedAndDeletePodWithCondition: phase Failed (plus the condition), then delete with grace 0. */
function markFailedAndDelete(state: ClusterState, pod: PodObject, condition?: PodConditionUpdate): void {
  if (!isTerminal(pod)) {
    const nowTs = nowTimestamp(state);
    updateObject<PodObject>(state, 'Pod', pod.metadata.namespace, pod.metadata.name, (p) => {
      if (p.status) p.status.phase = 'Failed';
      if (condition) setPodCondition(p, condition, nowTs);
    });
  }
  deleteObject(state, 'Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
}
