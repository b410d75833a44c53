/**
 * Profile mode: a column compared from two `mlops/profile` column profiles — numeric statistics from the KLL quantile
 * sketches read as weighted samples, categorical ones from the top-k counts (values beyond the listed ones pooled as
 * one "other" category). Every result is `approximate: true` with an `errorBound`:
 * - ks: ε_b + ε_c, the sum of the sketches' rank errors (0 for a sketch that still holds every value), bounds |D̂ − D|;
 * - wasserstein: (ε_b + ε_c) · (range of both sides) / baseline std, bounds the error of the scaled area;
 * - psi / jensenshannon on deciles: 2(ε_b + ε_c), the most any bin proportion can be off;
 * - categorical methods: the largest share of a side's values not itemized in its top-k (0 when both are complete).
 */
import type { ColumnDrift, ColumnProfile, DriftSideSummary } from '../contracts/index.js';
import { BadInputError } from '../errors.js';
import type { KllState } from '../sketches/kll.js';
import { checkComparable, emptySideResult, orderColumnDrift } from './column-pairing.js';
import { binnedStatistic } from './compare-raw.js';
import { chiSquareContingency } from './distribution-distances.js';
import { columnFamily, decide, hasPValue, routeMethod, type DriftOptions } from './drift-options.js';
import { ksFromStatistic } from './ks-two-sample.js';
import { normalizedWasserstein } from './wasserstein.js';
import { sampleFromKll, weightedBinCounts, weightedDecileEdges, weightedKsStatistic, weightedQuantile, weightedWasserstein, type WeightedSample } from './weighted-sample.js';

/** Key of the pooled category for values a non-exhaustive top-k does not list. */
export const OTHER_CATEGORY = '\u0000other';

/** Compares one column of two profiles; `files` name the reports in errors. */
export function compareProfileColumn(baseline: ColumnProfile, current: ColumnProfile, options: DriftOptions, files: { baseline: string; current: string }): ColumnDrift {
  const type = checkComparable(baseline.name, baseline.type, baseline.count, current.type, current.count);
  const family = columnFamily(type);
  const { method, asCategories } = routeMethod(family, baseline.count, baseline.distinct.estimate, options);
  const threshold = options.thresholds[method];
  const numericSides = family === 'numeric' && baseline.count > 0 && current.count > 0 ? { b: sketchOf(baseline, files.baseline), c: sketchOf(current, files.current) } : undefined;
  const sides = { baseline: summarize(baseline, numericSides?.b.sample), current: summarize(current, numericSides?.c.sample) };
  if (baseline.count === 0 || current.count === 0) return { ...emptySideResult(baseline.name, type, method, threshold, baseline.count, current.count, sides), approximate: true, errorBound: 0 };

  let statistic: number;
  let pValue: number | undefined;
  let errorBound: number;
  let warning: string | undefined;
  if (family === 'numeric' && !asCategories) {
    const { b, c } = numericSides!;
    const rankError = b.rankError + c.rankError;
    if (method === 'ks') {
      ({ statistic, pValue } = ksFromStatistic(weightedKsStatistic(b.sample, c.sample), baseline.count, current.count));
      errorBound = rankError;
    } else if (method === 'wasserstein') {
      const std = Math.sqrt(baseline.variance ?? 0);
      const scaled = normalizedWasserstein(weightedWasserstein(b.sample, c.sample), std);
      statistic = scaled.statistic;
      const range = Math.max(b.sample.values.at(-1)!, c.sample.values.at(-1)!) - Math.min(b.sample.values[0]!, c.sample.values[0]!);
      errorBound = (rankError * range) / (scaled.unscaled ? 1 : std);
      if (scaled.unscaled) warning = 'the baseline is constant (std 0): the Wasserstein distance is reported unscaled';
    } else {
      const edges = weightedDecileEdges(b.sample);
      statistic = binnedStatistic(method, weightedBinCounts(b.sample, edges), weightedBinCounts(c.sample, edges));
      errorBound = 2 * rankError;
    }
  } else {
    const [bc, cc, unlisted] = topKCounts(baseline, current);
    if (method === 'chisquare') ({ statistic, pValue } = chiSquareContingency(bc, cc));
    else statistic = binnedStatistic(method, bc, cc);
    errorBound = unlisted;
  }
  const decision = decide(method, statistic, pValue, threshold);
  const result: ColumnDrift = { column: baseline.name, type, method, statistic, threshold, drifted: decision.drifted, severity: decision.severity, approximate: true, errorBound, ...sides };
  if (hasPValue(method)) result.pValue = pValue ?? 1;
  const note = warning ?? decision.warning;
  if (note) result.warning = note;
  return orderColumnDrift(result);
}

function sketchOf(profile: ColumnProfile, file: string): { sample: WeightedSample; rankError: number } {
  const state = profile.quantiles?.state as KllState | undefined;
  if (!state || typeof state !== 'object' || !Array.isArray(state.levels) || profile.quantiles?.kind !== 'kll') {
    throw new BadInputError('profile-without-sketch', `${file}: column '${profile.name}' has no KLL quantile sketch`, {
      location: { file, path: `columns.${profile.name}.quantiles` },
      hint: 'compare profiles written by `mlops profile`; numeric columns carry their sketch in quantiles.state',
    });
  }
  const sample = sampleFromKll(state);
  return { sample, rankError: sample.exact ? 0 : profile.quantiles!.rankError };
}

// Aligned counts over the union of both top-k lists plus the pooled rest, and the largest unlisted share.
function topKCounts(b: ColumnProfile, c: ColumnProfile): [number[], number[], number] {
  const bItems = new Map((b.topK?.items ?? []).map((i) => [String(i.value), i.count]));
  const cItems = new Map((c.topK?.items ?? []).map((i) => [String(i.value), i.count]));
  const keys = [...bItems.keys(), ...[...cItems.keys()].filter((k) => !bItems.has(k))];
  const bc = keys.map((k) => bItems.get(k) ?? 0);
  const cc = keys.map((k) => cItems.get(k) ?? 0);
  const bRest = b.count - bc.reduce((s, x) => s + x, 0);
  const cRest = c.count - cc.reduce((s, x) => s + x, 0);
  if (bRest > 0 || cRest > 0) {
    bc.push(bRest);
    cc.push(cRest);
  }
  return [bc, cc, Math.max(bRest / b.count, cRest / c.count)];
}

function summarize(p: ColumnProfile, sample: WeightedSample | undefined): DriftSideSummary {
  const s: DriftSideSummary = { count: p.count, missing: p.missing };
  if (typeof p.mean === 'number') s.mean = p.mean;
  if (typeof p.variance === 'number') s.std = Math.sqrt(p.variance);
  if (p.min !== undefined) s.min = p.min;
  if (p.max !== undefined) s.max = p.max;
  if (sample) {
    s.quantiles = [0.25, 0.5, 0.75].map((q) => ({ q, value: weightedQuantile(sample, q) }));
  }
  if (p.topK && columnFamily(p.type) === 'categorical') s.topK = { exact: p.topK.exact && p.topK.items.length <= 5, items: p.topK.items.slice(0, 5) };
  return s;
}
