import { matchesType } from '../cells.js';
import type { DataType, Evaluator } from '../types.js';
import { columnCheck } from './column-check.js';
import type { ExpectationMeta } from './row-check.js';

/** `type`: every non-missing value parses as the declared type (integer, number, boolean, datetime; categorical/string accept anything). */
export function typeExpectation(meta: ExpectationMeta & { column: string }, type: DataType): Evaluator {
  return columnCheck(
    meta,
    (cell) => matchesType(cell, type),
    (c) => ({ type, counted: c.counted, mismatched: c.unexpected }),
    (cells, rowCount) => {
      if (type === 'number' || type === 'categorical' || type === 'string') return true;
      if (type !== 'integer') return false;
      for (let row = 0; row < rowCount; row++) if (!Number.isInteger(cells[row])) return false;
      return true;
    },
  );
}
