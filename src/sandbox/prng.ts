/**
 * A small seeded PRNG (mulberry32) and a string hash (FNV-1a) for deterministic fault injection: the same seed
 * and the same request give the same decision, whatever order concurrent requests arrive in.
 * @module
 */

/** 32-bit FNV-1a hash of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A generator of uniform numbers in [0, 1) seeded with a 32-bit integer (mulberry32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator seeded from `seed` and a string key: the same pair always yields the same sequence. */
export function seededRandom(seed: number, key: string): () => number {
  return mulberry32((fnv1a(key) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}
