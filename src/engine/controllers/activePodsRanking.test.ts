import { describe, expect, it } from 'vitest';
import { toTimestamp } from '../../model/duration';
import type { PodObject } from '../../model/pod';
import { isPodActive, podsToDelete, POD_DELETION_COST } from './activePodsRanking';

const NOW = Date.parse('2025-01-01T01:00:00Z');
const MIN = 60_000;

interface PodShape {
  uid?: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  /** Minutes before NOW the pod became Ready. */
  readyAgo?: number;
  /** Minutes before NOW the pod was created. */
  createdAgo?: number;
  restarts?: number;
  cost?: string;
  deleting?: boolean;
}

function pod(name: string, shape: PodShape = {}): PodObject {
  const ready = shape.ready ?? true;
  const phase = shape.phase ?? 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: shape.uid ?? `uid-${name}`,
      creationTimestamp: toTimestamp(NOW - (shape.createdAgo ?? 30) * MIN),
      ...(shape.cost !== undefined ? { annotations: { [POD_DELETION_COST]: shape.cost } } : {}),
      ...(shape.deleting ? { deletionTimestamp: toTimestamp(NOW) } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...(shape.node === '' ? {} : { nodeName: shape.node ?? 'node-1' }) },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: toTimestamp(NOW - (shape.readyAgo ?? 20) * MIN) }],
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready, restartCount: shape.restarts ?? 0 }],
    },
  };
}

/** Names of every pod but the last kept, in deletion order. */
function order(pods: PodObject[], related: PodObject[] = []): string[] {
  return podsToDelete(pods, related, pods.length - 1, NOW).map((p) => p.metadata.name);
}

function first(pods: PodObject[], related: PodObject[] = []): string {
  return podsToDelete(pods, related, 1, NOW)[0]?.metadata.name ?? '';
}

describe('podsToDelete (ActivePodsWithRanks)', () => {
  it('deletes an unscheduled pod before a scheduled one', () => {
    expect(first([pod('placed'), pod('unplaced', { node: '', phase: 'Pending', ready: false })])).toBe('unplaced');
    // Phase alone: unscheduled beats an earlier phase on a node.
    expect(first([pod('pending-on-node', { phase: 'Pending', ready: false }), pod('unplaced', { node: '', phase: 'Running' })])).toBe('unplaced');
  });

  it('orders phases Pending < Unknown < Running', () => {
    const pods = [pod('running'), pod('unknown', { phase: 'Unknown' }), pod('pending', { phase: 'Pending' })];
    expect(order(pods)).toEqual(['pending', 'unknown']);
  });

  it('deletes a not-Ready pod before a Ready one', () => {
    expect(first([pod('ready'), pod('unready', { ready: false })])).toBe('unready');
  });

  it('deletes the lower pod-deletion-cost first, an invalid cost counting as 0', () => {
    expect(first([pod('cheap', { cost: '-5' }), pod('default'), pod('dear', { cost: '100' })])).toBe('cheap');
    expect(first([pod('dear', { cost: '100' }), pod('invalid', { cost: 'lots' })])).toBe('invalid');
  });

  it('deletes pods on nodes crowded with related pods first', () => {
    const alone = pod('alone', { node: 'node-2' });
    const crowded = pod('crowded', { node: 'node-1' });
    const sibling = pod('sibling', { node: 'node-1' });
    expect(first([alone, crowded], [alone, crowded, sibling])).toBe('crowded');
    // A terminating related pod does not count.
    expect(first([alone, crowded], [alone, crowded, pod('leaving', { node: 'node-1', deleting: true })])).toBe('alone');
  });

  it('deletes the pod Ready for a shorter time first, comparing in log2 buckets', () => {
    expect(first([pod('old', { readyAgo: 50 }), pod('young', { readyAgo: 2 })])).toBe('young');
    // 40 and 50 minutes fall in the same log2 bucket: the lower UID goes first.
    expect(first([pod('a', { readyAgo: 40, uid: 'uid-9' }), pod('b', { readyAgo: 50, uid: 'uid-1' })])).toBe('b');
  });

  it('deletes the pod with more restarts first', () => {
    expect(first([pod('stable'), pod('flaky', { restarts: 3 })])).toBe('flaky');
  });

  it('deletes newer pods first when everything else ties', () => {
    expect(first([pod('older', { createdAgo: 55 }), pod('newer', { createdAgo: 1 })])).toBe('newer');
  });

  it('returns every pod when all must go', () => {
    const pods = [pod('a'), pod('b')];
    expect(podsToDelete(pods, [], 2, NOW).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });
});

describe('isPodActive', () => {
  it('excludes terminating and terminal pods', () => {
    expect(isPodActive(pod('running'))).toBe(true);
    expect(isPodActive(pod('pending', { phase: 'Pending' }))).toBe(true);
    expect(isPodActive(pod('leaving', { deleting: true }))).toBe(false);
    expect(isPodActive(pod('done', { phase: 'Succeeded' }))).toBe(false);
    expect(isPodActive(pod('failed', { phase: 'Failed' }))).toBe(false);
  });
});
