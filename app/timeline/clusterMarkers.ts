// Markers as the timeline draws them: those that would overlap on screen are merged into one
// (a scale-up to hundreds of pods is a few ticks, not a smear), each remembering what it holds.
import type { TimelineMarker } from '../../src/protocol/messages';

/** One drawn marker: where it sits (0..1 of the span), the moment it jumps to, and what it stands for. */
export interface DrawnMarker {
  /** The earliest moment in the group: clicking the marker shows it. */
  at: number;
  position: number;
  /** The most telling kind in the group: a warning, else a command, else an event. */
  kind: TimelineMarker['kind'];
  /** The labels of the group, in time order (at most `maxLabels`). */
  labels: { at: number; label: string }[];
  /** How many markers the group holds beyond `labels`. */
  more: number;
}

const RANK: Record<TimelineMarker['kind'], number> = { event: 0, command: 1, warning: 2 };

/**
 * Groups `markers` (sorted by time) into at most `slots` drawn markers over `0..span`: markers in
 * the same slot share one. Labels past `maxLabels` per group are counted in `more`.
 */
export function clusterMarkers(markers: readonly TimelineMarker[], span: number, slots: number, maxLabels = 6): DrawnMarker[] {
  const drawn: DrawnMarker[] = [];
  const width = Math.max(1, span) / Math.max(1, slots);
  let current: (DrawnMarker & { slot: number }) | undefined;
  for (const marker of markers) {
    if (marker.at > span) continue;
    const slot = Math.floor(marker.at / width);
    if (!current || current.slot !== slot) {
      current = { slot, at: marker.at, position: span > 0 ? marker.at / span : 0, kind: marker.kind, labels: [], more: 0 };
      drawn.push(current);
    }
    if (RANK[marker.kind] > RANK[current.kind]) current.kind = marker.kind;
    if (current.labels.length < maxLabels) current.labels.push({ at: marker.at, label: marker.label });
    else current.more++;
  }
  return drawn.map(({ at, position, kind, labels, more }) => ({ at, position, kind, labels, more }));
}
