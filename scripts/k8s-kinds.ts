import type { Namespace, Node, Pod, Service, Endpoints, PersistentVolumeClaim, PersistentVolume, ConfigMap, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { StatefulSet, Deployment, ReplicaSet, DaemonSet, ControllerRevision } from 'kubernetes-types/apps/v1';
import type { Job, CronJob } from 'kubernetes-types/batch/v1';
import type { StorageClass, VolumeAttachment } from 'kubernetes-types/storage/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

/**
 * The kinds whose strict JSON schema `scripts/gen-k8s-schema.mjs` generates into
 * `src/manifest/k8s.schema.json` (read by the manifest validator and by the editor for hover docs).
 * Every kind a learner can `kubectl apply` in Ordinal (`src/model/kinds.ts`) is listed, except
 * EndpointSlice (its `EndpointPort` would clash with the core one; the control plane writes slices,
 * learners do not), Event and Lease.
 */
export interface Kinds {
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Service: Service;
  Endpoints: Endpoints;
  PersistentVolumeClaim: PersistentVolumeClaim;
  PersistentVolume: PersistentVolume;
  ConfigMap: ConfigMap;
  Secret: Secret;
  ServiceAccount: ServiceAccount;
  StatefulSet: StatefulSet;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  DaemonSet: DaemonSet;
  ControllerRevision: ControllerRevision;
  Job: Job;
  CronJob: CronJob;
  StorageClass: StorageClass;
  VolumeAttachment: VolumeAttachment;
  PodDisruptionBudget: PodDisruptionBudget;
}
