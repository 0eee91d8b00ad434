import { describe, expect, it } from 'vitest';
import type { TimelineMarker } from '../../src/protocol/messages';
import { clusterMarkers } from './clusterMarkers';

const marker = (at: number, kind: TimelineMarker['kind'] = 'event', label = `e${at}`): TimelineMarker => ({ at, kind, label, count: 1 });

describe('clusterMarkers', () => {
  it('draws markers far apart separately, at their place on the span', () => {
    const drawn = clusterMarkers([marker(0, 'command'), marker(50_000), marker(100_000)], 100_000, 100);
    expect(drawn.map((d) => [d.at, d.position, d.kind])).toEqual([
      [0, 0, 'command'],
      [50_000, 0.5, 'event'],
      [100_000, 1, 'event'],
    ]);
  });

  it('merges markers that would overlap, keeping the first moment and the most telling kind', () => {
    const drawn = clusterMarkers([marker(1000, 'command', 'kubectl scale'), marker(1100, 'warning', 'FailedScheduling'), marker(1200)], 100_000, 50);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ at: 1000, kind: 'warning', more: 0 });
    expect(drawn[0]?.labels.map((l) => l.label)).toEqual(['kubectl scale', 'FailedScheduling', 'e1200']);
  });

  it('keeps a scale-up of a thousand pods to a bounded number of markers, counting the labels it leaves out', () => {
    const many = Array.from({ length: 1000 }, (_, i) => marker(i * 100));
    const drawn = clusterMarkers(many, 100_000, 120, 6);
    expect(drawn.length).toBeLessThanOrEqual(120);
    expect(drawn.reduce((n, d) => n + d.labels.length + d.more, 0)).toBe(1000);
    expect(drawn[0]?.labels).toHaveLength(6);
  });
});
