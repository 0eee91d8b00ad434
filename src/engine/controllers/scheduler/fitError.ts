/**
 * The FailedScheduling message, as kube-scheduler v1.33 builds it
 * (`pkg/scheduler/framework/types.go` FitError.Error and
 * `framework/preemption/preemption.go`, spec R10.2):
 *
 *   0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.
 *   preemption: 0/3 nodes are available: 1 Preemption is not helpful for
 *   scheduling, 2 No preemption victims found for incoming pod.
 *
 * Items are `<count> <reason>`, sorted as strings and joined by `, `. When a
 * PreFilter plugin rejected the pod its message replaces the per-node list and
 * every node counts as one where preemption does not help.
 *
 * Preemption itself is not simulated: every pod is assumed to have the same
 * priority, so a node whose rejection preemption could resolve always yields
 * `No preemption victims found for incoming pod`.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { FilterStatus } from './cycle';

/** What kube-scheduler reports when the cluster has no nodes at all (`ErrNoNodesAvailable`). */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';

const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';

/** `<count> <item>` for each distinct item, sorted as strings, joined by `, ` (FitError's histogram). */
export function histogram(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => `${n} ${item}`).sort().join(', ');
}

/** The PostFilter (DefaultPreemption) part, without its final period. */
function preemptionMessage(pod: Pod, nodeCount: number, statuses: FilterStatus[]): string {
  if (pod.spec?.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never';
  const outcomes = statuses.map((s) => (s.unresolvable ? NOT_HELPFUL : NO_VICTIMS));
  return `preemption: 0/${nodeCount} nodes are available: ${histogram(outcomes)}`;
}

/** The message when every node failed a Filter plugin; `statuses` holds one entry per node. */
export function filterErrorMessage(pod: Pod, statuses: FilterStatus[]): string {
  const n = statuses.length;
  return `0/${n} nodes are available: ${histogram(statuses.flatMap((s) => s.reasons))}. ${preemptionMessage(pod, n, statuses)}.`;
}

/** The message when a PreFilter plugin rejected the pod: its text, and no node where preemption helps. */
export function preFilterErrorMessage(pod: Pod, nodeCount: number, message: string): string {
  const statuses: FilterStatus[] = Array.from({ length: nodeCount }, () => ({ reasons: [], unresolvable: true }));
  return `0/${nodeCount} nodes are available: ${message}. ${preemptionMessage(pod, nodeCount, statuses)}.`;
}
