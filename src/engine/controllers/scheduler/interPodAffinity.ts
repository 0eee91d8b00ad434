/**
 * InterPodAffinity, required terms only (kube-scheduler v1.33
 * `plugins/interpodaffinity/filtering.go`, spec R10.3, R10.8). Three checks,
 * in upstream order, per candidate node:
 * 1. the pod's required affinity: in the node's topology domain there must
 *    be a pod matching all its terms; the first pod of a group that matches
 *    its own terms may go anywhere (otherwise it would wait forever);
 * 2. the pod's required anti-affinity: no matching pod in the node's domain;
 * 3. existing pods' required anti-affinity: no pod in the node's domain
 *    whose anti-affinity matches this pod (the symmetric check).
 * Counts cover every pod placed on a node (bound or assumed, terminating
 * included). Preferred (soft) terms only score upstream and are ignored.
 */
import type { Pod, PodAffinityTerm } from 'kubernetes-types/core/v1';
import { fromLabelSelector, matches, type Selector } from '../../../model/labelSelector';
import type { PodObject } from '../../../model/pod';
import type { ClusterState } from '../../clusterState';
import { getObject } from '../../store';
import { REASONS, unresolvable, unschedulable, type Cycle, type FilterStatus } from './cycle';
import type { NodeInfo, Snapshot } from './snapshot';

/** An affinity term resolved against the pod that declares it. */
interface Term {
  topologyKey: string;
  selector: Selector | null;
  namespaces: Set<string>;
  namespaceSelector: Selector | null;
}

/** Per-pod PreFilter state: the pod's terms and topology-domain counts (`<key>=<value>` → pods). */
export interface AffinityCycle {
  affinityTerms: Term[];
  antiAffinityTerms: Term[];
  /** The pod matches all of its own affinity terms (first pod of a self-affine group). */
  matchesOwnAffinity: boolean;
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
}

/** Required anti-affinity terms of a pod, if any (existing pods with these are tracked in the snapshot). */
export function requiredAntiAffinity(pod: Pod): PodAffinityTerm[] {
  return pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

function requiredAffinity(pod: Pod): PodAffinityTerm[] {
  return pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
}

/** Resolves a term: `matchLabelKeys`/`mismatchLabelKeys` take values from the owner pod; no namespaces means its own. */
function compileTerm(owner: Pod, term: PodAffinityTerm): Term {
  const selector = fromLabelSelector(term.labelSelector);
  const labels = owner.metadata?.labels ?? {};
  if (selector) {
    for (const key of term.matchLabelKeys ?? []) {
      const value = labels[key];
      if (value !== undefined) selector.requirements.push({ key, op: 'In', values: [value] });
    }
    for (const key of term.mismatchLabelKeys ?? []) {
      const value = labels[key];
      if (value !== undefined) selector.requirements.push({ key, op: 'NotIn', values: [value] });
    }
  }
  const namespaceSelector = term.namespaceSelector ? fromLabelSelector(term.namespaceSelector) : null;
  const namespaces = new Set(term.namespaces ?? []);
  if (namespaces.size === 0 && !namespaceSelector) namespaces.add(owner.metadata?.namespace ?? 'default');
  return { topologyKey: term.topologyKey, selector, namespaces, namespaceSelector };
}

function namespaceLabels(state: ClusterState, ns: string): Record<string, string> | undefined {
  return getObject(state, 'Namespace', undefined, ns)?.metadata.labels;
}

function termMatches(state: ClusterState, term: Term, pod: Pod): boolean {
  const ns = pod.metadata?.namespace ?? 'default';
  const inNamespace =
    term.namespaces.has(ns) || (term.namespaceSelector !== null && matches(term.namespaceSelector, namespaceLabels(state, ns)));
  return inNamespace && matches(term.selector, pod.metadata?.labels);
}

function bump(counts: Map<string, number>, info: NodeInfo, topologyKey: string): void {
  const value = info.node.metadata.labels?.[topologyKey];
  if (value === undefined) return;
  const key = `${topologyKey}=${value}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** PreFilter: undefined when neither the pod nor any placed pod has a required (anti-)affinity term. */
export function preFilterAffinity(state: ClusterState, snapshot: Snapshot, pod: PodObject): AffinityCycle | undefined {
  const affinityTerms = requiredAffinity(pod).map((t) => compileTerm(pod, t));
  const antiAffinityTerms = requiredAntiAffinity(pod).map((t) => compileTerm(pod, t));
  if (affinityTerms.length === 0 && antiAffinityTerms.length === 0 && snapshot.antiAffinityPods.size === 0) return undefined;
  const cycle: AffinityCycle = {
    affinityTerms,
    antiAffinityTerms,
    matchesOwnAffinity: affinityTerms.every((t) => termMatches(state, t, pod)),
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiAffinityCounts: new Map(),
  };
  for (const { pod: existing, info } of snapshot.antiAffinityPods.values()) {
    for (const term of requiredAntiAffinity(existing)) {
      const compiled = compileTerm(existing, term);
      if (termMatches(state, compiled, pod)) bump(cycle.existingAntiAffinityCounts, info, compiled.topologyKey);
    }
  }
  if (affinityTerms.length > 0 || antiAffinityTerms.length > 0) {
    for (const info of snapshot.nodes) {
      for (const existing of info.pods) {
        if (affinityTerms.length > 0 && affinityTerms.every((t) => termMatches(state, t, existing))) {
          for (const t of affinityTerms) bump(cycle.affinityCounts, info, t.topologyKey);
        }
        for (const t of antiAffinityTerms) if (termMatches(state, t, existing)) bump(cycle.antiAffinityCounts, info, t.topologyKey);
      }
    }
  }
  return cycle;
}

/** InterPodAffinity Filter: affinity (unresolvable), then anti-affinity both ways (resolvable). */
export function interPodAffinityFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  const a = cycle.affinity;
  if (!a) return undefined;
  const labels = info.node.metadata.labels ?? {};
  if (a.affinityTerms.length > 0) {
    let podsExist = true;
    for (const t of a.affinityTerms) {
      const value = labels[t.topologyKey];
      // Every topology label must exist on the node, even for the first pod of a group.
      if (value === undefined) return unresolvable(REASONS.podAffinity);
      if (!((a.affinityCounts.get(`${t.topologyKey}=${value}`) ?? 0) > 0)) podsExist = false;
    }
    if (!podsExist && !(a.affinityCounts.size === 0 && a.matchesOwnAffinity)) return unresolvable(REASONS.podAffinity);
  }
  for (const t of a.antiAffinityTerms) {
    const value = labels[t.topologyKey];
    if (value !== undefined && (a.antiAffinityCounts.get(`${t.topologyKey}=${value}`) ?? 0) > 0) {
      return unschedulable(REASONS.podAntiAffinity);
    }
  }
  for (const [key, value] of Object.entries(labels)) {
    if ((a.existingAntiAffinityCounts.get(`${key}=${value}`) ?? 0) > 0) return unschedulable(REASONS.existingAntiAffinity);
  }
  return undefined;
}
