import { canonicalKey, isMissing } from '../cells.js';
import type { Evaluator } from '../types.js';
import { aggregateResult } from './row-check.js';

/** Bounds of `class_balance`: for every class, and per class value. */
export interface ClassBalanceBounds {
  min?: number;
  max?: number;
  classes?: Record<string, { min?: number; max?: number }>;
}

/**
 * `class_balance`: each class's share of the non-missing target values is within its bounds. Classes listed under
 * `classes` that never occur count with share 0. unexpectedCount = classes out of bounds; unexpectedPercent is of all
 * classes. Memory: one counter per class.
 */
export function classBalanceExpectation(id: string, column: string, bounds: ClassBalanceBounds): Evaluator {
  const counts = new Map<string, number>();
  for (const name of Object.keys(bounds.classes ?? {})) counts.set(canonicalKey(name), 0);
  let total = 0;
  return {
    addBatch(batch, { columns }) {
      const index = columns.get(column);
      if (index === undefined) return;
      const cells = batch.cells[index]!;
      for (let row = 0; row < batch.rowCount; row++) {
        const cell = cells[row] ?? null;
        if (isMissing(cell)) continue;
        const key = canonicalKey(cell);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        total++;
      }
    },
    finish() {
      const perClass = new Map(Object.entries(bounds.classes ?? {}).map(([k, v]) => [canonicalKey(k), v]));
      const shares: Record<string, number> = {};
      const outside: string[] = [];
      for (const [key, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const share = total === 0 ? 0 : count / total;
        shares[key] = Math.round(share * 1e6) / 1e6;
        const min = perClass.get(key)?.min ?? bounds.min;
        const max = perClass.get(key)?.max ?? bounds.max;
        if ((min !== undefined && share < min - 1e-12) || (max !== undefined && share > max + 1e-12)) outside.push(key);
      }
      const observed = { shares, rows: total, outOfBounds: outside };
      return aggregateResult({ id, column, expectation: 'class_balance' }, outside.length === 0, observed, outside.length, counts.size);
    },
  };
}
