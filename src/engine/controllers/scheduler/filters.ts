/**
 * The Filter extension point of kube-scheduler v1.33: the default plugins in
 * the order of `pkg/scheduler/apis/config/v1/default_plugins.go` (spec R10.1).
 * A node is rejected by its first failing plugin; the node-local plugins live
 * here (`plugins/nodeunschedulable`, `tainttoleration`, `nodeaffinity`,
 * `nodeports`, `noderesources/fit.go`), the volume and pod-affinity ones in
 * sibling files.
 *
 * Left out: NodeName (pods that name their node never reach the scheduler
 * here: the kubelet takes them), NodeVolumeLimits and VolumeZone (the
 * simulated backends have no attach limits and no zonal volumes), extended
 * resources and ephemeral storage.
 */
import { REASONS, unresolvable, unschedulable, untoleratedTaintReason, type Cycle, type FilterStatus } from './cycle';
import { interPodAffinityFilter } from './interPodAffinity';
import { cordonBlocks, firstUntoleratedTaint, nodeAffinityMatches } from './nodeRules';
import { portsConflict, type NodeInfo } from './snapshot';
import { topologySpreadFilter } from './topologySpread';
import { volumeBindingFilter, volumeRestrictionsFilter } from './volumeBinding';

function nodeUnschedulableFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  return cordonBlocks(cycle.pod, info.node) ? unresolvable(REASONS.unschedulable) : undefined;
}

function taintTolerationFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  const taint = firstUntoleratedTaint(cycle.pod, info.node);
  return taint ? unresolvable(untoleratedTaintReason(taint.key, taint.value)) : undefined;
}

function nodeAffinityFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  return nodeAffinityMatches(cycle.pod, info.node) ? undefined : unresolvable(REASONS.nodeAffinity);
}

function nodePortsFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  // Most pods ask for no host port: nothing to compare (and no closure to make) on every node.
  if (cycle.ports.length === 0) return undefined;
  const clash = cycle.ports.some((wanted) => info.ports.some((used) => portsConflict(wanted, used)));
  return clash ? unschedulable(REASONS.hostPorts) : undefined;
}

/**
 * NodeResourcesFit: requests of the pods on the node plus this pod's against
 * allocatable. Every shortage is a reason of its own; a request larger than
 * the whole node cannot be fixed by preemption.
 */
function nodeResourcesFitFilter(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  const reasons: string[] = [];
  let cannotFit = false;
  const { request } = cycle;
  const { allocatable, requested } = info;
  if (info.pods.length + 1 > allocatable.pods) reasons.push(REASONS.tooManyPods);
  if (request.milliCpu > 0 && request.milliCpu > allocatable.milliCpu - requested.milliCpu) {
    reasons.push(REASONS.cpu);
    cannotFit ||= request.milliCpu > allocatable.milliCpu;
  }
  if (request.memory > 0 && request.memory > allocatable.memory - requested.memory) {
    reasons.push(REASONS.memory);
    cannotFit ||= request.memory > allocatable.memory;
  }
  if (reasons.length === 0) return undefined;
  return { reasons, unresolvable: cannotFit };
}

type FilterPlugin = (cycle: Cycle, info: NodeInfo) => FilterStatus | undefined;

/** The default Filter plugins in upstream order. */
export const FILTER_PLUGINS: readonly FilterPlugin[] = [
  nodeUnschedulableFilter,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodePortsFilter,
  nodeResourcesFitFilter,
  volumeRestrictionsFilter,
  volumeBindingFilter,
  topologySpreadFilter,
  interPodAffinityFilter,
];

/** Runs the plugins on one node and returns the first failure, or undefined when the node fits. */
export function runFilters(cycle: Cycle, info: NodeInfo): FilterStatus | undefined {
  for (const plugin of FILTER_PLUGINS) {
    const status = plugin(cycle, info);
    if (status) return status;
  }
  return undefined;
}
