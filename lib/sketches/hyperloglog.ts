/**
 * Distinct counting: exact (a Set) while at most `DISTINCT_EXACT_LIMIT` distinct values were seen, then HyperLogLog
 * with precision p = 14 (m = 16,384 one-byte registers). The estimate uses Ertl's improved raw estimator ("New
 * cardinality estimation algorithms for HyperLogLog sketches", 2017), unbiased over the whole range without HLL++'s
 * empirical tables. Relative standard error 1.04 / sqrt(m) ≈ 0.81 %.
 *
 * Merging is register-wise max, which is exactly the sketch of the union: merged shards give the same registers, and
 * so the same estimate, as one pass over the concatenation. Adding a value twice changes nothing (idempotent).
 */
import { Hasher } from './hash.js';

/** Register index bits. */
export const HLL_PRECISION = 14;
const M = 1 << HLL_PRECISION;
/** Rank bits: the second 32-bit hash half; register values run 0..Q+1. */
const Q = 32;
/** Relative standard error of the HyperLogLog estimate: 1.04 / sqrt(2^14). */
export const HLL_RELATIVE_ERROR = 1.04 / Math.sqrt(M);
/** Up to this many distinct values the count is exact. */
export const DISTINCT_EXACT_LIMIT = 1000;

/** A value the sketch counts. */
export type DistinctValue = string | number | boolean;

/** Serialized state: the values while exact, else base64 registers. */
export type DistinctState = { exact: true; values: DistinctValue[] } | { exact: false; p: number; registers: string };

/** Mergeable distinct-count sketch. */
export class DistinctCounter {
  private set: Set<DistinctValue> | undefined = new Set();
  private registers: Uint8Array | undefined;
  private readonly hasher = new Hasher();

  /** Counts one value (numbers: -0 and 0 are one value). */
  add(value: DistinctValue): void {
    const set = this.set;
    if (set !== undefined) {
      set.add(value === 0 ? 0 : value);
      if (set.size > DISTINCT_EXACT_LIMIT) this.toSketch();
      return;
    }
    this.addHashed(value);
  }

  /** Folds `other` into this: the union of both. */
  merge(other: DistinctCounter): this {
    if (other.set !== undefined) {
      for (const v of other.set) this.add(v);
      return this;
    }
    if (this.set !== undefined) this.toSketch();
    const mine = this.registers!;
    const theirs = other.registers!;
    for (let i = 0; i < M; i++) if (theirs[i]! > mine[i]!) mine[i] = theirs[i]!;
    return this;
  }

  /** True while the count is exact. */
  get exact(): boolean {
    return this.set !== undefined;
  }

  /** The number of distinct values (exact while `exact`, else the HyperLogLog estimate rounded). */
  estimate(): number {
    if (this.set !== undefined) return this.set.size;
    return Math.round(estimateFromRegisters(this.registers!));
  }

  /** Relative standard error of `estimate()`: 0 while exact. */
  errorBound(): number {
    return this.set !== undefined ? 0 : HLL_RELATIVE_ERROR;
  }

  /** State that `fromJSON` restores exactly. */
  toJSON(): DistinctState {
    if (this.set !== undefined) return { exact: true, values: [...this.set] };
    return { exact: false, p: HLL_PRECISION, registers: Buffer.from(this.registers!).toString('base64') };
  }

  /** Restores a counter written by `toJSON`; throws on a foreign precision or a damaged register array. */
  static fromJSON(state: DistinctState): DistinctCounter {
    const d = new DistinctCounter();
    if (state.exact) {
      for (const v of state.values) d.set!.add(v);
      return d;
    }
    const registers = new Uint8Array(Buffer.from(state.registers, 'base64'));
    if (state.p !== HLL_PRECISION || registers.length !== M) {
      throw new Error(`HyperLogLog state has precision ${state.p} and ${registers.length} registers; expected ${HLL_PRECISION} and ${M}`);
    }
    d.set = undefined;
    d.registers = registers;
    return d;
  }

  private toSketch(): void {
    this.registers = new Uint8Array(M);
    const values = this.set!;
    this.set = undefined;
    for (const v of values) this.addHashed(v);
  }

  private addHashed(value: DistinctValue): void {
    const h = this.hasher;
    h.hash(value);
    const index = h.hi >>> (32 - HLL_PRECISION);
    const rank = Math.clz32(h.lo) + 1;
    const registers = this.registers!;
    if (rank > registers[index]!) registers[index] = rank;
  }
}

/** Ertl's improved raw estimator (Algorithm 6 of the paper) over registers holding values 0..Q+1. */
export function estimateFromRegisters(registers: Uint8Array): number {
  const m = registers.length;
  const c = new Float64Array(Q + 2);
  for (let i = 0; i < m; i++) c[registers[i]!]! += 1;
  let z = m * tau(1 - c[Q + 1]! / m);
  for (let k = Q; k >= 1; k--) z = 0.5 * (z + c[k]!);
  z += m * sigma(c[0]! / m);
  return (m * m) / (2 * Math.LN2 * z);
}

function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const previous = z;
    z += x * y;
    y += y;
    if (z === previous) return z;
  }
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z === previous) return z / 3;
  }
}
