import { describe, expect, it } from 'vitest';
import { fitViewport, revealRect, VIEW_MARGIN } from './viewport';

describe('fitViewport', () => {
  it('shows the whole drawing, centred, when it stays readable', () => {
    expect(fitViewport({ width: 1424, height: 600 }, { width: 1000, height: 400 }, 0.8)).toEqual({ x: 112, y: VIEW_MARGIN, zoom: 1.2 });
    expect(fitViewport({ width: 1024, height: 600 }, { width: 1000, height: 400 }, 0.8)).toEqual({ x: 12, y: VIEW_MARGIN, zoom: 1 });
  });

  it('never enlarges a small drawing beyond 1.2', () => {
    expect(fitViewport({ width: 2000, height: 2000 }, { width: 400, height: 300 }, 0.8)?.zoom).toBe(1.2);
  });

  it('keeps the readable zoom for a tall drawing and lets the reader scroll', () => {
    // the whole drawing would need zoom 0.5; the width allows 0.976
    const view = fitViewport({ width: 1024, height: 500 }, { width: 1024, height: 976 }, 0.8);
    expect(view?.zoom).toBeCloseTo(0.977, 2);
    expect(view?.y).toBe(VIEW_MARGIN);
  });

  it('never goes below the readable zoom, even when the width does not fit', () => {
    expect(fitViewport({ width: 600, height: 400 }, { width: 1200, height: 900 }, 1)).toEqual({ x: VIEW_MARGIN, y: VIEW_MARGIN, zoom: 1 });
  });

  it('has nothing to fit before the drawing or the pane has a size', () => {
    expect(fitViewport({ width: 0, height: 0 }, { width: 100, height: 100 }, 1)).toBeUndefined();
    expect(fitViewport({ width: 100, height: 100 }, { width: 0, height: 0 }, 1)).toBeUndefined();
  });
});

describe('revealRect', () => {
  const pane = { width: 800, height: 400 };

  it('leaves the viewport alone when the card is in view', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    expect(revealRect(view, { x: 100, y: 100, width: 200, height: 100 }, pane)).toBe(view);
  });

  it('scrolls down just enough to show a card below the fold, keeping the zoom', () => {
    const moved = revealRect({ x: 0, y: 0, zoom: 2 }, { x: 10, y: 300, width: 100, height: 50 }, pane);
    // bottom edge at (300 + 50) × 2 = 700 on screen; it must end 12 px above 400
    expect(moved).toEqual({ x: 0, y: -(700 - 388), zoom: 2 });
  });

  it('scrolls up to a card above the view, and keeps the top of a card taller than the pane', () => {
    expect(revealRect({ x: 0, y: -500, zoom: 1 }, { x: 0, y: 100, width: 50, height: 50 }, pane).y).toBe(-100 + VIEW_MARGIN);
    expect(revealRect({ x: 0, y: 0, zoom: 1 }, { x: 0, y: 600, width: 50, height: 1000 }, pane).y).toBe(-600 + VIEW_MARGIN);
  });

  it('scrolls sideways to a card right of the view', () => {
    expect(revealRect({ x: 0, y: 0, zoom: 1 }, { x: 900, y: 0, width: 100, height: 50 }, pane).x).toBe(-(1000 - 788));
  });
});

describe('revealRect with a margin per axis', () => {
  it('keeps the horizontal margin from the side and the vertical one from the bottom', () => {
    const view = revealRect({ x: 0, y: 0, zoom: 1 }, { x: 900, y: 300, width: 300, height: 100 }, { width: 1000, height: 400 }, { x: 40, y: 12 });
    expect(view).toEqual({ x: -240, y: -12, zoom: 1 });
  });
});
