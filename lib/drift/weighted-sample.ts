/**
 * A KLL quantile sketch read back as a weighted sample (item values ascending, cumulative weights), and the numeric
 * drift statistics on such samples: KS statistic, Wasserstein area, decile edges and bin counts. While a sketch still
 * holds every value (one level, all weights 1) these equal the raw-mode results exactly; otherwise each CDF is off by
 * at most the sketch's rank error, which is what the profile-mode error bounds are built from.
 */
import type { KllState } from '../sketches/kll.js';
import { quantileLinear } from './decile-bins.js';

/** Ascending item values with cumulative weights; `n` = total weight; `exact` when every weight is 1. */
export interface WeightedSample {
  values: Float64Array;
  cumulative: Float64Array;
  n: number;
  exact: boolean;
}

/** The weighted sample a serialized KLL sketch holds (level h carries weight 2^h): levels sorted, then merged. */
export function sampleFromKll(state: KllState): WeightedSample {
  const levels = state.levels.map((level) => Float64Array.from(level).sort());
  const size = levels.reduce((s, level) => s + level.length, 0);
  const values = new Float64Array(size);
  const cumulative = new Float64Array(size);
  const at = new Array<number>(levels.length).fill(0);
  let total = 0;
  // k-way merge by linear scan of the level heads: there are only ~log2(n/k) levels
  for (let k = 0; k < size; k++) {
    let best = -1;
    for (let h = 0; h < levels.length; h++) {
      if (at[h]! < levels[h]!.length && (best < 0 || levels[h]![at[h]!]! < levels[best]![at[best]!]!)) best = h;
    }
    values[k] = levels[best]![at[best]!++]!;
    total += 2 ** best;
    cumulative[k] = total;
  }
  return { values, cumulative, n: total, exact: state.levels.length <= 1 };
}

// Walks the distinct values of the union, calling visit(x, previous, FA(x), FB(x)) with the CDFs just after x.
function walk(a: WeightedSample, b: WeightedSample, visit: (x: number, previous: number, fa: number, fb: number) => void): void {
  let i = 0;
  let j = 0;
  const na = a.values.length;
  const nb = b.values.length;
  let previous = Math.min(a.values[0]!, b.values[0]!);
  while (i < na || j < nb) {
    const x = j >= nb || (i < na && a.values[i]! <= b.values[j]!) ? a.values[i]! : b.values[j]!;
    const faBefore = i === 0 ? 0 : a.cumulative[i - 1]! / a.n;
    const fbBefore = j === 0 ? 0 : b.cumulative[j - 1]! / b.n;
    visit(x, previous, faBefore, fbBefore);
    while (i < na && a.values[i]! <= x) i++;
    while (j < nb && b.values[j]! <= x) j++;
    previous = x;
  }
}

/** sup |F_a − F_b| over the union of held values. */
export function weightedKsStatistic(a: WeightedSample, b: WeightedSample): number {
  let d = 0;
  let i = 0;
  let j = 0;
  while (i < a.values.length || j < b.values.length) {
    const x = j >= b.values.length || (i < a.values.length && a.values[i]! <= b.values[j]!) ? a.values[i]! : b.values[j]!;
    while (i < a.values.length && a.values[i]! <= x) i++;
    while (j < b.values.length && b.values[j]! <= x) j++;
    const fa = i === 0 ? 0 : a.cumulative[i - 1]! / a.n;
    const fb = j === 0 ? 0 : b.cumulative[j - 1]! / b.n;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

/** ∫ |F_a − F_b| dx of two weighted samples. */
export function weightedWasserstein(a: WeightedSample, b: WeightedSample): number {
  let sum = 0;
  walk(a, b, (x, previous, fa, fb) => {
    sum += Math.abs(fa - fb) * (x - previous);
  });
  return sum;
}

/** Distinct decile edges: numpy's linear quantiles when the sketch is exact, the sketch's quantiles otherwise. */
export function weightedDecileEdges(s: WeightedSample): number[] {
  const edges: number[] = [];
  for (let i = 1; i <= 9; i++) {
    const e = s.exact ? quantileLinear(s.values, s.values.length, i / 10) : weightedQuantile(s, i / 10);
    if (edges.length === 0 || e !== edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** The smallest held value whose cumulative weight reaches q·n. */
export function weightedQuantile(s: WeightedSample, q: number): number {
  const target = q * s.n;
  let lo = 0;
  let hi = s.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.cumulative[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return s.values[lo]!;
}

/** Weight in each bin (−∞, e1], (e1, e2], …, (ek, +∞). */
export function weightedBinCounts(s: WeightedSample, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let i = 0;
  let before = 0;
  for (let e = 0; e < edges.length; e++) {
    while (i < s.values.length && s.values[i]! <= edges[e]!) i++;
    const upTo = i === 0 ? 0 : s.cumulative[i - 1]!;
    counts[e] = upTo - before;
    before = upTo;
  }
  counts[edges.length] = s.n - before;
  return counts;
}
