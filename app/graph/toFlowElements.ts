// GraphLayout (neutral, from src/graph) → React Flow nodes and edges. The only place that knows
// both shapes; styling lives in the node components and graph.css.
import type { Edge, Node } from '@xyflow/react';
import { i18next } from '../i18n/i18n';
import type { GraphEdge } from '../../src/graph/graphModel';
import type { PlacedNode } from '../../src/graph/layout';
import type { ObjectRef, Snapshot } from '../../src/protocol/messages';

export type CardData = PlacedNode & { ref?: ObjectRef } & Record<string, unknown>;
export type CardNode = Node<CardData>;

/** The API object a placed node stands for (lanes are Nodes; areas are nothing). */
export function refOf(node: PlacedNode): ObjectRef | undefined {
  switch (node.type) {
    case 'pod':
      return { kind: 'Pod', namespace: node.data.namespace, name: node.data.name };
    case 'claim':
      return { kind: 'PersistentVolumeClaim', namespace: node.data.namespace, name: node.data.name };
    case 'volume':
      return { kind: 'PersistentVolume', name: node.data.name };
    case 'lane':
      return { kind: 'Node', name: node.data.name };
    case 'service':
      return { kind: 'Service', namespace: node.data.namespace, name: node.data.name };
    case 'owner':
      return { kind: node.data.kind, namespace: node.data.namespace, name: node.data.name };
    case 'budget':
      return { kind: 'PodDisruptionBudget', namespace: node.data.namespace, name: node.data.name };
    default:
      return undefined;
  }
}

export function toFlowNodes(graph: Snapshot['graph']): CardNode[] {
  return graph.nodes.map((placed) => {
    const background = placed.type === 'lane' || placed.type === 'area';
    const data: CardData = { ...placed };
    const ref = refOf(placed);
    if (ref) data.ref = ref;
    return {
      id: placed.id,
      type: placed.type,
      position: { x: placed.x, y: placed.y },
      width: placed.width,
      height: placed.height,
      style: { width: placed.width, height: placed.height },
      data,
      draggable: false,
      connectable: false,
      selectable: !background,
      focusable: placed.type !== 'area',
      zIndex: background ? 0 : 1,
    };
  });
}

const EDGE_CLASS: Record<GraphEdge['kind'], string> = { owns: 'edge-owns', mounts: 'edge-mounts', binds: 'edge-binds', selects: 'edge-selects' };

export function toFlowEdges(graph: Snapshot['graph']): Edge[] {
  // Service → pod links would cross every lane; the Service card lists its records instead.
  return graph.edges
    .filter((e) => e.kind !== 'selects')
    .map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      // `pod.web-0` → `web-0`: the label names the objects as Kubernetes does.
      ariaLabel: i18next.t(`classroom:graph.edge.${e.kind}`, { source: e.source.replace(/^[a-z]+\./, ''), target: e.target.replace(/^[a-z]+\./, '') }),
      type: 'straight',
      className: EDGE_CLASS[e.kind],
      selectable: false,
      focusable: false,
      zIndex: 1,
    }));
}
