/**
 * Count, mean, M2 (sum of squared deviations), min and max of a stream of numbers: Welford's update per value and
 * Chan et al.'s pairwise formula to merge, so partial results over shards combine exactly (up to float rounding).
 */

/** Serialized moments; `min`/`max` are null while empty (JSON has no Infinity). */
export interface MomentsState {
  n: number;
  mean: number;
  m2: number;
  min: number | null;
  max: number | null;
}

/** Running moments of a stream of finite numbers. */
export class Moments {
  n = 0;
  mean = 0;
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** Adds one finite value (Welford). */
  add(x: number): void {
    const n = ++this.n;
    const delta = x - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Folds `other` into this (Chan et al.); `other` is unchanged. */
  merge(other: Moments): this {
    if (other.n === 0) return this;
    if (this.n === 0) {
      this.n = other.n;
      this.mean = other.mean;
      this.m2 = other.m2;
      this.min = other.min;
      this.max = other.max;
      return this;
    }
    const n = this.n + other.n;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.n) / n;
    this.m2 += other.m2 + (delta * delta * this.n * other.n) / n;
    this.n = n;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    return this;
  }

  /** Population variance M2 / n (0 while empty). */
  get variance(): number {
    return this.n === 0 ? 0 : Math.max(0, this.m2 / this.n);
  }

  /** Sample variance M2 / (n - 1) (0 below two values). */
  get sampleVariance(): number {
    return this.n < 2 ? 0 : Math.max(0, this.m2 / (this.n - 1));
  }

  /** State that `fromJSON` restores exactly. */
  toJSON(): MomentsState {
    return { n: this.n, mean: this.mean, m2: this.m2, min: this.n === 0 ? null : this.min, max: this.n === 0 ? null : this.max };
  }

  /** Restores moments written by `toJSON`. */
  static fromJSON(state: MomentsState): Moments {
    const m = new Moments();
    m.n = state.n;
    m.mean = state.mean;
    m.m2 = state.m2;
    m.min = state.min ?? Number.POSITIVE_INFINITY;
    m.max = state.max ?? Number.NEGATIVE_INFINITY;
    return m;
  }
}
