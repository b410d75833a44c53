/**
 * Lengths of text values (UTF-16 code units, as JavaScript counts them): min, max and mean. Lengths are integers, so
 * the moments are kept as an exact integer sum rather than Welford's running mean: merging is exact, not just close,
 * and add() costs two compares and an add.
 */

/** min / max / mean length of the text values seen. */
export interface StringLengthSummary {
  min: number;
  max: number;
  mean: number;
}

/** Serialized lengths; min/max are null while empty. */
export interface StringLengthsState {
  n: number;
  sum: number;
  min: number | null;
  max: number | null;
}

/** Mergeable string-length statistics. */
export class StringLengths {
  n = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** Adds one value's length. */
  add(length: number): void {
    this.n++;
    this.sum += length;
    if (length < this.min) this.min = length;
    if (length > this.max) this.max = length;
  }

  /** Folds `other` into this. */
  merge(other: StringLengths): this {
    this.n += other.n;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    return this;
  }

  /** The summary, or undefined when no value was added. */
  summary(): StringLengthSummary | undefined {
    return this.n === 0 ? undefined : { min: this.min, max: this.max, mean: this.sum / this.n };
  }

  /** State that `fromJSON` restores exactly. */
  toJSON(): StringLengthsState {
    return { n: this.n, sum: this.sum, min: this.n === 0 ? null : this.min, max: this.n === 0 ? null : this.max };
  }

  /** Restores lengths written by `toJSON`. */
  static fromJSON(state: StringLengthsState): StringLengths {
    const s = new StringLengths();
    s.n = state.n;
    s.sum = state.sum;
    s.min = state.min ?? Number.POSITIVE_INFINITY;
    s.max = state.max ?? Number.NEGATIVE_INFINITY;
    return s;
  }
}
