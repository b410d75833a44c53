import { canonicalKey } from '../cells.js';
import type { Evaluator, SchemaValue } from '../types.js';
import { columnCheck } from './column-check.js';
import type { ExpectationMeta } from './row-check.js';

/** Most distinct unexpected values `in_set` lists in `observed` (examples carry the rows). */
const maxListedValues = 20;

/** `in_set`: every value is one of `values`, compared by canonical key (`1`, `1.0` and `'1'` are equal). */
export function allowedExpectation(meta: ExpectationMeta & { column: string }, values: SchemaValue[]): Evaluator {
  const allowed = new Set(values.map((v) => canonicalKey(v)));
  const unexpectedValues = new Map<string, number>();
  return columnCheck(
    meta,
    (cell) => {
      const key = canonicalKey(cell);
      if (allowed.has(key)) return true;
      if (unexpectedValues.has(key) || unexpectedValues.size < maxListedValues) unexpectedValues.set(key, (unexpectedValues.get(key) ?? 0) + 1);
      return false;
    },
    () => ({ unexpectedValues: Object.fromEntries(unexpectedValues) }),
  );
}
