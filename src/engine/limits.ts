/**
 * Limits that keep the simulation responsive (DESIGN §3 "Limits"). Real
 * Kubernetes accepts these sizes; Ordinal refuses them with a message that
 * names the limit, instead of freezing the tab.
 */
import type { KObject } from '../model/objects';

export const LIMITS = {
  /** Replicas (or Job parallelism/completions) of one workload. */
  maxReplicas: 5_000,
  /** Nodes in the cluster. */
  maxNodes: 200,
};

/** The refusal for an object whose replica count is beyond the limit, or undefined. */
export function workloadLimitError(obj: KObject): string | undefined {
  const spec = (obj['spec'] ?? {}) as { replicas?: unknown; parallelism?: unknown; completions?: unknown };
  for (const field of ['replicas', 'parallelism', 'completions'] as const) {
    const value = spec[field];
    if (typeof value === 'number' && value > LIMITS.maxReplicas) {
      return `The ${obj.kind} "${obj.metadata.name}" is invalid: spec.${field}: Invalid value: ${value}: Ordinal simulates at most ${LIMITS.maxReplicas} ${field === 'replicas' ? 'replicas' : 'pods'} per workload`;
    }
  }
  return undefined;
}
