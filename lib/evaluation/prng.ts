/**
 * The bootstrap's seeded random numbers: mulberry32, integer-only 32-bit arithmetic (Math.imul, >>>), so a seed gives
 * the same resamples on every platform and Node version, and scripts/gen-evaluation-reference.py can replay it
 * exactly. Hand-written (a dozen lines) because the sequence is part of the report's reproducibility promise.
 */

/** Uniform numbers in [0, 1) from a 32-bit seed. */
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
