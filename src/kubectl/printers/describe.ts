/**
 * `kubectl describe <kind> <name>`: dispatches to the describer of the
 * object's kind (`staging/src/k8s.io/kubectl/pkg/describe/describe.go`,
 * `describerMap`). Every describer aligns its text with kubectl's tab writer
 * (padding 2) and ends with the object's `Events:` block; ages are relative
 * to the simulated wall clock `state.epochMs + state.now`.
 */
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { describeCronJob } from './describeCronJob';
import { describeDeployment } from './describeDeployment';
import { describeEndpoints, describeEndpointSlice } from './describeEndpoints';
import { describeJob } from './describeJob';
import { describeConfigMap, describeGeneric, describeNamespace, describeSecret } from './describeMisc';
import { describeNode } from './describeNode';
import { describePersistentVolume } from './describePersistentVolume';
import { describePersistentVolumeClaim } from './describePersistentVolumeClaim';
import { describePod } from './describePod';
import { describePodDisruptionBudget } from './describePodDisruptionBudget';
import { describeReplicaSet } from './describeReplicaSet';
import { describeService } from './describeService';
import { describeStatefulSet } from './describeStatefulSet';
import { describeStorageClass } from './describeStorageClass';

type Describer = (state: ClusterState, obj: KObject, nowMs: number) => string;

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  StatefulSet: describeStatefulSet,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Node: describeNode,
  Service: describeService,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  PersistentVolume: describePersistentVolume,
  StorageClass: describeStorageClass,
  PodDisruptionBudget: describePodDisruptionBudget,
  Namespace: describeNamespace,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
};

/**
 * The `kubectl describe` text of one object, ending with a newline (kubectl
 * separates several objects with a blank line; that is the caller's job).
 */
export function describe(state: ClusterState, obj: KObject): string {
  const nowMs = state.epochMs + state.now;
  return (DESCRIBERS[obj.kind] ?? describeGeneric)(state, obj, nowMs);
}
