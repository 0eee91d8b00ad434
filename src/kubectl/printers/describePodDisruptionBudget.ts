/**
 * `kubectl describe pdb`, after `describePodDisruptionBudgetV1` in
 * `staging/src/k8s.io/kubectl/pkg/describe/describe.go` (R13.3).
 */
import type { PodDisruptionBudgetSpec, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { ClusterState } from '../../engine/clusterState';
import type { KObject } from '../../model/objects';
import { DescribeWriter, LEVEL_0, LEVEL_2 } from './describeWriter';
import { writeEvents } from './events';
import { formatLabelSelector } from './textFormat';

/** Describes a PodDisruptionBudget. */
export function describePodDisruptionBudget(state: ClusterState, obj: KObject, nowMs: number): string {
  const spec = (obj['spec'] ?? {}) as PodDisruptionBudgetSpec;
  const status = (obj['status'] ?? {}) as Partial<PodDisruptionBudgetStatus>;
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${String(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${String(spec.maxUnavailable)}\n`);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${status.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${status.expectedPods ?? 0}\n`);
  writeEvents(w, state, obj, nowMs);
  return w.toString();
}
