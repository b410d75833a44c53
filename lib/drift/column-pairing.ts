/**
 * What raw and profile mode share about a column pair: whether the two sides can be compared at all (a side with
 * no values takes the other's type; numeric against text is bad input), the defined result when a side has no
 * values, and the key order of a column result in reports.
 */
import type { ColumnDrift, ColumnType, DriftMethod, DriftSideSummary } from '../contracts/index.js';
import { BadInputError } from '../errors.js';
import { joinTypes } from '../profile/infer-type.js';
import { columnFamily, hasPValue } from './drift-options.js';

/** The type a column pair is compared as; BadInputError when one side is numeric (or datetime) and the other is not. */
export function checkComparable(column: string, baselineType: ColumnType, baselineCount: number, currentType: ColumnType, currentCount: number): ColumnType {
  if (baselineCount === 0) return currentType;
  if (currentCount === 0) return baselineType;
  const bf = columnFamily(baselineType);
  const cf = columnFamily(currentType);
  if (bf !== cf || (bf === 'numeric' && (baselineType === 'datetime') !== (currentType === 'datetime'))) {
    throw new BadInputError('drift-type-mismatch', `column '${column}' is ${baselineType} in the baseline but ${currentType} in the current data`, {
      location: { file: 'current', path: column },
      hint: 'drift compares a column only against the same kind of values; fix the data, or leave the column out with --ignore ' + column,
    });
  }
  return bf === 'numeric' ? joinTypes(baselineType, currentType) : baselineType === currentType ? baselineType : 'categorical';
}

/**
 * The defined result when a side has no non-missing values: no values on either side is no drift (statistic 0);
 * values on one side only is drift, reported with statistic 1 (the KS and base-2 Jensen–Shannon maximum, used as a
 * marker for every method) and p-value 0.
 */
export function emptySideResult(column: string, type: ColumnType, method: DriftMethod, threshold: number, baselineCount: number, currentCount: number, sides: { baseline: DriftSideSummary; current: DriftSideSummary }): ColumnDrift {
  const both = baselineCount === 0 && currentCount === 0;
  const which = baselineCount === 0 ? 'baseline' : 'current';
  const result: ColumnDrift = {
    column, type, method, statistic: both ? 0 : 1, threshold, drifted: !both, severity: both ? 'none' : 'high',
    warning: both ? 'no values on either side: nothing to compare' : `every value is missing in the ${which} data`,
    approximate: false, ...sides,
  };
  if (hasPValue(method)) result.pValue = both ? 1 : 0;
  return orderColumnDrift(result);
}

/** A column result with its keys in report order (statistic, pValue, threshold, decision, notes, sides). */
export function orderColumnDrift(r: ColumnDrift): ColumnDrift {
  const { column, type, method, statistic, pValue, threshold, drifted, severity, change, warning, approximate, errorBound, baseline, current } = r;
  return {
    column, type, method, statistic, ...(pValue === undefined ? {} : { pValue }), threshold, drifted,
    ...(severity ? { severity } : {}), ...(change ? { change } : {}), ...(warning ? { warning } : {}), approximate,
    ...(errorBound === undefined ? {} : { errorBound }), baseline, current,
  };
}
