/**
 * Node-level scheduling rules shared by several plugins: taint toleration
 * (`k8s.io/api/core/v1/toleration.go`, `plugins/tainttoleration`), cordon
 * (`plugins/nodeunschedulable`) and node affinity/selector
 * (`plugins/nodeaffinity`, `component-helpers/scheduling/corev1/nodeaffinity`).
 */
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { termMatches } from '../../../model/nodeSelector';

/** `Toleration.ToleratesTaint` (k8s.io/api/core/v1/toleration.go). */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** The first NoSchedule/NoExecute taint of the node the pod does not tolerate (PreferNoSchedule only scores). */
export function firstUntoleratedTaint(pod: Pod, node: Node): Taint | undefined {
  const tolerations = pod.spec?.tolerations ?? [];
  return (node.spec?.taints ?? []).find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerations.some((t) => toleratesTaint(t, taint)),
  );
}

/** NodeAffinity: `spec.nodeSelector` and required node affinity both hold (terms ORed). */
export function nodeAffinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (labels[key] !== value) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !required || required.nodeSelectorTerms.some((term) => termMatches(term, node));
}

/** NodeUnschedulable: a cordoned node takes only pods that tolerate the cordon taint (DaemonSet pods). */
export function cordonBlocks(pod: Pod, node: Node): boolean {
  if (node.spec?.unschedulable !== true) return false;
  const cordon: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
  return !(pod.spec?.tolerations ?? []).some((t) => toleratesTaint(t, cordon));
}

/**
 * True while a node still accepts the pod by its node-level rules (cordon,
 * taints, node affinity): an assumed placement is dropped when this fails.
 */
export function nodeStillAccepts(pod: Pod, node: Node): boolean {
  return !cordonBlocks(pod, node) && !firstUntoleratedTaint(pod, node) && nodeAffinityMatches(pod, node);
}
