import type { Evaluator } from '../types.js';
import { aggregateResult } from './row-check.js';

/** `row_count`: the number of rows is within inclusive `[min, max]`. */
export function rowCountExpectation(id: string, bounds: { min?: number; max?: number }): Evaluator {
  let rows = 0;
  return {
    addBatch(batch) {
      rows += batch.rowCount;
    },
    finish() {
      const passed = (bounds.min === undefined || rows >= bounds.min) && (bounds.max === undefined || rows <= bounds.max);
      return aggregateResult({ id, expectation: 'row_count' }, passed, { rows, min: bounds.min ?? null, max: bounds.max ?? null });
    },
  };
}
