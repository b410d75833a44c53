import type { ValidationResult } from '../../contracts/validation.js';
import { isMissing } from '../cells.js';
import type { Evaluator } from '../types.js';
import { meetsMostly, percent, RowCheck, type ExpectationMeta } from './row-check.js';

/** Counts missing cells of one column over every row; each missing cell is a failing row. */
function missingCounter(meta: ExpectationMeta & { column: string }, verdict: (check: RowCheck) => { passed: boolean; observed: unknown }): Evaluator {
  const check = new RowCheck(meta);
  return {
    addBatch(batch, { columns }) {
      const index = columns.get(meta.column);
      if (index === undefined) return;
      if (batch.numeric?.[index] === 1) {
        check.passMany(batch.rowCount);
        return;
      }
      const cells = batch.cells[index]!;
      for (let row = 0; row < batch.rowCount; row++) {
        const cell = cells[row] ?? null;
        if (isMissing(cell)) check.fail(batch, row, cell ?? null);
        else check.pass();
      }
    },
    finish(): ValidationResult {
      const { passed, observed } = verdict(check);
      return { ...check.result(observed), passed };
    },
  };
}

/** `not_null` (`nullable: false`): no missing values, or at least `mostly` of the rows present. */
export function notNullExpectation(meta: ExpectationMeta & { column: string }): Evaluator {
  return missingCounter(meta, (c) => ({
    passed: meetsMostly(c.unexpected, c.counted, meta.mostly),
    observed: { missing: c.unexpected, rows: c.counted },
  }));
}

/** `max_missing`: the share of missing values is at most `maxMissing`. */
export function maxMissingExpectation(meta: ExpectationMeta & { column: string }, maxMissing: number): Evaluator {
  return missingCounter({ ...meta, mostly: 1 - maxMissing }, (c) => ({
    passed: c.counted === 0 || c.unexpected / c.counted <= maxMissing + 1e-12,
    observed: { missing: c.unexpected, rows: c.counted, missingPercent: percent(c.unexpected, c.counted), maxMissingPercent: percent(maxMissing, 1) },
  }));
}
