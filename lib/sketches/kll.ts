/**
 * KLL quantile sketch (Karnin, Lang, Liberty 2016), the lazy-compaction variant DataSketches uses: level h holds
 * items of weight 2^h; when the sketch holds more than its capacity, the lowest full level is sorted and every other
 * item (offset chosen by a seeded xorshift32, so runs and merges are reproducible) moves up one level.
 *
 * Error bound: with k = 400 the normalized rank error of every quantile at once is ≤ 2.446 / k^0.9433 ≈ 0.86 % with
 * 99 % confidence (DataSketches' empirical fit for KLL, getNormalizedRankError(k, pmf = true)); the tests check
 * ≤ 1 % on 1e5-sized data in random, sorted and reversed order. While n ≤ the sketch's capacity it is exact.
 */

/** Parameter k: the top level's capacity. */
export const KLL_K = 400;
/** Stated normalized rank error for KLL_K (all quantiles simultaneously, 99 % confidence). */
export const KLL_RANK_ERROR = Math.ceil((2.446 / Math.pow(KLL_K, 0.9433)) * 1e4) / 1e4;
const MIN_LEVEL_CAPACITY = 8;
// Level 0 (weight 1) may hold more than KLL's minimum: a larger bottom level only lowers the error, and compacting
// 256 values at a time instead of 8 makes add() several times cheaper (one native sort per ~128 values).
const LEVEL0_MIN_CAPACITY = 256;
const DEFAULT_SEED = 0x2545f491;

/** Serialized sketch. `rng` is the xorshift32 state, so a restored sketch continues exactly as the original would. */
export interface KllState {
  k: number;
  n: number;
  min: number | null;
  max: number | null;
  rng: number;
  /** Items per level, level 0 first (weights 1, 2, 4, …). */
  levels: number[][];
}

/** Mergeable quantile sketch over finite numbers. */
export class KllSketch {
  readonly k: number;
  n = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private rng: number;
  private levels: Float64Array[] = [new Float64Array(64)];
  private sizes: number[] = [0];
  private held = 0;
  private capacity: number;
  private capacities: number[] = [];
  private sorted: { values: Float64Array; cumulative: Float64Array } | undefined;
  private scratch = new Float64Array(0);

  constructor(k = KLL_K, seed = DEFAULT_SEED) {
    this.k = k;
    this.rng = seed >>> 0 || DEFAULT_SEED;
    this.capacity = this.totalCapacity();
  }

  /** Adds one finite value. */
  add(x: number): void {
    let level = this.levels[0]!;
    const size = this.sizes[0]!;
    if (size === level.length) level = this.grow(0, size + 1);
    level[size] = x;
    this.sizes[0] = size + 1;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.n++;
    this.sorted = undefined;
    if (++this.held > this.capacity) this.compress();
  }

  /** Folds `other` into this; `other` is unchanged. */
  merge(other: KllSketch): this {
    if (other.n === 0) return this;
    for (let h = 0; h < other.levels.length; h++) {
      const count = other.sizes[h]!;
      if (count === 0) continue;
      while (this.levels.length <= h) this.addLevel();
      const items = other.levels[h]!.subarray(0, count);
      if (h === 0) {
        const size = this.sizes[0]!;
        this.grow(0, size + count).set(items, size);
        this.sizes[0] = size + count;
      } else this.mergeInto(h, items);
      this.held += count;
    }
    this.n += other.n;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    this.sorted = undefined;
    this.capacity = this.totalCapacity();
    while (this.held > this.capacity) this.compress();
    return this;
  }

  /** True while every value is held with weight 1. */
  get exact(): boolean {
    return this.levels.length === 1;
  }

  /** The smallest held value whose cumulative weight reaches q·n (q in [0, 1]); NaN while empty. */
  quantile(q: number): number {
    if (this.n === 0) return Number.NaN;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const { values, cumulative } = this.view();
    const target = q * this.n;
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  }

  /** Estimated fraction of values < x (or ≤ x with `inclusive`); NaN while empty. */
  rank(x: number, inclusive = false): number {
    if (this.n === 0) return Number.NaN;
    const { values, cumulative } = this.view();
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = values[mid]!;
      if (v < x || (inclusive && v === x)) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : cumulative[lo - 1]! / this.n;
  }

  /** Estimated fraction of values < each point. */
  cdf(points: readonly number[]): number[] {
    return points.map((p) => this.rank(p));
  }

  /** State that `fromJSON` restores exactly. */
  toJSON(): KllState {
    return {
      k: this.k,
      n: this.n,
      min: this.n === 0 ? null : this.min,
      max: this.n === 0 ? null : this.max,
      rng: this.rng,
      levels: this.levels.map((level, h) => Array.from(level.subarray(0, this.sizes[h]!))),
    };
  }

  /** Restores a sketch written by `toJSON`. */
  static fromJSON(state: KllState): KllSketch {
    const s = new KllSketch(state.k, state.rng);
    s.rng = state.rng >>> 0;
    s.n = state.n;
    s.min = state.min ?? Number.POSITIVE_INFINITY;
    s.max = state.max ?? Number.NEGATIVE_INFINITY;
    s.levels = state.levels.map((items) => Float64Array.from(items.length === 0 ? [0] : items));
    s.sizes = state.levels.map((items) => items.length);
    if (s.levels.length === 0) {
      s.levels = [new Float64Array(64)];
      s.sizes = [0];
    }
    s.held = s.sizes.reduce((a, b) => a + b, 0);
    s.capacity = s.totalCapacity();
    return s;
  }

  // Also refreshes the per-level capacities: they depend on the number of levels.
  private totalCapacity(): number {
    let total = 0;
    const top = this.levels.length - 1;
    this.capacities.length = 0;
    for (let h = 0; h <= top; h++) {
      const capacity = Math.max(h === 0 ? LEVEL0_MIN_CAPACITY : MIN_LEVEL_CAPACITY, Math.ceil(this.k * Math.pow(2 / 3, top - h)));
      this.capacities.push(capacity);
      total += capacity;
    }
    return total;
  }

  private addLevel(): void {
    this.levels.push(new Float64Array(16));
    this.sizes.push(0);
    this.capacity = this.totalCapacity();
  }

  private grow(h: number, needed: number): Float64Array {
    const level = this.levels[h]!;
    if (needed <= level.length) return level;
    const bigger = new Float64Array(Math.max(needed, level.length * 2));
    bigger.set(level.subarray(0, this.sizes[h]!));
    this.levels[h] = bigger;
    return bigger;
  }

  // Compacts the lowest level at or over its capacity: sort it, keep one item if the count is odd, and promote the
  // items at even or odd positions (a coin flip) to the next level with twice the weight.
  private compress(): void {
    let h = 0;
    while (h < this.levels.length - 1 && this.sizes[h]! < this.capacities[h]!) h++;
    if (h === this.levels.length - 1) this.addLevel();
    const size = this.sizes[h]!;
    const items = this.levels[h]!;
    // Levels above 0 are kept sorted (merged, never re-sorted); level 0 is sorted only here.
    if (h === 0) sortRange(items, 0, size);
    const odd = size & 1;
    const pairs = (size - odd) >>> 1;
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    const offset = this.rng & 1;
    // One scratch buffer per sketch, not a new array per compaction: a column compacts every ~128 values, and the
    // garbage of millions of small ArrayBuffers was most of a large profile's memory.
    if (this.scratch.length < pairs) this.scratch = new Float64Array(Math.max(pairs, 2 * this.scratch.length));
    const promoted = this.scratch;
    for (let i = 0; i < pairs; i++) promoted[i] = items[2 * i + offset]!;
    // odd counts keep their largest item at this level
    if (odd) items[0] = items[size - 1]!;
    this.sizes[h] = odd;
    this.mergeInto(h + 1, promoted, pairs);
    this.held -= pairs;
  }

  // Merges the first `count` of sorted `items` into the sorted level h, from the back, in place.
  private mergeInto(h: number, items: Float64Array, count = items.length): void {
    const size = this.sizes[h]!;
    const level = this.grow(h, size + count);
    let i = size - 1;
    let j = count - 1;
    let k = size + count - 1;
    while (j >= 0) {
      if (i >= 0 && level[i]! > items[j]!) level[k--] = level[i--]!;
      else level[k--] = items[j--]!;
    }
    this.sizes[h] = size + count;
  }

  private view(): { values: Float64Array; cumulative: Float64Array } {
    if (this.sorted) return this.sorted;
    const count = this.held;
    const order = new Uint32Array(count);
    const values = new Float64Array(count);
    const weights = new Float64Array(count);
    let j = 0;
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h]!;
      const w = 2 ** h;
      for (let i = 0; i < this.sizes[h]!; i++, j++) {
        values[j] = level[i]!;
        weights[j] = w;
        order[j] = j;
      }
    }
    order.sort((a, b) => values[a]! - values[b]! || a - b);
    const sortedValues = new Float64Array(count);
    const cumulative = new Float64Array(count);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      sortedValues[i] = values[order[i]!]!;
      sum += weights[order[i]!]!;
      cumulative[i] = sum;
    }
    this.sorted = { values: sortedValues, cumulative };
    return this.sorted;
  }
}

// Sorts a[lo, hi) ascending: quicksort (median of three) with insertion sort below 16 items. Hand-written because
// TypedArray.prototype.sort is about twice as slow on the few-hundred-item runs KLL compacts.
function sortRange(a: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const x = a[lo]!;
    const y = a[(lo + hi) >>> 1]!;
    const z = a[hi - 1]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (j - lo < hi - 1 - i) {
      sortRange(a, lo, j + 1);
      lo = i;
    } else {
      sortRange(a, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
