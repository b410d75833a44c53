/**
 * Everything the evaluation report says about quality, from prepared metric suites: the challenger's metrics with
 * bootstrap intervals, the confusion matrix, slices and their gaps, and — with a champion scored on the same rows —
 * paired deltas with intervals and verdicts, plus McNemar's test for binary tasks.
 */
import type { ChampionComparison, EvaluationBody, Metrics, Scalar } from '../contracts/index.js';
import { pairedBootstrap, type BootstrapOptions } from './bootstrap.js';
import { confusionRows } from './confusion.js';
import { mcnemarTest } from './mcnemar.js';
import type { MetricSuite, MetricValues } from './metric-suite.js';
import { groupRows, sliceGaps, sliceMetrics, type InternedValues, type SliceOptions } from './slices.js';
import { deltaVerdict } from './verdict.js';

/** What to evaluate. Both suites must cover the same rows in the same order. */
export interface SuiteInput {
  task: EvaluationBody['task'];
  challenger: MetricSuite;
  champion?: MetricSuite;
  rows: number;
  /** Class names in the model's order (classification), for the confusion matrix. */
  classLabels?: string[];
  /** Slice columns with one value per row. */
  slices?: Array<{ column: string; values: ArrayLike<Scalar> | InternedValues }>;
  sliceOptions?: SliceOptions;
  /** Omitted or 0 resamples: no intervals (deltas then carry the point estimate as a zero-width interval). */
  bootstrap?: BootstrapOptions;
}

/** The quality part of an evaluation body, and how long the bootstrap took. */
export interface SuiteResult {
  metrics: Metrics;
  confusionMatrix?: EvaluationBody['confusionMatrix'];
  slices: EvaluationBody['slices'];
  sliceGaps: EvaluationBody['sliceGaps'];
  champion?: Omit<ChampionComparison, 'model'>;
  bootstrapMs: number;
}

/** A metric value for a report: non-finite becomes null. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function toMetrics(values: MetricValues, names: string[], intervals: Record<string, [number, number]> = {}): Metrics {
  const out: Metrics = {};
  for (const name of names) {
    const value = finiteOrNull(values[name]);
    const ci = intervals[name];
    out[name] = value !== null && ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? { value, ci } : { value };
  }
  return out;
}

/** Scores the suites; see the module comment. */
export function evaluateSuites(input: SuiteInput): SuiteResult {
  const { challenger, champion } = input;
  const names = challenger.names;
  const mine = challenger.compute();
  const started = performance.now();
  const intervals = input.bootstrap && input.bootstrap.resamples > 0 ? pairedBootstrap(challenger, champion, input.rows, input.bootstrap) : undefined;
  const bootstrapMs = performance.now() - started;
  const result: SuiteResult = { metrics: toMetrics(mine, names, intervals?.values), slices: [], sliceGaps: [], bootstrapMs };

  const confusion = challenger.confusion?.();
  if (confusion && input.classLabels) result.confusionMatrix = { labels: [...input.classLabels], matrix: confusionRows(confusion) };

  for (const slice of input.slices ?? []) result.slices.push(...sliceMetrics(challenger, slice.column, groupRows(slice.values, input.sliceOptions)));
  result.sliceGaps = sliceGaps(result.slices);

  if (champion) {
    const theirs = champion.compute();
    const deltas: ChampionComparison['deltas'] = {};
    for (const name of names) {
      const a = finiteOrNull(mine[name]);
      const b = finiteOrNull(theirs[name]);
      if (a === null || b === null) continue;
      const delta = a - b;
      const ci = intervals?.deltas[name] ?? [delta, delta];
      deltas[name] = { delta, ci, verdict: deltaVerdict(name, ci) };
    }
    const comparison: Omit<ChampionComparison, 'model'> = { metrics: toMetrics(theirs, names), deltas };
    if (input.task === 'binary-classification' && challenger.correct && champion.correct) {
      const test = mcnemarTest(challenger.correct(), champion.correct());
      comparison.mcnemar = { statistic: test.statistic, pValue: test.pValue };
    }
    result.champion = comparison;
  }
  return result;
}
