/**
 * The controller contract. Every controller is level-triggered: `reconcile`
 * looks at the whole state and moves it one step towards the desired state,
 * writing only when something really changes. Timers wake a controller at a
 * simulated instant (an image pull finishing, a grace period ending).
 */
import type { ClusterState, Timer } from './clusterState';

export interface Controller {
  /** Component name, as it appears as an Event source. */
  name: string;
  /** One level-triggered pass over the state. */
  reconcile(state: ClusterState): void;
  /** Timer handlers by timer type (`<controller>.<what>`). */
  timers?: Record<string, (state: ClusterState, timer: Timer) => void>;
  /** Timer types that never change anything by themselves (periodic probes, heartbeats). */
  quietTimers?: string[];
  /**
   * The kinds whose changes can give this controller work. With it, the loop
   * skips the controller at an instant when none of them changed since it last
   * ran and none of its timers fired. Leave it out for controllers driven by
   * runtime state outside the store (the kubelet, node heartbeats).
   */
  watches?: string[];
  /**
   * Publishers of derived state (endpoints) run once the other controllers
   * have settled at an instant, not after every pass: what they publish does
   * not feed back into those controllers within the instant.
   */
  settled?: boolean;
}

/** The kinds nearly every controller reads: pods and where and how they run. */
export const CORE_KINDS = ['Pod', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass', 'Namespace'];
