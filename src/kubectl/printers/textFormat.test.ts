import { describe, expect, it } from 'vitest';
import { accessModesText, canonicalQuantity, formatLabels, rfc1123z, selectorString, since } from './textFormat';

describe('since (translateTimestampSince)', () => {
  it('prints kubectl ages, 0s for up to a second of skew and <invalid> for the future', () => {
    expect(since(125_000, 0)).toBe('2m5s');
    expect(since(1000, 1500)).toBe('0s');
    expect(since(1000, 2999)).toBe('0s');
    expect(since(1000, 3001)).toBe('<invalid>');
    expect(since(1000, undefined)).toBe('<unknown>');
  });
});

describe('canonicalQuantity (Quantity.String)', () => {
  it('keeps binary suffixes binary and canonicalises decimal amounts', () => {
    expect(canonicalQuantity('1Gi')).toBe('1Gi');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
    expect(canonicalQuantity('1500m')).toBe('1500m');
    expect(canonicalQuantity('1.5')).toBe('1500m');
    expect(canonicalQuantity('2')).toBe('2');
    expect(canonicalQuantity('1000')).toBe('1k');
    expect(canonicalQuantity('110')).toBe('110');
    expect(canonicalQuantity(undefined)).toBe('0');
  });
});

describe('selector and label text', () => {
  it('sorts requirements by key like labels.Selector.String()', () => {
    expect(selectorString({ matchLabels: { tier: 'web', app: 'nginx' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'legacy', operator: 'DoesNotExist' }] })).toBe(
      'app=nginx,env in (dev,prod),!legacy,tier=web',
    );
    expect(selectorString(undefined)).toBe('');
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
  });

  it('abbreviates access modes in kubectl order', () => {
    expect(accessModesText(['ReadWriteOncePod', 'ReadWriteMany', 'ReadWriteOnce'])).toBe('RWO,RWX,RWOP');
  });

  it('formats RFC1123Z in UTC', () => {
    expect(rfc1123z(Date.parse('2025-01-01T00:00:03Z'))).toBe('Wed, 01 Jan 2025 00:00:03 +0000');
  });
});
