/**
 * Frequent values: exact counts while at most 2·capacity distinct values were seen, then the mergeable Misra-Gries
 * summary of Agarwal et al. ("Mergeable Summaries", 2012): whenever more than 2·capacity counters are held, the
 * (capacity+1)-th largest count is subtracted from every counter and counters at or below zero are dropped.
 *
 * Error bound: every reported count is a lower bound, at most `undercount` below the true count, and
 * undercount ≤ n / (capacity + 1) — for add and merge alike. While `exact`, counts are exact; merging two exact
 * summaries whose union has at most 2·capacity values stays exact, so shards merge to the same counts as one pass.
 */

import { NumberIndex } from './number-index.js';

/** Counters kept after a reduction; exact up to twice this many distinct values. */
export const TOPK_CAPACITY = 5000;

/** A counted value. */
export type TopKValue = string | number | boolean;

/** One value and its (lower-bound) count. */
export interface TopKItem {
  value: TopKValue;
  count: number;
}

/** Serialized summary: counters as [value, count] pairs. */
export interface TopKState {
  capacity: number;
  n: number;
  undercount: number;
  entries: Array<[TopKValue, number]>;
}

/** Mergeable frequent-items summary. */
export class FrequentItems {
  readonly capacity: number;
  n = 0;
  /** Sum of the amounts subtracted by reductions: the most any count can be below the truth. */
  undercount = 0;
  // value → slot (numbers in a typed hash index, others in a Map); counts live in a typed array, so a repeat costs
  // one lookup and no allocation. A numeric key lives in `numberKeys` (its `keys` entry is null): a double stored in
  // a plain array is boxed, one heap object per distinct number, which made high-cardinality columns GC-bound.
  private index = new Map<TopKValue, number>();
  private numbers = new NumberIndex();
  // Slots in use are keys[0, held); the arrays are reused, never shrunk, so steady-state adds allocate nothing.
  private keys: Array<TopKValue | null> = [];
  private held = 0;
  private numberKeys = new Float64Array(64);
  private reusable: NumberIndex | undefined;
  private spareCounts: Float64Array<ArrayBuffer> | undefined;
  private spareKeys: Array<TopKValue | null> | undefined;
  private spareNumberKeys: Float64Array<ArrayBuffer> | undefined;
  private counts = new Float64Array(64);

  constructor(capacity = TOPK_CAPACITY) {
    this.capacity = capacity;
  }

  /** Counts one value; returns true when it was not held before (a first sight, or its counter had been dropped). */
  add(value: TopKValue): boolean {
    this.n++;
    const slot = this.slotOf(value);
    if (slot >= 0) {
      this.counts[slot]! += 1;
      return false;
    }
    this.insert(value === 0 ? 0 : value, 1);
    if (this.held > 2 * this.capacity) this.reduce();
    return true;
  }

  /** Folds `other` into this; `other` is unchanged. */
  merge(other: FrequentItems): this {
    for (let i = 0; i < other.held; i++) {
      const value = other.keyAt(i);
      const slot = this.slotOf(value);
      if (slot >= 0) this.counts[slot]! += other.counts[i]!;
      else this.insert(value, other.counts[i]!);
    }
    this.n += other.n;
    this.undercount += other.undercount;
    if (this.held > 2 * this.capacity) this.reduce();
    return this;
  }

  /** True while every count is exact. */
  get exact(): boolean {
    return this.undercount === 0;
  }

  /** How many counters are held (the distinct count while exact). */
  get size(): number {
    return this.held;
  }

  /** The `k` largest counts, ties broken by value (numbers, then booleans, then strings, each ascending). */
  top(k: number = Number.POSITIVE_INFINITY): TopKItem[] {
    const items: TopKItem[] = Array.from({ length: this.held }, (_, i) => ({ value: this.keyAt(i), count: this.counts[i]! }));
    items.sort((a, b) => b.count - a.count || compareValues(a.value, b.value));
    return items.length > k ? items.slice(0, k) : items;
  }

  /**
   * State that `fromJSON` restores exactly. A summary that is already approximate and holds more than `capacity`
   * counters is reduced first (a reduction any later add could have made; the error bound holds): on a
   * high-cardinality column this drops thousands of count-1 counters that would otherwise fill the profile file.
   */
  toJSON(): TopKState {
    if (!this.exact && this.held > this.capacity) this.reduce();
    return { capacity: this.capacity, n: this.n, undercount: this.undercount, entries: Array.from({ length: this.held }, (_, i): [TopKValue, number] => [this.keyAt(i), this.counts[i]!]) };
  }

  /** Restores a summary written by `toJSON`. */
  static fromJSON(state: TopKState): FrequentItems {
    const f = new FrequentItems(state.capacity);
    f.n = state.n;
    f.undercount = state.undercount;
    for (const [value, count] of state.entries) f.insert(value, count);
    return f;
  }

  private keyAt(slot: number): TopKValue {
    return this.keys[slot] ?? this.numberKeys[slot]!;
  }

  private insert(value: TopKValue, count: number): void {
    const slot = this.held++;
    if (slot === this.counts.length) {
      const bigger = new Float64Array(slot * 2);
      bigger.set(this.counts);
      this.counts = bigger;
      const keys = new Float64Array(slot * 2);
      keys.set(this.numberKeys);
      this.numberKeys = keys;
    }
    this.counts[slot] = count;
    if (typeof value === 'number') {
      if (slot < this.keys.length) this.keys[slot] = null;
      else this.keys.push(null);
      this.numberKeys[slot] = value;
      this.numbers.set(value, slot);
    } else {
      if (slot < this.keys.length) this.keys[slot] = value;
      else this.keys.push(value);
      this.index.set(value, slot);
    }
  }

  private slotOf(value: TopKValue): number {
    return typeof value === 'number' ? this.numbers.get(value) : (this.index.get(value) ?? -1);
  }

  // Subtracts the (capacity+1)-th largest count from every counter and keeps the positive ones (rebuilt, not deleted
  // in place: most counters go, and a fresh Map is cheaper than tombstones).
  private reduce(): void {
    const size = this.held;
    const cut = kthLargest(this.counts.slice(0, size), this.capacity + 1);
    const keys = this.keys;
    const numberKeys = this.numberKeys;
    const counts = this.counts;
    this.index.clear();
    // Sized once for the most counters a summary holds (2·capacity + 1) and then cleared, not reallocated: a
    // high-cardinality column reduces every ~capacity values, and a fresh, growing index each time cost a third of
    // the top-k's time.
    if (this.reusable === undefined) this.reusable = new NumberIndex(2 * this.capacity + 2);
    else this.reusable.clear();
    this.numbers = this.reusable;
    // The key array is double-buffered like the counters (a fresh 10,000-slot array per reduction was promoted
    // garbage: tens of MB of old generation on a large profile).
    this.keys = this.spareKeys ?? [];
    this.held = 0;
    // The counter arrays are double-buffered for the same reason.
    const length = Math.max(64, 2 * this.capacity + 2);
    this.counts = this.spareCounts ?? new Float64Array(length);
    this.numberKeys = this.spareNumberKeys ?? new Float64Array(length);
    for (let i = 0; i < size; i++) if (counts[i]! > cut) this.insert(keys[i] ?? numberKeys[i]!, counts[i]! - cut);
    this.spareCounts = counts.length === length ? counts : undefined;
    keys.fill(null, 0, size);
    this.spareKeys = keys;
    this.spareNumberKeys = numberKeys.length === length ? numberKeys : undefined;
    this.undercount += cut;
  }
}

/** The k-th largest value (1-based) of `a` (reordered in place): Hoare's quickselect. */
export function kthLargest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

const kindOrder = { number: 0, boolean: 1, string: 2 } as const;

/** Total order on values: by kind (number, boolean, string), then ascending within the kind. */
export function compareValues(a: TopKValue, b: TopKValue): number {
  const ka = kindOrder[typeof a as 'number' | 'boolean' | 'string'];
  const kb = kindOrder[typeof b as 'number' | 'boolean' | 'string'];
  if (ka !== kb) return ka - kb;
  return a < b ? -1 : a > b ? 1 : 0;
}
