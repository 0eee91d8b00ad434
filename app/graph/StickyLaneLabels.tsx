// Lane and owner names that stay on screen. Pods keep their column whatever their node (layout.ts), so a wide
// graph scrolled (or followed by the camera) to the right hides each lane's own header at its left
// edge; a pinned label at the pane's left edge then says which node the band is. The text comes from
// CSS (attr()), so the page holds each node name once: screen readers and page searches see the lane.
import { useStore } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { LAYOUT, type PlacedNode } from '../../src/graph/layout';

/** Pinned labels for the lanes, areas and owner bars whose start is scrolled off to the left. */
export function StickyLaneLabels({ nodes }: { nodes: PlacedNode[] }) {
  const { t } = useTranslation('classroom');
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const paneHeight = useStore((s) => s.height);
  const labels = nodes.flatMap((node) => {
    if (node.type !== 'lane' && node.type !== 'area' && node.type !== 'owner') return [];
    const left = node.x * zoom + tx;
    const top = node.y * zoom + ty;
    if (left >= 0 || top < 0 || top + LAYOUT.laneHeader * zoom > paneHeight || (node.x + node.width) * zoom + tx < 200) return [];
    if (node.type === 'owner') return [{ id: node.id, top, label: `${node.data.kind} ${node.data.name}`, status: node.data.ready, tone: 'owner' }];
    if (node.type === 'area') return [{ id: node.id, top, label: t(`graph.area.${node.data.kind}`), status: '', tone: '' }];
    // As kubectl get nodes prints STATUS: Ready, NotReady, then ",SchedulingDisabled" when cordoned.
    const { ready, cordoned } = node.data;
    const status = `${ready ? 'Ready' : 'NotReady'}${cordoned ? ',SchedulingDisabled' : ''}`;
    return [{ id: node.id, top, label: node.data.name, status, tone: ready ? (cordoned ? 'cordoned' : '') : 'not-ready' }];
  });
  if (!labels.length) return null;
  return (
    <div className="sticky-lane-labels" aria-hidden="true">
      {labels.map((l) => (
        <div
          key={l.id}
          className={`sticky-lane-label ${l.tone}`}
          data-label={l.label}
          data-status={l.status}
          data-testid={`graph.${l.id}.pinned`}
          style={{ top: l.top, transform: `scale(${zoom})` }}
        />
      ))}
    </div>
  );
}
