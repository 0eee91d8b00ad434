/**
 * Node selector terms (`requiredDuringSchedulingIgnoredDuringExecution`, PV
 * `nodeAffinity.required`), per `k8s.io/component-helpers/scheduling/corev1/nodeaffinity`:
 * terms are ORed, expressions inside a term ANDed; `matchFields` supports `metadata.name`.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1';

function requirementMatches(req: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** True when one term matches the node (an empty term matches nothing, as upstream). */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return (
    exprs.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata?.name : undefined))
  );
}

/** True when any of the terms matches (an empty list matches every node). */
export function termsMatch(terms: NodeSelectorTerm[] | undefined, node: Node): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => termMatches(t, node));
}
