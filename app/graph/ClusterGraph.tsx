// The cluster graph: the worker's laid-out GraphLayout drawn with React Flow. Positions come from
// src/graph/layout.ts (stable slots); CSS transitions animate moves and status changes.
import { useCallback, useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import { Background, ReactFlow, ReactFlowProvider, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useAppStore } from '../store/appStore';
import { FollowToggle } from './FollowToggle';
import { nodeTypes } from './nodeTypes';
import { toFlowEdges, toFlowNodes, type CardNode } from './toFlowElements';
import { StickyLaneLabels } from './StickyLaneLabels';
import { useCamera } from './useCamera';

/** Props of the cluster graph. */
export interface ClusterGraphProps {
  /** Presenter mode: a higher readable zoom, for the back of a room. */
  presenter?: boolean;
  /** The Follow switch in the pane's corner (not in the compact embed, where it would cover cards). */
  followSwitch?: boolean;
}

function Graph({ presenter = false, followSwitch = true }: ClusterGraphProps) {
  const graph = useAppStore((s) => s.snapshot?.graph);
  const select = useAppStore((s) => s.select);
  const openMenu = useAppStore((s) => s.openMenu);
  const closeMenu = useAppStore((s) => s.closeMenu);
  const nodes = useMemo(() => (graph ? toFlowNodes(graph) : []), [graph]);
  const edges = useMemo(() => (graph ? toFlowEdges(graph) : []), [graph]);

  const { container, onMoveStart } = useCamera(graph, presenter);

  const onNodeClick: NodeMouseHandler<CardNode> = useCallback(
    (_event, node) => {
      closeMenu();
      if (node.data.ref) select(node.data.ref);
    },
    [select, closeMenu],
  );
  const onNodeContextMenu: NodeMouseHandler<CardNode> = useCallback(
    (event, node) => {
      event.preventDefault();
      if (node.data.ref) openMenu({ ref: node.data.ref, x: event.clientX, y: event.clientY });
    },
    [openMenu],
  );
  const onPaneClick = useCallback((_event: MouseEvent) => closeMenu(), [closeMenu]);
  // The keyboard way to the same menu: the Menu key or Shift+F10 on a focused card.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (!(event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10'))) return;
      const element = (event.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
      const node = nodes.find((n) => n.id === element?.dataset['id']);
      if (!element || !node?.data.ref) return;
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      openMenu({ ref: node.data.ref, x: rect.left + 16, y: rect.top + 16 });
    },
    [nodes, openMenu],
  );

  return (
    <div className="graph" data-testid="graph" onKeyDown={onKeyDown} ref={container}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={onPaneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        minZoom={0.2}
        maxZoom={2}
        panOnScroll
        onMoveStart={onMoveStart}
        zoomOnScroll={false}
        zoomOnPinch
      >
        <Background gap={24} />
        {graph ? <StickyLaneLabels nodes={graph.nodes} /> : null}
        {followSwitch ? <FollowToggle /> : null}
      </ReactFlow>
    </div>
  );
}

/** The cluster graph in its own React Flow provider (the page may draw it once per layout). */
export function ClusterGraph(props: ClusterGraphProps) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
}
