import { describe, it, expect } from 'vitest';
import { jsonClone, jsonEqual } from './jsonData';
import { createRng, nextInt, type RngState } from './random';

/** Values that JSON treats specially, mixed into random trees. */
const EDGE_VALUES: unknown[] = [undefined, null, NaN, Infinity, -Infinity, -0, 0, 1.5, '', 'a', true, false, () => 1, Symbol('s'), new Date(0)];

function pick<T>(rng: RngState, list: readonly T[]): T {
  return list[nextInt(rng, list.length)] as T;
}

function randomValue(rng: RngState, depth: number): unknown {
  const shape = pick(rng, depth > 3 ? ['leaf'] : ['leaf', 'leaf', 'array', 'object']);
  if (shape === 'leaf') return pick(rng, EDGE_VALUES);
  const size = pick(rng, [0, 1, 2, 3]);
  if (shape === 'array') return Array.from({ length: size }, () => randomValue(rng, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < size; i++) out[pick(rng, ['a', 'b', 'c', '1', '0', 'spec', 'status'])] = randomValue(rng, depth + 1);
  return out;
}

describe('jsonClone', () => {
  it('copies like JSON.parse(JSON.stringify(value)), dropping undefined and functions and nulling non-finite numbers', () => {
    const value = { a: undefined, b: [undefined, NaN, () => 1, -0], c: { d: new Date(0), e: Infinity }, f: 'x' };
    expect(jsonClone(value)).toStrictEqual(JSON.parse(JSON.stringify(value)));
    expect(Object.keys(jsonClone(value))).toEqual(['b', 'c', 'f']);
  });

  it('returns a copy that shares nothing with the original', () => {
    const value = { spec: { containers: [{ name: 'a' }] } };
    const copy = jsonClone(value);
    copy.spec.containers[0]!.name = 'b';
    expect(value.spec.containers[0]!.name).toBe('a');
  });

  it('keeps a "__proto__" key as an own property, as JSON.parse does', () => {
    const value = JSON.parse('{"data":{"__proto__":"x","a":"y"}}') as { data: Record<string, string> };
    const copy = jsonClone(value);
    expect(Object.keys(copy.data)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it('agrees with a JSON round trip on a thousand random trees of awkward values', () => {
    const rng = createRng(7);
    for (let n = 0; n < 1000; n++) {
      const value = { root: randomValue(rng, 0) };
      expect(JSON.stringify(jsonClone(value))).toBe(JSON.stringify(value));
      expect(jsonClone(value)).toStrictEqual(JSON.parse(JSON.stringify(value)));
    }
  });
});

/** An object whose prototype lends it an enumerable key: JSON (own keys only) ignores it. */
function withInheritedKey(own: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create({ inherited: 1 }) as Record<string, unknown>, own);
}

describe('jsonClone and jsonEqual on objects with a prototype', () => {
  it('copy and compare own keys only, as JSON does', () => {
    const value = { spec: withInheritedKey({ a: 1 }) };
    expect(JSON.stringify(jsonClone(value))).toBe('{"spec":{"a":1}}');
    expect(jsonEqual(value, { spec: { a: 1 } })).toBe(true);
    expect(jsonEqual({ spec: { a: 1 } }, value)).toBe(true);
    expect(jsonEqual(value, { spec: { a: 1, inherited: 1 } })).toBe(false);
  });
});

describe('jsonEqual', () => {
  it('is true when only left-out values differ', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([NaN, undefined], [null, null])).toBe(true);
    expect(jsonEqual(undefined, () => 1)).toBe(true);
  });

  it('is false when the keys come in another order, as the JSON text differs', () => {
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
  });

  it('is false for null against a missing value, and for an array against an object', () => {
    expect(jsonEqual(null, undefined)).toBe(false);
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
  });

  it('agrees with comparing JSON texts on random pairs of awkward trees', () => {
    const rng = createRng(11);
    let equalPairs = 0;
    for (let n = 0; n < 3000; n++) {
      const a = randomValue(rng, 1);
      // Half the pairs are a value and a copy with one JSON-invisible change, so equal pairs are common.
      const b = n % 2 === 0 ? randomValue(rng, 1) : withInvisibleChange(jsonClone({ v: a }).v);
      const expected = JSON.stringify(a) === JSON.stringify(b);
      if (expected) equalPairs++;
      expect(jsonEqual(a, b)).toBe(expected);
    }
    expect(equalPairs).toBeGreaterThan(1000);
  });
});

function withInvisibleChange(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) return { ...value, extra: undefined };
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'number' && !Number.isFinite(item) ? null : item));
  return value;
}
