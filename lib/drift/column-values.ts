/**
 * Raw-mode input: every non-missing value of one column, kept in the form its statistics need — numbers (and
 * datetimes, as epoch ms) in a growing Float64Array, everything else counted per distinct text. Cells are classified
 * like lib/profile classifies them (same missing rule, same kinds, same type decision), so a column has the same type
 * whether drift reads the data or compares two profiles. No per-value allocation for numeric cells.
 */
import type { ColumnType } from '../contracts/profile.js';
import type { CellValue } from '../data/batch.js';
import { parseIsoDateMs } from '../profile/column-profiler.js';
import { decideType, emptyKindCounts, type KindCounts } from '../profile/infer-type.js';

/** One side of one column once the data is read. */
export interface ColumnSide {
  name: string;
  type: ColumnType;
  /** Non-missing values. */
  count: number;
  missing: number;
  /** Numeric and datetime columns: the values, ascending, in [0, count). */
  values?: Float64Array;
  /** Other columns: value → count. */
  categories?: Map<string, number>;
}

/** Streams one column's cells. */
export class ColumnValues {
  readonly name: string;
  missing = 0;
  readonly kinds: KindCounts = emptyKindCounts();
  private numbers = new Float64Array(1024);
  private size = 0;
  private dates: number[] = [];
  private readonly text = new Map<string, number>();

  constructor(name: string) {
    this.name = name;
  }

  /** Adds the first `rowCount` cells; `allNumeric` is the reader's promise that every one is a finite number. */
  addCells(cells: readonly CellValue[], rowCount: number, allNumeric = false): void {
    if (this.size + rowCount > this.numbers.length) this.grow(this.size + rowCount);
    const numbers = this.numbers;
    let size = this.size;
    if (allNumeric) {
      let integers = 0;
      for (let row = 0; row < rowCount; row++) {
        const x = cells[row] as number;
        numbers[size++] = x;
        if (x === Math.floor(x)) integers++;
      }
      this.kinds.integer += integers;
      this.kinds.number += rowCount - integers;
      this.size = size;
      return;
    }
    const kinds = this.kinds;
    for (let row = 0; row < rowCount; row++) {
      const cell = cells[row];
      if (typeof cell === 'number') {
        if (cell - cell !== 0) {
          this.missing++;
          continue;
        }
        numbers[size++] = cell;
        if (Number.isInteger(cell)) kinds.integer++;
        else kinds.number++;
      } else if (typeof cell === 'string') {
        const text = cell.length > 0 && cell.charCodeAt(0) > 32 && cell.charCodeAt(cell.length - 1) > 32 ? cell : cell.trim();
        if (text.length === 0) {
          this.missing++;
          continue;
        }
        const c0 = text.charCodeAt(0);
        if ((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) {
          const x = +text;
          if (x - x === 0 && !/^0[xbo]/i.test(text)) {
            numbers[size++] = x;
            if (Number.isInteger(x) && !/[.eE]/.test(text)) kinds.integer++;
            else kinds.number++;
            continue;
          }
          const ms = text.length >= 10 && text.charCodeAt(4) === 45 ? parseIsoDateMs(text) : Number.NaN;
          if (ms === ms) {
            this.dates.push(ms);
            kinds.datetime++;
            this.count(text);
            continue;
          }
        }
        if (text.length <= 5 && /^(true|false)$/i.test(text)) {
          kinds.boolean++;
          this.count(text.toLowerCase());
        } else {
          kinds.text++;
          this.count(text);
        }
      } else if (typeof cell === 'boolean') {
        kinds.boolean++;
        this.count(cell ? 'true' : 'false');
      } else this.missing++;
    }
    this.size = size;
  }

  /** The column's type and values; numbers are sorted here (in place: the collector must not be used afterwards). */
  finish(sort: (values: Float64Array, n: number) => Float64Array): ColumnSide {
    const kinds = { ...this.kinds };
    const count = kinds.integer + kinds.number + kinds.boolean + kinds.datetime + kinds.text;
    const side: ColumnSide = { name: this.name, type: 'string', count, missing: this.missing };
    if (count > 0 && kinds.integer + kinds.number === count) {
      side.type = decideType(kinds, 0);
      side.values = sort(this.numbers, this.size).subarray(0, this.size);
    } else if (count > 0 && kinds.datetime === count) {
      side.type = 'datetime';
      side.values = sort(Float64Array.from(this.dates), this.dates.length);
    } else {
      // Mixed columns are compared as text: numbers join the counts under their text form (dates are there already).
      for (let i = 0; i < this.size; i++) this.count(String(this.numbers[i]!));
      side.type = decideType(kinds, this.text.size);
      side.categories = this.text;
    }
    return side;
  }

  private count(key: string): void {
    this.text.set(key, (this.text.get(key) ?? 0) + 1);
  }

  private grow(needed: number): void {
    const bigger = new Float64Array(Math.max(needed, this.numbers.length * 2));
    bigger.set(this.numbers.subarray(0, this.size));
    this.numbers = bigger;
  }
}
