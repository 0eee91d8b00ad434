/**
 * PodTopologySpread, hard constraints only (kube-scheduler v1.33
 * `plugins/podtopologyspread/filtering.go`, spec R10.3): for every
 * `whenUnsatisfiable: DoNotSchedule` constraint, placing the pod in a node's
 * domain must keep `matching pods there + 1 - global minimum <= maxSkew`.
 *
 * Domains are the values of `topologyKey` on eligible nodes: nodes carrying
 * every constraint's key, matching the pod's node affinity/selector
 * (`nodeAffinityPolicy: Honor`, the default) and, only with
 * `nodeTaintsPolicy: Honor`, tolerating the node's taints. Matching pods are
 * counted in the pod's namespace, skipping terminating ones (#87621).
 * `minDomains` lowers the global minimum to 0 while there are fewer domains.
 * ScheduleAnyway constraints and the default system constraints only score
 * upstream and are ignored.
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { fromLabelSelector, matches, type Selector } from '../../../model/labelSelector';
import type { PodObject } from '../../../model/pod';
import { REASONS, unresolvable, unschedulable, type Cycle, type FilterStatus } from './cycle';
import { firstUntoleratedTaint, nodeAffinityMatches } from './nodeRules';
import type { NodeInfo, Snapshot } from './snapshot';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector | null;
  /** The pod being scheduled matches its own selector (adds 1 to its domain). */
  selfMatch: number;
  /** Domain value → matching pods. */
  counts: Map<string, number>;
  /** The global minimum over eligible domains (Infinity when there is none). */
  minMatch: number;
}

/** Per-pod PreFilter state for the hard spread constraints. */
export interface SpreadCycle {
  constraints: Constraint[];
}

function compile(pod: PodObject, c: TopologySpreadConstraint): Constraint {
  const selector = fromLabelSelector(c.labelSelector);
  const labels = pod.metadata.labels ?? {};
  if (selector) {
    for (const key of c.matchLabelKeys ?? []) {
      const value = labels[key];
      if (value !== undefined) selector.requirements.push({ key, op: 'In', values: [value] });
    }
  }
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    selfMatch: matches(selector, labels) ? 1 : 0,
    counts: new Map(),
    minMatch: Infinity,
  };
}

/** PreFilter: undefined when the pod has no DoNotSchedule constraint. */
export function preFilterSpread(snapshot: Snapshot, pod: PodObject): SpreadCycle | undefined {
  const hard = (pod.spec?.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
  if (hard.length === 0) return undefined;
  const constraints = hard.map((c) => compile(pod, c));
  const ns = pod.metadata.namespace;
  for (const info of snapshot.nodes) {
    const labels = info.node.metadata.labels ?? {};
    if (!constraints.every((c) => labels[c.topologyKey] !== undefined)) continue;
    const eligible = hard.every(
      (c) =>
        (c.nodeAffinityPolicy === 'Ignore' || nodeAffinityMatches(pod, info.node)) &&
        (c.nodeTaintsPolicy !== 'Honor' || !firstUntoleratedTaint(pod, info.node)),
    );
    if (!eligible) continue;
    for (const c of constraints) {
      const domain = labels[c.topologyKey] as string;
      let count = c.counts.get(domain) ?? 0;
      for (const p of info.pods) {
        if (!p.metadata.deletionTimestamp && p.metadata.namespace === ns && matches(c.selector, p.metadata.labels)) count++;
      }
      c.counts.set(domain, count);
    }
  }
  hard.forEach((raw, i) => {
    const c = constraints[i] as Constraint;
    c.minMatch = c.counts.size < (raw.minDomains ?? 1) ? 0 : Math.min(...c.counts.values());
  });
  return { constraints };
}

/** PodTopologySpread Filter. */
export function topologySpreadFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  if (!cycle.spread) return undefined;
  const labels = info.node.metadata.labels ?? {};
  for (const c of cycle.spread.constraints) {
    const domain = labels[c.topologyKey];
    if (domain === undefined) return unresolvable(REASONS.spreadMissingLabel);
    const skew = (c.counts.get(domain) ?? 0) + c.selfMatch - c.minMatch;
    if (skew > c.maxSkew) return unschedulable(REASONS.spread);
  }
  return undefined;
}
