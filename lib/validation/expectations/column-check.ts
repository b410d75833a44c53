import type { CellValue } from '../../data/batch.js';
import type { ValidationResult } from '../../contracts/validation.js';
import { isMissing } from '../cells.js';
import type { Evaluator } from '../types.js';
import { RowCheck, type ExpectationMeta } from './row-check.js';

/**
 * An evaluator that tests each non-missing cell of one column with `accepts`. Missing cells are not counted: they are
 * the business of `not_null` / `max_missing`, so one empty cell is not reported three times. A column the data lacks
 * (an optional one) yields a passing result with nothing counted.
 *
 * `allNumbers` is the fast path for batches whose column the reader marked all-numeric (`DataBatch.numeric`): it returns
 * true when every cell passes (having recorded what `observe` needs), false to fall back to the per-cell loop.
 */
export function columnCheck(
  meta: ExpectationMeta & { column: string },
  accepts: (cell: CellValue) => boolean,
  observe?: (check: RowCheck) => unknown,
  allNumbers?: (cells: readonly number[], rowCount: number) => boolean,
): Evaluator {
  const check = new RowCheck(meta);
  return {
    addBatch(batch, { columns }) {
      const index = columns.get(meta.column);
      if (index === undefined) return;
      const cells = batch.cells[index]!;
      if (allNumbers !== undefined && batch.numeric?.[index] === 1 && allNumbers(cells as readonly number[], batch.rowCount)) {
        check.passMany(batch.rowCount);
        return;
      }
      for (let row = 0; row < batch.rowCount; row++) {
        const cell = cells[row] ?? null;
        if (isMissing(cell)) continue;
        if (accepts(cell)) check.pass();
        else check.fail(batch, row, cell);
      }
    },
    finish(): ValidationResult {
      return check.result(observe?.(check));
    },
  };
}
