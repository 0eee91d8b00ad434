// Which card the camera shows for a line of the story: the narration says "web-1 is Running and Ready
// on node-3", and a wide graph may hold web-1 outside the pane — the camera glides to it, so that
// what the room reads and what it sees are the same object. Pure, so Node tests check it.
import type { NarrationObject } from '../../src/narration/narrationLine';
import { objectId } from '../../src/graph/graphModel';
import type { Rect } from './viewport';

/** Card kinds of the graph by Kubernetes kind; every other kind with a card is an owner (StatefulSet, Deployment, Job…). */
const CARD_KINDS: Record<string, 'pod' | 'claim' | 'volume' | 'service' | 'node' | 'budget'> = {
  Pod: 'pod',
  PersistentVolumeClaim: 'claim',
  PersistentVolume: 'volume',
  Service: 'service',
  Node: 'node',
  PodDisruptionBudget: 'budget',
};

/** The most of a card the camera brings into view: its head (name and status), not a whole lane or a wide owner bar. */
export const FOCUS_HEAD = { width: 420, height: 180 } as const;

/** The graph id of the card that draws `object`. */
export function cardIdOf(object: NarrationObject): string {
  const kind = CARD_KINDS[object.kind];
  return kind ? objectId(kind, object.namespace, object.name) : objectId('owner', object.namespace, object.name, object.kind);
}

/** The part of a card the camera keeps in view: all of a pod or a claim, the head of a lane or an owner bar. */
export function focusRect(card: Rect): Rect {
  return { x: card.x, y: card.y, width: Math.min(card.width, FOCUS_HEAD.width), height: Math.min(card.height, FOCUS_HEAD.height) };
}
