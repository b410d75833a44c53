/** Append-only float64 storage that doubles as it grows: model outputs of a streamed dataset, one batch at a time. */
export class GrowableFloat64 {
  private data = new Float64Array(1024);
  length = 0;

  /** Appends `values` (any numeric array-like: float32 outputs widen to float64). */
  append(values: ArrayLike<number>): void {
    this.reserve(values.length);
    if (values instanceof Float32Array || values instanceof Float64Array) this.data.set(values, this.length);
    else for (let i = 0; i < values.length; i++) this.data[this.length + i] = values[i]!;
    this.length += values.length;
  }

  /** The values appended so far (a view). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Float64Array(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** A column's values interned: one small integer per row plus the distinct values, in order of appearance. */
export class InternedColumn {
  private ids = new Int32Array(1024);
  private readonly lookup = new Map<string | number | boolean | null, number>();
  readonly values: Array<string | number | boolean | null> = [];
  length = 0;

  constructor(readonly name: string) {}

  /** Appends one cell. */
  push(cell: string | number | boolean | null): void {
    let id = this.lookup.get(cell);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(cell);
      this.lookup.set(cell, id);
    }
    if (this.length === this.ids.length) {
      const next = new Int32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.length++] = id;
  }

  /** Value id per row (a view). */
  rowIds(): Int32Array {
    return this.ids.subarray(0, this.length);
  }

  /** The values row by row. */
  rowValues(): Array<string | number | boolean | null> {
    const out = new Array<string | number | boolean | null>(this.length);
    const ids = this.rowIds();
    for (let i = 0; i < this.length; i++) out[i] = this.values[ids[i]!]!;
    return out;
  }
}
