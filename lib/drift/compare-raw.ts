/**
 * Raw mode: one column compared from all of its values on both sides (exact statistics, see the method modules).
 * Numeric sides arrive sorted, so KS, Wasserstein, deciles and distinct counts are linear merge walks.
 */
import type { ColumnDrift, DriftMethod, DriftSideSummary } from '../contracts/index.js';
import type { ColumnSide } from './column-values.js';
import { binCounts, decileEdges, quantileLinear } from './decile-bins.js';
import { chiSquareContingency, jensenShannon, populationStabilityIndex } from './distribution-distances.js';
import { columnFamily, decide, hasPValue, routeMethod, type DriftOptions } from './drift-options.js';
import { ksTwoSample } from './ks-two-sample.js';
import { checkComparable, emptySideResult, orderColumnDrift } from './column-pairing.js';
import { meanAndStd, normalizedWasserstein, wassersteinDistance } from './wasserstein.js';

/** How many most frequent categories a side summary lists. */
export const SUMMARY_TOP = 5;

/** Compares one column's baseline and current values; throws BadInputError when their types cannot be compared. */
export function compareRawColumn(baseline: ColumnSide, current: ColumnSide, options: DriftOptions): ColumnDrift {
  const type = checkComparable(baseline.name, baseline.type, baseline.count, current.type, current.count);
  const family = columnFamily(type);
  const distinct = baseline.values ? countDistinct(baseline.values, AUTO_DISTINCT_PROBE) : baseline.categories?.size ?? 0;
  const { method, asCategories } = routeMethod(family, baseline.count, distinct, options);
  const threshold = options.thresholds[method];
  const sides = { baseline: summarize(baseline), current: summarize(current) };
  if (baseline.count === 0 || current.count === 0) return emptySideResult(baseline.name, type, method, threshold, baseline.count, current.count, sides);

  let statistic: number;
  let pValue: number | undefined;
  let warning: string | undefined;
  if (baseline.values && current.values && !asCategories) {
    const b = baseline.values;
    const c = current.values;
    if (method === 'ks') ({ statistic, pValue } = ksTwoSample(b, b.length, c, c.length));
    else if (method === 'wasserstein') {
      const scaled = normalizedWasserstein(wassersteinDistance(b, b.length, c, c.length), sides.baseline.std ?? 0);
      statistic = scaled.statistic;
      if (scaled.unscaled) warning = 'the baseline is constant (std 0): the Wasserstein distance is reported unscaled';
    } else {
      const edges = decileEdges(b, b.length);
      statistic = binnedStatistic(method, binCounts(b, b.length, edges), binCounts(c, c.length, edges));
    }
  } else {
    const [bc, cc] = baseline.values && current.values ? valueCounts(baseline.values, current.values) : categoryCounts(baseline.categories!, current.categories!);
    if (method === 'chisquare') ({ statistic, pValue } = chiSquareContingency(bc, cc));
    else statistic = binnedStatistic(method, bc, cc);
  }
  const decision = decide(method, statistic, pValue, threshold);
  const result: ColumnDrift = { column: baseline.name, type, method, statistic, threshold, drifted: decision.drifted, approximate: false, severity: decision.severity, ...sides };
  if (hasPValue(method)) result.pValue = pValue ?? 1;
  const note = warning ?? decision.warning;
  if (note) result.warning = note;
  return orderColumnDrift(result);
}

// Distinct counting stops here: routing only needs to know whether there are more than 5.
const AUTO_DISTINCT_PROBE = 6;

/** The statistic of a binned (or categorical) method over two aligned count vectors. */
export function binnedStatistic(method: DriftMethod, baseline: ArrayLike<number>, current: ArrayLike<number>): number {
  if (method === 'psi') return populationStabilityIndex(baseline, current);
  if (method === 'jensenshannon') return jensenShannon(baseline, current);
  if (method === 'chisquare') return chiSquareContingency(baseline, current).statistic;
  throw new Error(`${method} is not a binned method`);
}

/** Distinct values of an ascending array, counting no further than `limit`. */
export function countDistinct(sorted: Float64Array, limit = Number.POSITIVE_INFINITY): number {
  if (sorted.length === 0) return 0;
  let distinct = 1;
  for (let i = 1; i < sorted.length && distinct < limit; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

// Counts of each distinct value of the union of two ascending arrays, aligned.
function valueCounts(b: Float64Array, c: Float64Array): [number[], number[]] {
  const bc: number[] = [];
  const cc: number[] = [];
  let i = 0;
  let j = 0;
  while (i < b.length || j < c.length) {
    const x = j >= c.length || (i < b.length && b[i]! <= c[j]!) ? b[i]! : c[j]!;
    const si = i;
    const sj = j;
    while (i < b.length && b[i] === x) i++;
    while (j < c.length && c[j] === x) j++;
    bc.push(i - si);
    cc.push(j - sj);
  }
  return [bc, cc];
}

// Counts over the union of categories: the baseline's in its order, then categories new in the current side.
function categoryCounts(b: Map<string, number>, c: Map<string, number>): [number[], number[]] {
  const bc: number[] = [];
  const cc: number[] = [];
  for (const [key, count] of b) {
    bc.push(count);
    cc.push(c.get(key) ?? 0);
  }
  for (const [key, count] of c) {
    if (b.has(key)) continue;
    bc.push(0);
    cc.push(count);
  }
  return [bc, cc];
}

/** Display summary of one side: moments and quartiles for numbers, the most frequent values for categories. */
export function summarize(side: ColumnSide): DriftSideSummary {
  const summary: DriftSideSummary = { count: side.count, missing: side.missing };
  const v = side.values;
  if (v && v.length > 0) {
    const { mean, std } = meanAndStd(v, v.length);
    Object.assign(summary, { mean, std, min: v[0]!, max: v[v.length - 1]!, quantiles: [0.25, 0.5, 0.75].map((q) => ({ q, value: quantileLinear(v, v.length, q) })) });
  } else if (side.categories && side.categories.size > 0) {
    const items = [...side.categories].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    summary.topK = { exact: items.length <= SUMMARY_TOP, items: items.slice(0, SUMMARY_TOP).map(([value, count]) => ({ value, count })) };
  }
  return summary;
}
