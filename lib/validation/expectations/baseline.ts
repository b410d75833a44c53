import type { ColumnProfile } from '../../contracts/profile.js';
import { canonicalKey, isMissing, toNumber } from '../cells.js';
import type { Evaluator } from '../types.js';
import { aggregateResult, percent, RowCheck } from './row-check.js';

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * `baseline_mean`: |current mean − baseline mean| ≤ k × baseline standard deviation (population, √variance).
 * Welford's running mean over the values that parse as numbers. A result about the column as a whole: no examples,
 * unexpectedCount is 0 or 1 (the column).
 */
export function baselineMeanExpectation(id: string, column: string, profile: ColumnProfile, k: number): Evaluator {
  let n = 0;
  let mean = 0;
  return {
    addBatch(batch, { columns }) {
      const index = columns.get(column);
      if (index === undefined) return;
      const cells = batch.cells[index]!;
      for (let row = 0; row < batch.rowCount; row++) {
        const x = toNumber(cells[row] ?? null);
        if (x === undefined) continue;
        n++;
        mean += (x - mean) / n;
      }
    },
    finish() {
      const baseMean = profile.mean ?? 0;
      const std = Math.sqrt(profile.variance ?? 0);
      const diff = Math.abs(mean - baseMean);
      // A constant baseline column (std 0) allows no movement at all.
      const passed = n === 0 || diff <= k * std + 1e-12;
      const observed = { mean: round(mean), baselineMean: round(baseMean), baselineStd: round(std), k, deviations: std === 0 ? (diff === 0 ? 0 : null) : round(diff / std) };
      return aggregateResult({ id, column, expectation: 'baseline_mean' }, passed, observed, passed ? 0 : 1, 1);
    },
  };
}

/** `baseline_missing`: the missing rate rose by at most `maxIncrease` over the baseline's. */
export function baselineMissingExpectation(id: string, column: string, profile: ColumnProfile, maxIncrease: number): Evaluator {
  let rows = 0;
  let missing = 0;
  return {
    addBatch(batch, { columns }) {
      const index = columns.get(column);
      if (index === undefined) return;
      const cells = batch.cells[index]!;
      for (let row = 0; row < batch.rowCount; row++) if (isMissing(cells[row] ?? null)) missing++;
      rows += batch.rowCount;
    },
    finish() {
      const baseRows = profile.count + profile.missing;
      const baseRate = baseRows === 0 ? 0 : profile.missing / baseRows;
      const rate = rows === 0 ? 0 : missing / rows;
      const passed = rate - baseRate <= maxIncrease + 1e-12;
      const observed = { missingRate: round(rate), baselineMissingRate: round(baseRate), increase: round(rate - baseRate), maxIncrease };
      return aggregateResult({ id, column, expectation: 'baseline_missing' }, passed, observed, missing, rows);
    },
  };
}

/**
 * `baseline_new_categories`: the share of non-missing values the baseline's top-k never saw is at most `maxShare`.
 * Needs an exact top-k (every distinct baseline value); with an approximate one the check would flag rare but known
 * values, so it is skipped (passed, with the reason in `observed`). Examples are the rows with new values.
 */
export function baselineNewCategoriesExpectation(id: string, column: string, profile: ColumnProfile, maxShare: number): Evaluator {
  const exact = profile.topK?.exact === true;
  const known = new Set((profile.topK?.items ?? []).map((item) => (item.value === null ? '' : canonicalKey(item.value))));
  const check = new RowCheck({ id, column, expectation: 'baseline_new_categories', mostly: 1 - maxShare });
  const newValues = new Map<string, number>();
  return {
    addBatch(batch, { columns }) {
      const index = columns.get(column);
      if (!exact || index === undefined) return;
      const cells = batch.cells[index]!;
      for (let row = 0; row < batch.rowCount; row++) {
        const cell = cells[row] ?? null;
        if (isMissing(cell)) continue;
        const key = canonicalKey(cell);
        if (known.has(key)) check.pass();
        else {
          check.fail(batch, row, cell);
          if (newValues.has(key) || newValues.size < 20) newValues.set(key, (newValues.get(key) ?? 0) + 1);
        }
      }
    },
    finish() {
      if (!exact) return aggregateResult({ id, column, expectation: 'baseline_new_categories' }, true, { skipped: 'the baseline profile has no exact top-k for this column' });
      const share = check.counted === 0 ? 0 : check.unexpected / check.counted;
      const result = check.result({ newValues: Object.fromEntries(newValues), newSharePercent: percent(check.unexpected, check.counted), maxSharePercent: percent(maxShare, 1) });
      return { ...result, passed: share <= maxShare + 1e-12 };
    },
  };
}
