/**
 * The vocabulary of lesson checks: small declarative predicates over real objects of a
 * ClusterState (no expressions, no eval). A step's check is a list of them; all must hold.
 * In a lesson file each item names its subject by its first key:
 *
 * ```yaml
 * check:
 *   - pod: web-0            # a pod by name
 *     ready: true
 *   - pods: app=web-deploy  # the pods a label selector picks
 *     count: 3
 *   - claim: www-web-1      # a PersistentVolumeClaim (and a file on its volume)
 *     phase: Bound
 *   - dns: nginx            # a name as a pod in `default` resolves it
 *     addresses: 2
 *   - statefulSet: web
 *     readyReplicas: 3
 *   - node: node-2
 *     schedulable: false
 * ```
 *
 * "Before" fields (`replaced`, `sameNodeAsBefore`, `otherNodeThanBefore`, `allNew`) compare with
 * the cluster as it was when the step began: a `LessonBaseline` taken by `captureBaseline`.
 */

/** What every check may say about where its subject lives (default `default`). */
interface Namespaced {
  namespace?: string;
}

/** A pod by name. Absent fields are not checked. */
export interface PodCheck extends Namespaced {
  on: 'pod';
  name: string;
  /** false: no pod of that name exists. */
  exists?: boolean;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** The Ready condition. */
  ready?: boolean;
  /** restartCount of its containers (summed) is at least this. */
  minRestarts?: number;
  /** Bound to this node. */
  node?: string;
  /** Not bound to this node (a pod on no node passes). */
  notNode?: string;
  /** Bound to the node pod `<name>` was on when the step began. */
  sameNodeAsBefore?: string;
  /** Bound to a node, and not the one pod `<name>` was on when the step began. */
  otherNodeThanBefore?: string;
  /** true: a pod of this name existed when the step began and this is a new one (another uid). */
  replaced?: boolean;
}

/** The pods a label selector picks (pods being deleted are not counted). */
export interface PodsCheck extends Namespaced {
  on: 'pods';
  selector: string;
  count?: number;
  /** How many of them are Ready (exactly). */
  readyCount?: number;
  /** true: none of their names existed when the step began (a Deployment's replacements). */
  allNew?: boolean;
}

/** A PersistentVolumeClaim, and optionally a file on the volume bound to it. */
export interface ClaimCheck extends Namespaced {
  on: 'claim';
  name: string;
  exists?: boolean;
  phase?: 'Pending' | 'Bound' | 'Lost';
  /** Path relative to the volume's root (`index.html`, `.ordinal/role`). */
  file?: string;
  /** The file contains this text (with `file`; without `contains` the file must exist). */
  contains?: string;
}

/** A DNS name, resolved as a pod in the namespace would (search path included). */
export interface DnsCheck extends Namespaced {
  on: 'dns';
  name: string;
  /** How many A records it answers (0: NXDOMAIN or no data). */
  addresses: number;
}

/** A StatefulSet or a Deployment. */
export interface WorkloadCheck extends Namespaced {
  on: 'statefulSet' | 'deployment';
  name: string;
  exists?: boolean;
  /** spec.replicas */
  replicas?: number;
  /** status.readyReplicas (0 when unset) */
  readyReplicas?: number;
}

/** A node. */
export interface NodeCheck {
  on: 'node';
  name: string;
  /** false: cordoned (spec.unschedulable). */
  schedulable?: boolean;
  /** Its Ready condition is True. */
  ready?: boolean;
}

/**
 * One predicate of a step's check.
 *
 * @example
 * { on: 'pod', name: 'web-1', exists: false }
 * { on: 'claim', name: 'www-web-0', file: 'index.html', contains: 'web-0' }
 */
export type LessonCheck = PodCheck | PodsCheck | ClaimCheck | DnsCheck | WorkloadCheck | NodeCheck;

/** The subjects a check item may start with, and the `on` each gives. */
export const CHECK_SUBJECTS = {
  pod: 'pod',
  pods: 'pods',
  claim: 'claim',
  dns: 'dns',
  statefulSet: 'statefulSet',
  deployment: 'deployment',
  node: 'node',
} as const satisfies Record<string, LessonCheck['on']>;

/** The pods as they were when a step began: uid and node by `namespace/name`. */
export interface LessonBaseline {
  pods: Record<string, { uid: string; node?: string }>;
}
