// Where the graph's camera goes: the fit of the whole drawing, never below a readable zoom, and the
// smallest pan that brings a card into view. Pure arithmetic on React Flow's viewport shape
// ({ x, y, zoom }: screen = graph × zoom + offset), so Node tests check it.

/** React Flow's viewport: screen position of the graph's origin, and the zoom. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** A rectangle in graph units (the layout's x, y, width, height). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The graph pane's size in screen pixels. */
export interface PaneSize {
  width: number;
  height: number;
}

/** Space kept between the drawing and the pane's edges, in screen pixels. */
export const VIEW_MARGIN = 12;
/** The fit never enlarges beyond this: a small drawing stays at about its natural size. */
export const MAX_FIT_ZOOM = 1.2;

/**
 * The viewport that shows the whole drawing when it stays at `readableZoom` or above; otherwise it
 * fits the width (never below `readableZoom`) and the reader scrolls for the rest. The drawing is
 * centred horizontally when it is narrower than the pane, and starts at the top.
 *
 * @example
 * fitViewport({ width: 900, height: 400 }, { width: 1100, height: 480 }, 0.8) // { x: 12, y: 12, zoom: 0.8 }
 */
export function fitViewport(pane: PaneSize, drawing: { width: number; height: number }, readableZoom: number): Viewport | undefined {
  if (!drawing.width || !drawing.height || pane.width <= 0 || pane.height <= 0) return undefined;
  const widthFit = (pane.width - 2 * VIEW_MARGIN) / drawing.width;
  const whole = Math.min(MAX_FIT_ZOOM, widthFit, (pane.height - 2 * VIEW_MARGIN) / drawing.height);
  const zoom = whole >= readableZoom ? whole : Math.min(Math.max(MAX_FIT_ZOOM, readableZoom), Math.max(readableZoom, widthFit));
  if (!(zoom > 0)) return undefined;
  const x = drawing.width * zoom <= pane.width ? (pane.width - drawing.width * zoom) / 2 : VIEW_MARGIN;
  return { x, y: VIEW_MARGIN, zoom };
}

/**
 * The viewport moved as little as possible (same zoom) so that `rect` is inside the pane with a
 * margin (one for both axes, or `{ x, y }`); when the rect is taller or wider than the pane, its top
 * or left edge wins. Returns the
 * same viewport when the rect is already in view.
 */
export function revealRect(viewport: Viewport, rect: Rect, pane: PaneSize, margin: number | { x: number; y: number } = VIEW_MARGIN): Viewport {
  const { x: marginX, y: marginY } = typeof margin === 'number' ? { x: margin, y: margin } : margin;
  const axis = (offset: number, start: number, size: number, paneSize: number, margin: number) => {
    const top = start * viewport.zoom + offset;
    const bottom = (start + size) * viewport.zoom + offset;
    if (top < margin) return offset + (margin - top);
    if (bottom > paneSize - margin) return offset - Math.min(bottom - (paneSize - margin), top - margin);
    return offset;
  };
  const x = axis(viewport.x, rect.x, rect.width, pane.width, marginX);
  const y = axis(viewport.y, rect.y, rect.height, pane.height, marginY);
  return x === viewport.x && y === viewport.y ? viewport : { x, y, zoom: viewport.zoom };
}
