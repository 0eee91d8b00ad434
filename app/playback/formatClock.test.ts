import { describe, expect, it } from 'vitest';
import { formatClock } from './formatClock';

describe('formatClock', () => {
  it('shows minutes, seconds and tenths, and hours past an hour', () => {
    expect(formatClock(0)).toBe('00:00.0');
    expect(formatClock(83_450)).toBe('01:23.4');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});
