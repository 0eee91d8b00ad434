// The cluster graph: the worker's laid-out GraphLayout drawn with React Flow. Positions come from
// src/graph/layout.ts (stable slots); CSS transitions animate moves and status changes.
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { Background, ReactFlow, ReactFlowProvider, useReactFlow, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useAppStore } from '../store/appStore';
import { nodeTypes } from './nodeTypes';
import { toFlowEdges, toFlowNodes, type CardNode } from './toFlowElements';

const MARGIN = 12;
const MAX_FIT_ZOOM = 1.2;
/** Below this, card text is too small for a projector: the graph scrolls instead of shrinking. */
const MIN_READABLE_ZOOM = 0.75;

function Graph() {
  const graph = useAppStore((s) => s.snapshot?.graph);
  const select = useAppStore((s) => s.select);
  const openMenu = useAppStore((s) => s.openMenu);
  const closeMenu = useAppStore((s) => s.closeMenu);
  const { setViewport } = useReactFlow();
  const container = useRef<HTMLDivElement>(null);
  const nodes = useMemo(() => (graph ? toFlowNodes(graph) : []), [graph]);
  const edges = useMemo(() => (graph ? toFlowEdges(graph) : []), [graph]);

  // Fit the whole drawing (its size comes from the layout, not from measuring) whenever it or
  // the pane changes size; not on every frame, so a user's zoom survives ordinary updates.
  const width = graph?.width ?? 0;
  const height = graph?.height ?? 0;
  useEffect(() => {
    const element = container.current;
    if (!element || !width || !height) return;
    const fit = () => {
      const widthFit = (element.clientWidth - 2 * MARGIN) / width;
      const whole = Math.min(MAX_FIT_ZOOM, widthFit, (element.clientHeight - 2 * MARGIN) / height);
      // Whole drawing if it stays readable; otherwise fit the width (never below the readable
      // zoom) and let the wheel scroll the rest.
      const zoom = whole >= MIN_READABLE_ZOOM ? whole : Math.min(MAX_FIT_ZOOM, Math.max(MIN_READABLE_ZOOM, widthFit));
      const x = width * zoom <= element.clientWidth ? (element.clientWidth - width * zoom) / 2 : MARGIN;
      if (zoom > 0) void setViewport({ x, y: MARGIN, zoom }, { duration: 300 });
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [width, height, setViewport]);

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
        zoomOnScroll={false}
        zoomOnPinch
      >
        <Background gap={24} />
      </ReactFlow>
    </div>
  );
}

export function ClusterGraph() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}
