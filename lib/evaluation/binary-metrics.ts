/**
 * Binary classification metrics, matching scikit-learn 1.2 (reference values: fixtures/reference/evaluation-metrics.json),
 * plus the expected calibration error, which sklearn lacks (definition below and in docs/evaluation.md).
 */
import { argsortAscending } from './argsort.js';
import { accuracyOf, balancedAccuracyOf, classScores, confusionOf, correctRows, mccOf } from './confusion.js';
import { float64Eps, pick, type MetricSuite, type MetricValues } from './metric-suite.js';
import { averagePrecision, rocAuc } from './ranking-metrics.js';

/** Rows of a binary task: truth and prediction 1 = positive class; `score` the positive-class probability, if any. */
export interface BinaryRows {
  truth: Uint8Array;
  predicted: Uint8Array;
  score?: Float64Array;
}

/** Metric names of a binary task, the primary (roc_auc, or accuracy without scores) first. */
export function binaryMetricNames(hasScore: boolean): string[] {
  return hasScore
    ? ['roc_auc', 'pr_auc', 'accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'log_loss', 'brier_score', 'mcc', 'ece']
    : ['accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'mcc'];
}

/** Predicted class per row: positive iff the probability exceeds `threshold` (sklearn's predict at 0.5). */
export function thresholdPredictions(score: Float64Array, threshold: number): Uint8Array {
  const out = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) out[i] = score[i]! > threshold ? 1 : 0;
  return out;
}

/** Mean log loss of positive-class probabilities, clipped to [eps, 1 − eps] as sklearn 1.2 does for float64 input. */
export function binaryLogLoss(truth: Uint8Array, score: Float64Array, weights?: Float64Array): number | null {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    const w = weights ? weights[i]! : 1;
    if (w === 0) continue;
    const p = Math.min(Math.max(score[i]!, float64Eps), 1 - float64Eps);
    sum -= w * (truth[i] === 1 ? Math.log(p) : Math.log(1 - p));
    total += w;
  }
  return total === 0 ? null : sum / total;
}

/** Brier score: mean squared difference between the probability and the 0/1 truth. */
export function brierScore(truth: Uint8Array, score: Float64Array, weights?: Float64Array): number | null {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    const w = weights ? weights[i]! : 1;
    const d = score[i]! - truth[i]!;
    sum += w * d * d;
    total += w;
  }
  return total === 0 ? null : sum / total;
}

/**
 * Expected calibration error: 10 equal-width bins on the positive-class probability (bin = min(⌊10p⌋, 9), so 1.0
 * falls in the last), Σ over non-empty bins of |positive rate − mean probability| × the bin's share of rows.
 */
export function expectedCalibrationError(truth: Uint8Array, score: Float64Array, weights?: Float64Array): number | null {
  const count = new Float64Array(10);
  const positives = new Float64Array(10);
  const probability = new Float64Array(10);
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    const w = weights ? weights[i]! : 1;
    const p = score[i]!;
    const bin = Math.min(Math.floor(p * 10), 9);
    count[bin]! += w;
    positives[bin]! += w * truth[i]!;
    probability[bin]! += w * p;
    total += w;
  }
  if (total === 0) return null;
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    if (count[b] === 0) continue;
    ece += (Math.abs(positives[b]! / count[b]! - probability[b]! / count[b]!) * count[b]!) / total;
  }
  return ece;
}

/** Prepares the binary metrics of `rows` (sorts the scores once). */
export function binarySuite(rows: BinaryRows): MetricSuite {
  const { truth, predicted, score } = rows;
  const ranked = score ? { positive: truth, score, order: argsortAscending(score) } : undefined;
  const confusion = (weights?: Float64Array) => confusionOf(truth, predicted, 2, weights);
  return {
    names: binaryMetricNames(score !== undefined),
    confusion,
    correct: () => correctRows(truth, predicted),
    compute(weights) {
      const c = confusion(weights);
      const positive = classScores(c, 1);
      const values: MetricValues = {};
      if (ranked && score) {
        values.roc_auc = rocAuc(ranked, weights);
        values.pr_auc = averagePrecision(ranked, weights);
      }
      values.accuracy = accuracyOf(c);
      values.balanced_accuracy = balancedAccuracyOf(c);
      values.precision = positive.precision;
      values.recall = positive.recall;
      values.f1 = positive.f1;
      if (score) {
        values.log_loss = binaryLogLoss(truth, score, weights);
        values.brier_score = brierScore(truth, score, weights);
      }
      values.mcc = mccOf(c);
      if (score) values.ece = expectedCalibrationError(truth, score, weights);
      return values;
    },
    subset: (selected) => binarySuite({ truth: pick(truth, selected), predicted: pick(predicted, selected), ...(score ? { score: pick(score, selected) } : {}) }),
  };
}
