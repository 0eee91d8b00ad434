/**
 * ClusterState: everything the simulation knows, as plain JSON data.
 *
 * API objects live in `objects` (what `kubectl get -o yaml` shows). What a real
 * cluster keeps outside the API (container processes, files on volumes, the
 * kubelet's back-off table, the scheduler's assumed pods) lives in `runtime`.
 * Simulated time is `now` (ms since the scenario started); wall-clock time of
 * t=0 is `epochMs`. Randomness is `rng`. Nothing else is ambient.
 */
import type { KObject } from '../model/objects';
import type { RngState } from './random';
import type { Timing } from './timing';

/** One write to the store, in order: the watch log behind `kubectl get -w` and the JSON `watch`. */
export interface ChangeRecord {
  seq: number;
  at: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  kind: string;
  key: string;
  /** The object as it was right after the change (for DELETED: its last state). */
  object: KObject;
}

/** A Kubernetes Event, aggregated like the real event recorder does. */
export interface EventRecord {
  name: string;
  firstAt: number;
  lastAt: number;
  count: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: string;
  /** Host the source runs on (kubelet events). */
  host?: string;
  involved: { kind: string; namespace?: string; name: string; uid: string; apiVersion: string; fieldPath?: string };
}

/** A wake-up on the discrete-event queue. `type` is `<owner>.<what>`, e.g. `kubelet.pulled`. */
export interface Timer {
  at: number;
  seq: number;
  type: string;
  /** What it is about: usually an object ref or a pod uid. */
  target: string;
  data?: Record<string, string | number | boolean>;
}

/** A finished container run, as `state.terminated` / `lastState.terminated` show it. */
export interface ContainerExit {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
}

/** The kubelet's view of one container. */
export interface ContainerRuntime {
  name: string;
  image: string;
  /** What the process is doing now. */
  state: 'waiting' | 'running' | 'terminated';
  /** Waiting reason (`ContainerCreating`, `CrashLoopBackOff`, `ErrImagePull`…) and message. */
  reason?: string;
  message?: string;
  startedAt?: number;
  /** The current run's exit, while terminated. */
  exit?: ContainerExit;
  /** The previous run's exit (lastState). */
  last?: ContainerExit;
  restartCount: number;
  /** Files written outside any mounted volume: lost when the container restarts. */
  files: Record<string, string>;
  /** Delay before the next restart after a crash (CrashLoopBackOff); 0 = restart at once. */
  backoffMs: number;
  /** Delay before the next image pull retry (ImagePullBackOff). */
  pullBackoffMs: number;
  /** `sim crash --loop`: exits 1 s after every start. */
  crashLoop?: boolean;
  /** Readiness as the probe last decided it. */
  ready: boolean;
  probeFailures: number;
  probeSuccesses: number;
  /** Bumped when probe timing restarts; probe timers carry it so stale ones are ignored. */
  probeGen: number;
  /** Consecutive liveness probe failures. */
  livenessFailures?: number;
  /** Bumped on every (re)start; timers carry it so stale ones are ignored. */
  incarnation: number;
  containerId?: string;
}

/** The kubelet's view of one pod (by uid). */
export interface PodRuntime {
  uid: string;
  key: string;
  node: string;
  /** mounting: waiting for volumes; starting: pulling/starting containers in order; running; terminating; done. */
  phase: 'mounting' | 'starting' | 'running' | 'terminating' | 'done';
  /** Index of the container being pulled/started while `starting`. */
  nextContainer: number;
  containers: ContainerRuntime[];
  /** emptyDir contents: survive container restarts, not pod deletion. */
  emptyDirs: Record<string, Record<string, string>>;
  readinessBroken?: boolean;
  /** `sim break-liveness`: the liveness probe fails until `sim fix-liveness`. */
  livenessBroken?: boolean;
  ip?: string;
  startedAt: number;
  /** Terminal phase once every container stopped for good. */
  result?: 'Succeeded' | 'Failed';
}

export interface NodeRuntime {
  /** False after `sim node-down`: no heartbeats, no status updates, containers keep running. */
  kubeletUp: boolean;
  images: string[];
  /** Next host number handed out from the node's pod CIDR. */
  nextIp: number;
  /** True once host numbers wrapped around, so a candidate may still be in use. */
  ipWrapped?: boolean;
  cidrIndex: number;
  lastHeartbeat: number;
  downSince?: number;
}

export interface VolumeRuntime {
  /** Files on the volume, by path relative to its root. */
  files: Record<string, string>;
  /** Nodes the volume is attached to (attach-detach controller). */
  attachedTo: string[];
}

export interface Runtime {
  pods: Record<string, PodRuntime>;
  nodes: Record<string, NodeRuntime>;
  volumes: Record<string, VolumeRuntime>;
  /** Scheduler: pods assumed on a node while their WaitForFirstConsumer claims provision. */
  assumed: Record<string, string>;
  /** Pod keys whose readiness `sim break-readiness` broke, even across restarts of the container. */
  brokenReadiness: Record<string, boolean>;
  /** Images the scenario says do not exist in the simulated registry. */
  missingImages: string[];
}

export interface ClusterConfig {
  clusterDomain: string;
  timing: Timing;
  /** Kubernetes version the nodes report. */
  kubeletVersion: string;
}

export interface ClusterState {
  epochMs: number;
  now: number;
  rng: RngState;
  counters: { rv: number; seq: number; timerSeq: number; clusterIp: number; eventName: number };
  /** kind -> store key -> object */
  objects: Record<string, Record<string, KObject>>;
  /** kind -> store keys in sorted order (maintained on create/remove). */
  index: Record<string, string[]>;
  changes: ChangeRecord[];
  events: EventRecord[];
  eventIndex: Record<string, number>;
  /** Binary heap ordered by (at, seq). */
  timers: Timer[];
  runtime: Runtime;
  config: ClusterConfig;
}
