/**
 * Copying and comparing plain JSON data without going through text.
 *
 * The store copies an object before every update and compares the result with
 * the stored version to drop writes that change nothing. Doing both through
 * `JSON.stringify`/`JSON.parse` was most of the cost of a write, so these two
 * functions walk the data directly while keeping exactly the semantics of a
 * JSON round trip: `jsonClone(v)` equals `JSON.parse(JSON.stringify(v))`, and
 * `jsonEqual(a, b)` equals `JSON.stringify(a) === JSON.stringify(b)` (same
 * keys in the same order, `undefined`/function values left out of objects and
 * written as `null` in arrays, non-finite numbers as `null`, -0 as 0, `toJSON`
 * called).
 */

/** What JSON.stringify writes in place of a value: undefined when it leaves the value out. */
function jsonValue(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'number':
      // JSON has no -0: it reads back as 0.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return value;
  }
}

function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // Built by push so the copy is a packed array, as JSON.parse makes it.
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(cloneValue(jsonValue(value[i], String(i)) ?? null));
    return out;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (isPlain(source)) {
    for (const key in source) copyEntry(out, key, source[key]);
  } else {
    for (const key of Object.keys(source)) copyEntry(out, key, source[key]);
  }
  return out;
}

/**
 * True for an object whose keys `for…in` lists exactly as `Object.keys` does
 * (no prototype, or Object.prototype): those are walked without allocating a
 * key array, which matters for the garbage collector at thousands of copies
 * per simulated second.
 */
function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copyEntry(out: Record<string, unknown>, key: string, value: unknown): void {
  const item = jsonValue(value, key);
  if (item === undefined) return;
  // JSON.parse makes `__proto__` an own property; plain assignment would set the prototype.
  if (key === '__proto__') Object.defineProperty(out, key, { value: cloneValue(item), enumerable: true, writable: true, configurable: true });
  else out[key] = cloneValue(item);
}

/** A deep copy of plain data, as `JSON.parse(JSON.stringify(value))` makes it. */
export function jsonClone<T>(value: T): T {
  const top = jsonValue(value, '');
  if (top === undefined) throw new TypeError('jsonClone: the value has no JSON form');
  return cloneValue(top) as T;
}

function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const listA = a as unknown[];
    const listB = b as unknown[];
    if (listA.length !== listB.length) return false;
    for (let i = 0; i < listA.length; i++) {
      if (!equalValues(jsonValue(listA[i], String(i)) ?? null, jsonValue(listB[i], String(i)) ?? null)) return false;
    }
    return true;
  }
  return equalObjects(a as Record<string, unknown>, b as Record<string, unknown>);
}

/**
 * The keys of the objects being compared, one range per nesting level (a
 * stack reused across calls, so comparing allocates no key arrays).
 */
const keyStack: string[] = [];

function equalObjects(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (!isPlain(a) || !isPlain(b)) return equalKeyLists(a, b);
  const start = keyStack.length;
  try {
    for (const key in a) if (jsonValue(a[key], key) !== undefined) keyStack.push(key);
    const count = keyStack.length - start;
    // b must list the same written keys in the same order, with equal values.
    let j = 0;
    for (const key in b) {
      const valueB = jsonValue(b[key], key);
      if (valueB === undefined) continue;
      if (j === count || keyStack[start + j] !== key) return false;
      j++;
      if (!equalValues(jsonValue(a[key], key), valueB)) return false;
    }
    return j === count;
  } finally {
    keyStack.length = start;
  }
}

/** Walks both key lists in order, skipping the keys JSON.stringify leaves out. */
function equalKeyLists(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  let i = 0;
  let j = 0;
  for (;;) {
    let valueA: unknown;
    let valueB: unknown;
    for (; i < keysA.length; i++) {
      valueA = jsonValue(a[keysA[i] as string], keysA[i] as string);
      if (valueA !== undefined) break;
    }
    for (; j < keysB.length; j++) {
      valueB = jsonValue(b[keysB[j] as string], keysB[j] as string);
      if (valueB !== undefined) break;
    }
    if (i === keysA.length || j === keysB.length) return i === keysA.length && j === keysB.length;
    if (keysA[i] !== keysB[j] || !equalValues(valueA, valueB)) return false;
    i++;
    j++;
  }
}

/** True when both values have the same JSON text (`JSON.stringify(a) === JSON.stringify(b)`). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return equalValues(jsonValue(a, ''), jsonValue(b, ''));
}
