/**
 * The controllers, in the order each reconcile pass runs them. The order
 * mirrors the flow of one object through a real control plane: owners create
 * pods and claims, volumes bind, the scheduler places pods, volumes attach,
 * the kubelet runs containers, endpoints publish them.
 */
import { databaseController } from '../../apps/databaseController';
import type { Controller } from '../controller';
import { attachDetachController } from './attachDetachController';
import { cronJobController } from './cronJobController';
import { deploymentController } from './deploymentController';
import { disruptionController } from './disruptionController';
import { endpointSliceController } from './endpointSliceController';
import { garbageCollector } from './garbageCollector';
import { jobController } from './jobController';
import { kubelet } from './kubelet';
import { nodeLifecycleController } from './nodeLifecycleController';
import { persistentVolumeController } from './persistentVolumeController';
import { podGcController } from './podGcController';
import { pvcProtectionController } from './pvcProtectionController';
import { replicaSetController } from './replicaSetController';
import { scheduler } from './scheduler';
import { statefulSetController } from './statefulSetController';
import { taintEvictionController } from './taintEvictionController';

// Intended order: garbageCollector, nodeLifecycleController, taintEvictionController,
// podGcController, statefulSetController, (replicaSet/deployment/job later),
// pvcProtectionController, persistentVolumeController, scheduler, attachDetachController,
// kubelet, disruptionController, endpointSliceController.
// Node failure runs before the workload controllers: the node controller marks
// a silent node and its pods (NodeNotReady) and taints it, the taint-eviction
// controller acts on those taints in the same pass (TaintManagerEviction), and
// PodGC force-deletes what may go, so the StatefulSet controller then sees the
// freed name (its SuccessfulCreate follows) and the endpoints drop the pods.
export const CONTROLLERS: Controller[] = [
  garbageCollector,
  nodeLifecycleController,
  taintEvictionController,
  podGcController,
  statefulSetController,
  // A CronJob's new Job gets its pods in the same pass.
  cronJobController,
  jobController,
  deploymentController,
  replicaSetController,
  pvcProtectionController,
  persistentVolumeController,
  scheduler,
  attachDetachController,
  kubelet,
  // The database processes in the pods the kubelet just started (src/apps: roles, clone, replication).
  databaseController,
  // After the kubelet, so a budget's status counts the readiness it just reported.
  disruptionController,
  endpointSliceController,
];
