/**
 * Multiclass metrics, matching scikit-learn 1.2: averaged F1/precision/recall over the classes present in truth or
 * predictions, log loss over the model's classes (probabilities clipped, then each row renormalized, as sklearn
 * does), and one-vs-rest macro ROC AUC (undefined, like sklearn's error, when a class is absent from the truth).
 */
import { argsortAscending } from './argsort.js';
import { accuracyOf, averagedScores, balancedAccuracyOf, confusionOf, correctRows } from './confusion.js';
import { float64Eps, pick, pickRows, type MetricSuite, type MetricValues } from './metric-suite.js';
import { rocAuc, type RankedRows } from './ranking-metrics.js';

/** Rows of a multiclass task: class indices in [0, classes); `proba` row-major [rows × classes], if any. */
export interface MulticlassRows {
  classes: number;
  truth: Int32Array;
  predicted: Int32Array;
  proba?: Float64Array;
}

/** Metric names of a multiclass task, the primary (macro_f1) first. */
export function multiclassMetricNames(hasProba: boolean): string[] {
  const names = ['macro_f1', 'accuracy', 'balanced_accuracy', 'macro_precision', 'macro_recall', 'weighted_f1', 'micro_f1'];
  return hasProba ? [...names, 'log_loss', 'roc_auc_ovr'] : names;
}

/** Index of the largest value of each row (the first on ties, as numpy's argmax). */
export function argmaxRows(proba: Float64Array, classes: number): Int32Array {
  const rows = proba.length / classes;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let max = proba[r * classes]!;
    for (let k = 1; k < classes; k++) {
      const v = proba[r * classes + k]!;
      if (v > max) {
        max = v;
        best = k;
      }
    }
    out[r] = best;
  }
  return out;
}

/** Mean −log p(true class) with sklearn's clip-then-renormalize of each probability row. */
export function multiclassLogLoss(truth: Int32Array, proba: Float64Array, classes: number, weights?: Float64Array): number | null {
  let sum = 0;
  let total = 0;
  for (let r = 0; r < truth.length; r++) {
    const w = weights ? weights[r]! : 1;
    if (w === 0) continue;
    let rowSum = 0;
    for (let k = 0; k < classes; k++) rowSum += clip(proba[r * classes + k]!);
    sum -= w * Math.log(clip(proba[r * classes + truth[r]!]!) / rowSum);
    total += w;
  }
  return total === 0 ? null : sum / total;
}

const clip = (p: number) => Math.min(Math.max(p, float64Eps), 1 - float64Eps);

/** Prepares the multiclass metrics of `rows` (one sort per class for the one-vs-rest AUC). */
export function multiclassSuite(rows: MulticlassRows): MetricSuite {
  const { classes, truth, predicted, proba } = rows;
  let perClass: RankedRows[] | undefined;
  const ranked = () => {
    if (perClass || !proba) return perClass;
    perClass = [];
    for (let k = 0; k < classes; k++) {
      const score = new Float64Array(truth.length);
      const positive = new Uint8Array(truth.length);
      for (let r = 0; r < truth.length; r++) {
        let rowSum = 0;
        for (let j = 0; j < classes; j++) rowSum += proba[r * classes + j]!;
        score[r] = proba[r * classes + k]! / rowSum;
        positive[r] = truth[r] === k ? 1 : 0;
      }
      perClass.push({ positive, score, order: argsortAscending(score) });
    }
    return perClass;
  };
  const confusion = (weights?: Float64Array) => confusionOf(truth, predicted, classes, weights);
  return {
    names: multiclassMetricNames(proba !== undefined),
    confusion,
    correct: () => correctRows(truth, predicted),
    compute(weights) {
      const c = confusion(weights);
      const avg = averagedScores(c);
      const values: MetricValues = {
        macro_f1: avg.macroF1,
        accuracy: accuracyOf(c),
        balanced_accuracy: balancedAccuracyOf(c),
        macro_precision: avg.macroPrecision,
        macro_recall: avg.macroRecall,
        weighted_f1: avg.weightedF1,
        micro_f1: avg.microF1,
      };
      if (proba) {
        values.log_loss = multiclassLogLoss(truth, proba, classes, weights);
        let sum = 0;
        for (const one of ranked()!) {
          const auc = rocAuc(one, weights);
          if (auc === null) {
            sum = NaN;
            break;
          }
          sum += auc;
        }
        values.roc_auc_ovr = Number.isNaN(sum) ? null : sum / classes;
      }
      return values;
    },
    subset: (selected) =>
      multiclassSuite({ classes, truth: pick(truth, selected), predicted: pick(predicted, selected), ...(proba ? { proba: pickRows(proba, selected, classes) } : {}) }),
  };
}
