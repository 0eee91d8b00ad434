/**
 * Choosing among the nodes that passed every filter, simplified as the spec
 * allows (R10.9): learners see placements, never scores.
 *
 * Order of preference:
 * 1. NodeResourcesFit's LeastAllocated score (`noderesources/least_allocated.go`):
 *    the integer 0–100 share of cpu and memory left free after placing the
 *    pod, averaged; containers without requests count 100m / 200Mi as upstream;
 * 2. fewest pods of the same controller owner (what the default
 *    PodTopologySpread system constraints achieve for a StatefulSet);
 * 3. fewest pods;
 * 4. node name (upstream breaks remaining ties at random).
 * Left out: balanced allocation, image locality, preferred affinities and
 * PreferNoSchedule taints.
 */
import type { Cycle } from './cycle';
import { ownerUid, podRequests, type NodeInfo } from './snapshot';

function freeShare(capacity: number, requested: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * 100) / capacity);
}

/** Picks the best node; `feasible` is non-empty and sorted by name. */
export function pickNode(cycle: Cycle, feasible: NodeInfo[]): NodeInfo {
  const request = podRequests(cycle.pod, true);
  const owner = ownerUid(cycle.pod);
  let best: NodeInfo | undefined;
  let bestKey: [number, number, number] = [0, 0, 0];
  for (const info of feasible) {
    const cpu = freeShare(info.allocatable.milliCpu, info.nonZeroRequested.milliCpu + request.milliCpu);
    const memory = freeShare(info.allocatable.memory, info.nonZeroRequested.memory + request.memory);
    // Negated so that "smaller is better" holds for every component.
    const key: [number, number, number] = [
      -Math.floor((cpu + memory) / 2),
      owner ? (info.owners.get(owner) ?? 0) : 0,
      info.pods.length,
    ];
    if (!best || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
      best = info;
      bestKey = key;
    }
  }
  return best as NodeInfo;
}
