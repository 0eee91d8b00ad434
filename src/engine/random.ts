/**
 * Seeded pseudo-random numbers whose whole state lives in the cluster state
 * (boardgame.io style), so a scenario replays byte for byte.
 *
 * Generator: sfc32 (Small Fast Counting), seeded through splitmix32.
 */

/** PRNG state: four 32-bit words. Plain data, JSON-serialisable. */
export type RngState = [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates the PRNG state for a seed. */
export function createRng(seed: number): RngState {
  const next = splitmix32(seed);
  return [next(), next(), next(), next()];
}

/** Draws the next unsigned 32-bit integer and advances `rng` in place. */
export function nextUint32(rng: RngState): number {
  let [a, b, c, d] = rng;
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = ((c << 21) | (c >>> 11)) >>> 0;
  c = (c + t) >>> 0;
  rng[0] = a >>> 0;
  rng[1] = b;
  rng[2] = c;
  rng[3] = d;
  return t;
}

/** Integer in [0, n). */
export function nextInt(rng: RngState, n: number): number {
  return nextUint32(rng) % n;
}

/** The alphabet Kubernetes uses for generated name suffixes (apimachinery rand.String). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A random suffix like `x8k2m`, as `generateName` and ReplicaSet pods use. */
export function randomSuffix(rng: RngState, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[nextInt(rng, NAME_ALPHABET.length)];
  return out;
}

/** A version-4 style UUID drawn from the PRNG, e.g. `e9a23104-d018-4d73-8cd9-89e5ea67f96c`. */
export function randomUid(rng: RngState): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const a = hex(nextUint32(rng));
  const b = hex(nextUint32(rng));
  const c = hex(nextUint32(rng));
  const d = hex(nextUint32(rng));
  const variant = ((parseInt(c[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
