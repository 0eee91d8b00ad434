import { describe, expect, it } from 'vitest';
import { filterErrorMessage, histogram, preFilterErrorMessage } from './fitError';

const pod = { spec: { containers: [] } };

describe('histogram', () => {
  it('counts items and sorts the "<count> <reason>" strings as strings (so 10 comes before 2)', () => {
    const items = [...Array<string>(10).fill('Insufficient cpu'), 'Too many pods', 'Too many pods'];
    expect(histogram(items)).toBe('10 Insufficient cpu, 2 Too many pods');
    expect(histogram(['b', 'a', 'b'])).toBe('1 a, 2 b');
  });
});

describe('filterErrorMessage', () => {
  it('counts every reason of every node and classifies nodes for preemption', () => {
    const message = filterErrorMessage(pod, [
      { reasons: ['Insufficient cpu', 'Insufficient memory'], unresolvable: false },
      { reasons: ['node(s) were unschedulable'], unresolvable: true },
    ]);
    expect(message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('preFilterErrorMessage', () => {
  it('puts the PreFilter text in the middle and counts every node as not helped by preemption', () => {
    expect(preFilterErrorMessage(pod, 4, 'pod has unbound immediate PersistentVolumeClaims')).toBe(
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });
});
