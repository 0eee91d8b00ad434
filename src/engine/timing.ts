/**
 * The default timing model (spec §0.4), in simulated milliseconds.
 * A scenario may override any of these under `spec.timing`.
 */
export interface Timing {
  /** Image pull when the image is not yet on the node. */
  imagePullMs: number;
  /** From pulled image to a started container. */
  containerStartMs: number;
  /** How long a server container takes to exit after SIGTERM. */
  serverShutdownMs: number;
  /** Node monitor grace period (50 s since v1.32). */
  nodeMonitorGraceMs: number;
  /** Node monitor period. */
  nodeMonitorPeriodMs: number;
  /** Kubelet heartbeat interval. */
  heartbeatMs: number;
  /** Default tolerationSeconds for not-ready/unreachable (admission). */
  defaultTolerationSeconds: number;
  /** Force detach of a volume from an unhealthy node after this long. */
  forceDetachMs: number;
  /** CrashLoopBackOff: first delay, cap, and reset after clean running. */
  backoffInitialMs: number;
  backoffMaxMs: number;
  backoffResetMs: number;
  /** Job pod-failure back-off base and cap. */
  jobBackoffInitialMs: number;
  jobBackoffMaxMs: number;
  /** Drain retry after a PDB refusal. */
  drainRetryMs: number;
  /** PodGC quarantine for pods on deleted nodes. */
  podGcQuarantineMs: number;
  /** Non-server commands in Jobs/bare pods (e.g. pg_dump) complete after this long. */
  commandRunMs: number;
}

export const DEFAULT_TIMING: Timing = {
  imagePullMs: 2000,
  containerStartMs: 1000,
  serverShutdownMs: 1000,
  nodeMonitorGraceMs: 50_000,
  nodeMonitorPeriodMs: 5000,
  heartbeatMs: 10_000,
  defaultTolerationSeconds: 300,
  forceDetachMs: 6 * 60_000,
  backoffInitialMs: 10_000,
  backoffMaxMs: 300_000,
  backoffResetMs: 10 * 60_000,
  jobBackoffInitialMs: 10_000,
  jobBackoffMaxMs: 6 * 60_000,
  drainRetryMs: 5000,
  podGcQuarantineMs: 40_000,
  commandRunMs: 5000,
};
