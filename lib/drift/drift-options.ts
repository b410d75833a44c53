/**
 * What a drift comparison is asked to do: the method per column family (or `auto`), thresholds per method, and the
 * dataset-level share. `routeMethod` is the `auto` rule of the issue: numeric columns with more than 5 distinct values
 * get KS while the baseline has at most 1,000 values and Wasserstein beyond (so million-row tables are not flagged on
 * p-values alone); categorical columns, and numeric ones with at most 5 distinct values, get chi-square up to 1,000
 * values and Jensen–Shannon beyond. An explicit method for a family overrides the routing by distinct count.
 */
import type { ColumnType, DriftMethod } from '../contracts/index.js';

/** Methods for numeric (and datetime) columns. */
export const NUMERIC_METHODS = ['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon'] as const;
/** Methods for categorical (boolean, text) columns. */
export const CATEGORICAL_METHODS = ['auto', 'chisquare', 'jensenshannon', 'psi'] as const;
export type NumericMethod = (typeof NUMERIC_METHODS)[number];
export type CategoricalMethod = (typeof CATEGORICAL_METHODS)[number];

/** Default thresholds: p-value methods drift below, distance methods at or above. */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = { ks: 0.05, chisquare: 0.05, wasserstein: 0.1, jensenshannon: 0.1, psi: 0.2 };
/** PSI from this value up to its threshold is reported as a warning (severity low). */
export const PSI_WARNING = 0.1;
/** Baseline sizes up to this get the p-value tests under `auto`. */
export const AUTO_TEST_MAX_ROWS = 1000;
/** Numeric columns with at most this many distinct baseline values are compared as categories under `auto`. */
export const AUTO_CATEGORICAL_MAX_DISTINCT = 5;
/** Default share of drifted columns that makes the dataset drifted. */
export const DEFAULT_DATASET_DRIFT_SHARE = 0.5;

/** A comparison's settings. */
export interface DriftOptions {
  numericMethod: NumericMethod;
  categoricalMethod: CategoricalMethod;
  thresholds: Readonly<Record<DriftMethod, number>>;
  datasetDriftShare: number;
}

/** Default settings (all `auto`). */
export function defaultDriftOptions(overrides: Partial<DriftOptions> = {}): DriftOptions {
  return { numericMethod: 'auto', categoricalMethod: 'auto', thresholds: DEFAULT_THRESHOLDS, datasetDriftShare: DEFAULT_DATASET_DRIFT_SHARE, ...overrides };
}

/** How a column family is compared: numeric columns are numbers, the rest (and datetimes as epoch ms) likewise. */
export function columnFamily(type: ColumnType): 'numeric' | 'categorical' {
  return type === 'integer' || type === 'number' || type === 'datetime' ? 'numeric' : 'categorical';
}

/** The method for a column, and whether a numeric column is compared over its distinct values as categories. */
export function routeMethod(family: 'numeric' | 'categorical', baselineCount: number, baselineDistinct: number, options: DriftOptions): { method: DriftMethod; asCategories: boolean } {
  if (family === 'numeric') {
    if (options.numericMethod !== 'auto') return { method: options.numericMethod, asCategories: false };
    if (baselineDistinct > AUTO_CATEGORICAL_MAX_DISTINCT) return { method: baselineCount <= AUTO_TEST_MAX_ROWS ? 'ks' : 'wasserstein', asCategories: false };
  }
  if (options.categoricalMethod !== 'auto') return { method: options.categoricalMethod, asCategories: family === 'numeric' };
  return { method: baselineCount <= AUTO_TEST_MAX_ROWS ? 'chisquare' : 'jensenshannon', asCategories: family === 'numeric' };
}

/** Whether a method reports a p-value (drift when p < threshold) rather than a distance (drift when ≥ threshold). */
export function hasPValue(method: DriftMethod): boolean {
  return method === 'ks' || method === 'chisquare';
}

/** Drift decision and severity for one column's statistic. */
export function decide(method: DriftMethod, statistic: number, pValue: number | undefined, threshold: number): { drifted: boolean; severity: 'none' | 'low' | 'medium' | 'high'; warning?: string } {
  if (hasPValue(method)) {
    const p = pValue ?? 1;
    if (p >= threshold) return { drifted: false, severity: 'none' };
    return { drifted: true, severity: p < threshold / 100 ? 'high' : 'medium' };
  }
  if (statistic >= threshold) return { drifted: true, severity: statistic >= 2 * threshold ? 'high' : 'medium' };
  if (method === 'psi' && statistic >= PSI_WARNING) return { drifted: false, severity: 'low', warning: `PSI ${statistic.toFixed(3)} is in the warning band ${PSI_WARNING}–${threshold}` };
  return { drifted: false, severity: 'none' };
}
