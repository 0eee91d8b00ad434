/**
 * The controllers, in the order each reconcile pass runs them. The order
 * mirrors the flow of one object through a real control plane: owners create
 * pods and claims, volumes bind, the scheduler places pods, volumes attach,
 * the kubelet runs containers, endpoints publish them.
 */
import type { Controller } from '../controller';
import { attachDetachController } from './attachDetachController';
import { endpointSliceController } from './endpointSliceController';
import { garbageCollector } from './garbageCollector';
import { kubelet } from './kubelet';
import { persistentVolumeController } from './persistentVolumeController';
import { pvcProtectionController } from './pvcProtectionController';
import { scheduler } from './scheduler';
import { statefulSetController } from './statefulSetController';

// Intended order: garbageCollector, statefulSetController, (replicaSet/deployment/job later),
// pvcProtectionController, persistentVolumeController, scheduler, attachDetachController,
// kubelet, endpointSliceController.
export const CONTROLLERS: Controller[] = [
  garbageCollector,
  statefulSetController,
  pvcProtectionController,
  persistentVolumeController,
  scheduler,
  attachDetachController,
  kubelet,
  endpointSliceController,
];
