import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/appStore';

/** After the graph's fit (300 ms) and a moving card's glide (700 ms); checked twice in case it moved again. */
const REVEAL_AFTER_MS = [800, 1600];
/** React Flow pans by half the wheel's delta (its default panOnScrollSpeed). */
const PAN_PER_WHEEL_DELTA = 0.5;
const MARGIN_PX = 16;

/**
 * When a pod becomes unschedulable (its card shows the scheduler's message), scrolls the graph so
 * that the card is on screen: at a readable zoom the Pending area is often below the fold.
 *
 * Only `app/graph/` may touch React Flow, so this scrolls the way a reader does — a wheel event on
 * the graph's pane, which React Flow turns into a pan — and only when the card is out of sight.
 */
export function useRevealPending(): void {
  const pending = useAppStore((s) =>
    (s.snapshot?.graph.nodes ?? [])
      .flatMap((n) => (n.type === 'pod' && n.data.message ? [n.id] : []))
      .join(' '),
  );
  const seen = useRef(new Set<string>());
  useEffect(() => {
    const ids = pending ? pending.split(' ') : [];
    const fresh = ids.filter((id) => !seen.current.has(id));
    seen.current = new Set(ids);
    const first = fresh[0];
    if (first === undefined) return;
    const timers = REVEAL_AFTER_MS.map((ms) => window.setTimeout(() => reveal(first), ms));
    return () => timers.forEach((timer) => window.clearTimeout(timer));
  }, [pending]);
}

function reveal(nodeId: string): void {
  const card = document.querySelector<HTMLElement>(`[data-testid="graph.${CSS.escape(nodeId)}"]`);
  const graph = document.querySelector<HTMLElement>('[data-testid="graph"]');
  const pane = graph?.querySelector<HTMLElement>('.react-flow__pane');
  if (!card || !graph || !pane) return;
  const box = card.getBoundingClientRect();
  const view = graph.getBoundingClientRect();
  let dy = 0;
  if (box.bottom > view.bottom - MARGIN_PX) dy = Math.min(box.bottom - view.bottom + MARGIN_PX, box.top - view.top - MARGIN_PX);
  else if (box.top < view.top + MARGIN_PX) dy = box.top - view.top - MARGIN_PX;
  if (Math.abs(dy) < 1) return;
  pane.dispatchEvent(new WheelEvent('wheel', { deltaY: dy / PAN_PER_WHEEL_DELTA, deltaMode: 0, bubbles: true, cancelable: true, clientX: view.left + view.width / 2, clientY: view.top + view.height / 2 }));
}
