/**
 * A 64-bit hash of a cell value, as two independent 32-bit halves. Hand-written on purpose: sketches (HyperLogLog)
 * are merged across machines and runs, so the hash must be identical on every platform and release forever, cheap
 * enough for tens of millions of values per second, and allocation-free; no small, well-kept npm package promises
 * all three (most are 32-bit, async/WASM, or hash bytes rather than JavaScript strings).
 *
 * Strings: one pass over UTF-16 code units feeding an FNV-1a lane and a multiply-xorshift lane, each finished with
 * MurmurHash3's fmix32 avalanche. Numbers: the IEEE-754 bits (-0 folded into 0), mixed the same way. Booleans: fixed
 * constants. Each kind carries its own seed so `1`, `"1"` and `true` hash apart.
 */

/** MurmurHash3's 32-bit finalizer: every input bit flips each output bit with probability ~1/2. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes values into `hi`/`lo` without allocating; one instance per sketch (it owns a scratch buffer). */
export class Hasher {
  hi = 0;
  lo = 0;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  /** Hashes a string, number or boolean into `hi`/`lo`. */
  hash(value: string | number | boolean): void {
    if (typeof value === 'string') this.hashString(value);
    else if (typeof value === 'number') this.hashNumber(value);
    else {
      this.hi = value ? 0x6a09e667 : 0xbb67ae85;
      this.lo = value ? 0x3c6ef372 : 0xa54ff53a;
    }
  }

  /** Hashes a string's UTF-16 code units. */
  hashString(s: string): void {
    let a = 0x811c9dc5;
    let b = 0x1b873593;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.hi = fmix32(a ^ s.length);
    this.lo = fmix32((b + Math.imul(s.length, 0x9e3779b1)) ^ 0x27d4eb2f);
  }

  /** Hashes a finite number's bits (-0 as 0). */
  hashNumber(x: number): void {
    this.f64[0] = x === 0 ? 0 : x;
    const lo = this.u32[0]!;
    const hi = this.u32[1]!;
    this.hi = fmix32(lo ^ fmix32(hi ^ 0x243f6a88));
    this.lo = fmix32(hi ^ fmix32((lo + 0x85a308d3) >>> 0) ^ 0x13198a2e);
  }
}
