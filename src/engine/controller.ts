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
}
