import { toComparable, toNumber } from '../cells.js';
import type { Evaluator } from '../types.js';
import { columnCheck } from './column-check.js';
import type { ExpectationMeta } from './row-check.js';

/**
 * `in_range`: numbers (or ISO dates, when the bounds are dates) within inclusive `[min, max]`. A value that is not a
 * number / date at all fails too: it cannot be shown to be in range.
 */
export function rangeExpectation(meta: ExpectationMeta & { column: string }, bounds: { min?: number | string; max?: number | string }): Evaluator {
  const min = bounds.min === undefined ? undefined : toComparable(bounds.min);
  const max = bounds.max === undefined ? undefined : toComparable(bounds.max);
  const kind = min?.kind ?? max?.kind ?? 'number';
  let lowest: number | undefined;
  let highest: number | undefined;
  return columnCheck(
    meta,
    (cell) => {
      // Numeric bounds (the common case) skip toComparable's per-cell object: this runs for every cell of the column.
      let value: number | undefined;
      if (kind === 'number') value = toNumber(cell);
      else {
        const v = toComparable(cell);
        value = v && v.kind === kind ? v.value : undefined;
      }
      if (value === undefined) return false;
      if (lowest === undefined || value < lowest) lowest = value;
      if (highest === undefined || value > highest) highest = value;
      return (min === undefined || value >= min.value) && (max === undefined || value <= max.value);
    },
    (c) => {
      const show = (x: number | undefined) => (x === undefined ? null : kind === 'date' ? new Date(x).toISOString() : x);
      return { min: show(lowest), max: show(highest), outOfRange: c.unexpected };
    },
    (values, rowCount) => {
      if (kind !== 'number' || rowCount === 0) return false;
      let lo = values[0]!;
      let hi = lo;
      for (let row = 1; row < rowCount; row++) {
        const v = values[row]!;
        if (v < lo) lo = v;
        else if (v > hi) hi = v;
      }
      if (lowest === undefined || lo < lowest) lowest = lo;
      if (highest === undefined || hi > highest) highest = hi;
      return (min === undefined || lo >= min.value) && (max === undefined || hi <= max.value);
    },
  );
}
