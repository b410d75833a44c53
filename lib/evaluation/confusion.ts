/**
 * Confusion matrices and the scores derived from them, as scikit-learn computes them: labels are the classes present
 * in the truth or the predictions, precision/recall/F1 with `zero_division=0`, balanced accuracy as the mean recall of
 * the classes present in the truth, Matthews' coefficient 0 when undefined.
 */

/** `counts[actual * classes + predicted]`, weighted; `classes` is the model's class count. */
export interface Confusion {
  classes: number;
  counts: Float64Array;
}

/** Tallies a confusion matrix; `weights` (bootstrap counts) repeat rows. Rows with truth −1 (unknown) are skipped. */
export function confusionOf(truth: Int32Array | Uint8Array, predicted: Int32Array | Uint8Array, classes: number, weights?: Float64Array): Confusion {
  const counts = new Float64Array(classes * classes);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (t < 0) continue;
    counts[t * classes + predicted[i]!]! += weights ? weights[i]! : 1;
  }
  return { classes, counts };
}

/** Row sums (support per actual class), column sums (predictions per class), diagonal and total. */
function margins(c: Confusion) {
  const k = c.classes;
  const actual = new Float64Array(k);
  const predicted = new Float64Array(k);
  const correct = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < k; a++) {
    for (let p = 0; p < k; p++) {
      const v = c.counts[a * k + p]!;
      actual[a]! += v;
      predicted[p]! += v;
      total += v;
    }
    correct[a] = c.counts[a * k + a]!;
  }
  return { actual, predicted, correct, total };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** 1 where the prediction equals the truth, per row (what McNemar's test pairs between two models). */
export function correctRows(truth: Int32Array | Uint8Array, predicted: Int32Array | Uint8Array): Uint8Array {
  const out = new Uint8Array(truth.length);
  for (let i = 0; i < truth.length; i++) out[i] = truth[i] === predicted[i] ? 1 : 0;
  return out;
}

/** Accuracy: the share of rows predicted right; null for no rows. */
export function accuracyOf(c: Confusion): number | null {
  const { correct, total } = margins(c);
  return total === 0 ? null : correct.reduce((s, v) => s + v, 0) / total;
}

/** Precision, recall and F1 of one class (binary metrics use the positive class). */
export function classScores(c: Confusion, cls: number): { precision: number; recall: number; f1: number } {
  const { actual, predicted, correct } = margins(c);
  const precision = ratio(correct[cls]!, predicted[cls]!);
  const recall = ratio(correct[cls]!, actual[cls]!);
  // sklearn's F-score: 2·tp / (2·tp + fp + fn), 0 when that is 0/0.
  const f1 = ratio(2 * correct[cls]!, actual[cls]! + predicted[cls]!);
  return { precision, recall, f1 };
}

/** Macro, weighted and micro averages over the classes present in truth or predictions (sklearn's labels). */
export function averagedScores(c: Confusion): { macroPrecision: number; macroRecall: number; macroF1: number; weightedF1: number; microF1: number } {
  const { actual, predicted, correct, total } = margins(c);
  let present = 0;
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  let weighted = 0;
  for (let k = 0; k < c.classes; k++) {
    if (actual[k] === 0 && predicted[k] === 0) continue;
    const s = classScores(c, k);
    present++;
    precision += s.precision;
    recall += s.recall;
    f1 += s.f1;
    weighted += s.f1 * actual[k]!;
  }
  const hits = correct.reduce((s, v) => s + v, 0);
  return {
    macroPrecision: ratio(precision, present),
    macroRecall: ratio(recall, present),
    macroF1: ratio(f1, present),
    weightedF1: ratio(weighted, total),
    microF1: ratio(hits, total),
  };
}

/** Balanced accuracy: mean recall over the classes that occur in the truth; null for no rows. */
export function balancedAccuracyOf(c: Confusion): number | null {
  const { actual, correct } = margins(c);
  let sum = 0;
  let present = 0;
  for (let k = 0; k < c.classes; k++) {
    if (actual[k] === 0) continue;
    sum += correct[k]! / actual[k]!;
    present++;
  }
  return present === 0 ? null : sum / present;
}

/** Matthews correlation coefficient (multiclass form, which reduces to the binary one); 0 when undefined. */
export function mccOf(c: Confusion): number {
  const { actual, predicted, correct, total } = margins(c);
  let hits = 0;
  let dotAP = 0;
  let dotAA = 0;
  let dotPP = 0;
  for (let k = 0; k < c.classes; k++) {
    hits += correct[k]!;
    dotAP += actual[k]! * predicted[k]!;
    dotAA += actual[k]! * actual[k]!;
    dotPP += predicted[k]! * predicted[k]!;
  }
  const covAP = hits * total - dotAP;
  const covPP = total * total - dotPP;
  const covAA = total * total - dotAA;
  return covPP * covAA === 0 ? 0 : covAP / Math.sqrt(covAA * covPP);
}

/** The matrix as rows of counts (actual × predicted). */
export function confusionRows(c: Confusion): number[][] {
  const rows: number[][] = [];
  for (let a = 0; a < c.classes; a++) rows.push(Array.from(c.counts.subarray(a * c.classes, (a + 1) * c.classes)));
  return rows;
}
