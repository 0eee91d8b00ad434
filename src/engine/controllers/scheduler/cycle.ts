/**
 * Types shared by the scheduler's plugins: the per-pod scheduling cycle
 * (kube-scheduler's `CycleState`: what PreFilter computed once for the pod)
 * and the status a Filter plugin returns for one node.
 */
import type { ClusterState } from '../../clusterState';
import type { PodObject } from '../../../model/pod';
import type { AffinityCycle } from './interPodAffinity';
import type { HostPort, Resources, Snapshot } from './snapshot';
import type { SpreadCycle } from './topologySpread';
import type { VolumeCycle } from './volumeBinding';

/**
 * Why a node was rejected: one or more reasons (NodeResourcesFit may give
 * several) and whether preemption could help (`Unschedulable`) or not
 * (`UnschedulableAndUnresolvable`).
 */
export interface FilterStatus {
  reasons: string[];
  unresolvable: boolean;
}

/** What the PreFilter phase computed for one pod, read by every Filter plugin. */
export interface Cycle {
  state: ClusterState;
  snapshot: Snapshot;
  pod: PodObject;
  /** Effective requests (NodeResourcesFit). */
  request: Resources;
  ports: HostPort[];
  volumes: VolumeCycle;
  affinity: AffinityCycle | undefined;
  spread: SpreadCycle | undefined;
}

/** The reason texts of kube-scheduler v1.33 (spec R10.3, R9.13, R9.14). */
export const REASONS = {
  unschedulable: 'node(s) were unschedulable',
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  hostPorts: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  cpu: 'Insufficient cpu',
  memory: 'Insufficient memory',
  readWriteOncePod: 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode',
  volumeNodeConflict: 'node(s) had volume node affinity conflict',
  volumeBindConflict: "node(s) didn't find available persistent volumes to bind",
  volumeMissing: 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
  spread: "node(s) didn't match pod topology spread constraints",
  spreadMissingLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
  podAffinity: "node(s) didn't match pod affinity rules",
  podAntiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
} as const;

/** `node(s) had untolerated taint {<key>: <value>}` (an empty value prints as `{key: }`). */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

/** A rejection preemption could resolve by evicting lower-priority pods. */
export function unschedulable(...reasons: string[]): FilterStatus {
  return { reasons, unresolvable: false };
}

/** A rejection no eviction can fix (cordon, taint, affinity, volume topology). */
export function unresolvable(...reasons: string[]): FilterStatus {
  return { reasons, unresolvable: true };
}
