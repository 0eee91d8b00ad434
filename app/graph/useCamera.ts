// Where the graph's camera goes (React Flow's viewport): the fit of the whole drawing at a readable
// zoom, and the cards it brings into view by itself as things happen. Arithmetic in viewport.ts,
// which card in storyFocus.ts; this hook wires them to the store and to React Flow.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow, type OnMove } from '@xyflow/react';
import type { Snapshot } from '../../src/protocol/messages';
import { useAppStore } from '../store/appStore';
import { cardIdOf, focusRect } from './storyFocus';
import { fitViewport, revealRect, VIEW_MARGIN, type PaneSize, type Rect, type Viewport } from './viewport';

/**
 * The lowest zoom the fit may use, by mode: pod-card text is at least 15 px at zoom 1, so 0.8 keeps
 * it at 12 px on the screen; presenter mode keeps 14 px (its smallest card text is 14 px). Below
 * these the graph scrolls instead of shrinking.
 */
const READABLE_ZOOM = { normal: 0.8, presenter: 1 } as const;
/** How long the camera takes to fit or to glide to a card. */
const CAMERA_MS = 300;
/** After the reader moves the camera, it stops following the story for this long (wall-clock ms). */
const STEERING_PAUSE_MS = 20_000;
/**
 * Room kept around a card the camera glides to, so that it does not land against the pane's side;
 * less above and below, where the pane is short and the lanes' headers should stay in view.
 */
const FOLLOW_MARGIN = { x: 40, y: VIEW_MARGIN };

/**
 * Runs the camera of the graph; returns the ref for the element that holds React Flow (its size is
 * the pane's) and the handler React Flow calls when a move starts (a reader's wheel or drag).
 */
export function useCamera(graph: Snapshot['graph'] | undefined, presenter: boolean): { container: RefObject<HTMLDivElement | null>; onMoveStart: OnMove } {
  const { setViewport, getViewport } = useReactFlow();
  const container = useRef<HTMLDivElement>(null);
  /** Where the camera is going (an animation may still be on its way there). */
  const target = useRef<Viewport | undefined>(undefined);
  /** The card the camera brought into view: a later fit (the pane resized) keeps it in view. */
  const focus = useRef<{ id: string; rect: Rect } | undefined>(undefined);
  /** When the reader last moved the camera (performance.now()). */
  const steeredAt = useRef(Number.NEGATIVE_INFINITY);

  const paneSize = useCallback((): PaneSize | undefined => {
    const element = container.current;
    return element ? { width: element.clientWidth, height: element.clientHeight } : undefined;
  }, []);
  const moveCamera = useCallback(
    (viewport: Viewport) => {
      target.current = viewport;
      void setViewport(viewport, { duration: CAMERA_MS });
    },
    [setViewport],
  );

  // Fit the whole drawing (its size comes from the layout, not from measuring) whenever it or
  // the pane changes size; not on every frame, so a user's zoom survives ordinary updates.
  const width = graph?.width ?? 0;
  const height = graph?.height ?? 0;
  const readableZoom = presenter ? READABLE_ZOOM.presenter : READABLE_ZOOM.normal;
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const fit = () => {
      const pane = paneSize();
      const viewport = pane && fitViewport(pane, { width, height }, readableZoom);
      if (viewport) moveCamera(focus.current && pane ? revealRect(viewport, focus.current.rect, pane, FOLLOW_MARGIN) : viewport);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [width, height, readableZoom, paneSize, moveCamera]);

  // The camera follows what happens, gliding (same zoom) just enough to bring a card into view: a
  // pod that becomes unschedulable (its card shows the scheduler's message, often below the fold at
  // a readable zoom), else one the page asked for (an object just selected, a lesson step's
  // subject), else the object of the story's newest line ("web-1 is Running and Ready on node-3",
  // perhaps outside a wide graph). What happens does not move it while the reader steers: a wheel or
  // a drag pauses that for a while, an open menu and a past moment on the timeline hold it, and the
  // Follow switch turns it off.
  const pendingKey = (graph?.nodes ?? []).flatMap((n) => (n.type === 'pod' && n.data.message ? [n.id] : [])).join(' ');
  const seenPending = useRef(new Set<string>());
  const newestLine = useAppStore((s) => s.snapshot?.narration?.at(-1));
  const viewingPast = useAppStore((s) => s.timelineMoment !== undefined);
  const menuOpen = useAppStore((s) => s.menu !== undefined);
  const request = useAppStore((s) => s.cameraRequest);
  const followStory = useAppStore((s) => s.followStory);
  /** The camera request last carried out (it too waits for its card to be drawn). */
  const doneRequest = useRef(0);
  const toldLine = useRef<string | undefined>(undefined);
  useEffect(() => {
    const ids = pendingKey ? pendingKey.split(' ') : [];
    const fresh = ids.filter((id) => !seenPending.current.has(id));
    seenPending.current = new Set(ids);
    const storyMoved = newestLine !== undefined && newestLine.id !== toldLine.current;
    toldLine.current = newestLine?.id;
    const following = followStory && !viewingPast && !menuOpen && performance.now() - steeredAt.current > STEERING_PAUSE_MS;
    const storyCard = storyMoved && following && newestLine ? graph?.nodes.find((n) => n.id === cardIdOf(newestLine.object)) : undefined;
    const requestedCard = request && request.seq !== doneRequest.current ? graph?.nodes.find((n) => n.id === cardIdOf(request.ref)) : undefined;
    if (requestedCard && request) doneRequest.current = request.seq;
    const pendingCard = followStory ? graph?.nodes.find((n) => n.id === fresh[0]) : undefined;
    const card = pendingCard ?? requestedCard ?? storyCard;
    // The card held in view may have moved in the layout, or gone.
    const held = focus.current && graph?.nodes.find((n) => n.id === focus.current?.id);
    focus.current = held ? { id: held.id, rect: focusRect(held) } : undefined;
    const pane = paneSize();
    if (!card || !pane) return;
    focus.current = { id: card.id, rect: focusRect(card) };
    const from = target.current ?? getViewport();
    const moved = revealRect(from, focus.current.rect, pane, FOLLOW_MARGIN);
    if (moved !== from) moveCamera(moved);
  }, [pendingKey, newestLine, request, followStory, viewingPast, menuOpen, graph, paneSize, getViewport, moveCamera]);

  // The reader moves the camera (a wheel, a drag): the graph stops holding a card in view and
  // stops following the story for a while.
  const onMoveStart = useCallback<OnMove>((event) => {
    if (!event) return;
    focus.current = undefined;
    // The camera is where the reader puts it, no longer where it last glided to.
    target.current = undefined;
    steeredAt.current = performance.now();
  }, []);
  return { container, onMoveStart };
}
