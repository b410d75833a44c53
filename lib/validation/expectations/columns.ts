import type { Evaluator } from '../types.js';
import { aggregateResult } from './row-check.js';

/**
 * `column_order`: the schema's columns that the data has appear in the schema's order. Checked on the first batch
 * (readers guarantee every batch has the same columns). unexpectedCount = columns out of place.
 */
export function columnOrderExpectation(id: string, schemaColumns: string[]): Evaluator {
  let dataColumns: string[] | undefined;
  return {
    addBatch(batch) {
      dataColumns ??= [...batch.columns];
    },
    finish() {
      const known = new Set(schemaColumns);
      const actual = (dataColumns ?? []).filter((c) => known.has(c));
      const present = new Set(actual);
      const expected = schemaColumns.filter((c) => present.has(c));
      const misplaced = actual.filter((c, i) => expected[i] !== c);
      return aggregateResult({ id, expectation: 'column_order' }, misplaced.length === 0, { expected, actual }, misplaced.length, actual.length);
    },
  };
}

/** `no_extra_columns` (`extraColumns: forbid`): the data has no column the schema does not list. */
export function noExtraColumnsExpectation(id: string, schemaColumns: string[]): Evaluator {
  let dataColumns: string[] | undefined;
  return {
    addBatch(batch) {
      dataColumns ??= [...batch.columns];
    },
    finish() {
      const known = new Set(schemaColumns);
      const extra = (dataColumns ?? []).filter((c) => !known.has(c));
      return aggregateResult({ id, expectation: 'no_extra_columns' }, extra.length === 0, { extra }, extra.length, dataColumns?.length ?? 0);
    },
  };
}
