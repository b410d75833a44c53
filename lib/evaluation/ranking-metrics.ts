/**
 * ROC AUC and average precision as scikit-learn defines them, computed in one pass over rows already sorted by score.
 * Equal scores form one group (one threshold), which is how sklearn's curves treat ties: a tied positive/negative
 * pair counts one half in ROC AUC, and average precision steps once per distinct score. Optional integer `weights`
 * (bootstrap counts) give exactly the value of the data with each row repeated that many times, without re-sorting.
 */

/** Rows to score: `positive[i]` is 1 for the positive class; `order` sorts `score` ascending (argsortAscending). */
export interface RankedRows {
  positive: Uint8Array;
  score: Float64Array;
  order: Uint32Array;
}

/** ROC AUC (Mann–Whitney with ties as one half); null when the rows hold only one class. */
export function rocAuc(rows: RankedRows, weights?: Float64Array): number | null {
  const { positive, score, order } = rows;
  const n = order.length;
  let negativesBelow = 0;
  let area = 0;
  let positives = 0;
  for (let start = 0; start < n; ) {
    const value = score[order[start]!]!;
    let groupPositive = 0;
    let groupNegative = 0;
    let end = start;
    for (; end < n && score[order[end]!] === value; end++) {
      const row = order[end]!;
      const w = weights ? weights[row]! : 1;
      if (positive[row] === 1) groupPositive += w;
      else groupNegative += w;
    }
    if (end === start) end++; // NaN never equals itself: it forms a group of one
    area += groupPositive * (negativesBelow + 0.5 * groupNegative);
    negativesBelow += groupNegative;
    positives += groupPositive;
    start = end;
  }
  if (positives === 0 || negativesBelow === 0) return null;
  return area / (positives * negativesBelow);
}

/** Average precision: Σ (recall_k − recall_(k−1)) · precision_k over distinct scores, highest first; null without positives. */
export function averagePrecision(rows: RankedRows, weights?: Float64Array): number | null {
  const { positive, score, order } = rows;
  let total = 0;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (positive[row] === 1) total += weights ? weights[row]! : 1;
  }
  if (total === 0) return null;
  let truePositives = 0;
  let falsePositives = 0;
  let sum = 0;
  for (let end = order.length; end > 0; ) {
    const value = score[order[end - 1]!]!;
    let groupPositive = 0;
    let start = end;
    for (; start > 0 && score[order[start - 1]!] === value; start--) {
      const row = order[start - 1]!;
      const w = weights ? weights[row]! : 1;
      if (positive[row] === 1) groupPositive += w;
      else falsePositives += w;
    }
    if (start === end) {
      start--;
      const row = order[start]!;
      if (positive[row] === 1) groupPositive += weights ? weights[row]! : 1;
      else falsePositives += weights ? weights[row]! : 1;
    }
    truePositives += groupPositive;
    if (groupPositive > 0) sum += (groupPositive / total) * (truePositives / (truePositives + falsePositives));
    end = start;
  }
  return sum;
}
