/** Regression metrics, matching scikit-learn 1.2 (R² with `force_finite`, MAPE with sklearn's epsilon floor). */
import { argsortAscending } from './argsort.js';
import { float64Eps, pick, type MetricSuite } from './metric-suite.js';

/** Rows of a regression task. */
export interface RegressionRows {
  truth: Float64Array;
  predicted: Float64Array;
}

/** Metric names of a regression task, the primary (rmse) first. */
export const regressionMetricNames = ['rmse', 'mae', 'mse', 'r2', 'mape', 'median_ae'];

/** Prepares the regression metrics of `rows` (sorts the absolute errors once, for the median). */
export function regressionSuite(rows: RegressionRows): MetricSuite {
  const { truth, predicted } = rows;
  const n = truth.length;
  const absError = new Float64Array(n);
  for (let i = 0; i < n; i++) absError[i] = Math.abs(truth[i]! - predicted[i]!);
  const errorOrder = argsortAscending(absError);
  return {
    names: [...regressionMetricNames],
    compute(weights) {
      let total = 0;
      let sumY = 0;
      let squared = 0;
      let absolute = 0;
      let percentage = 0;
      for (let i = 0; i < n; i++) {
        const w = weights ? weights[i]! : 1;
        const y = truth[i]!;
        const e = absError[i]!;
        total += w;
        sumY += w * y;
        squared += w * e * e;
        absolute += w * e;
        percentage += (w * e) / Math.max(Math.abs(y), float64Eps);
      }
      if (total === 0) return { rmse: null, mae: null, mse: null, r2: null, mape: null, median_ae: null };
      const mean = sumY / total;
      let spread = 0;
      for (let i = 0; i < n; i++) {
        const d = truth[i]! - mean;
        spread += (weights ? weights[i]! : 1) * d * d;
      }
      const mse = squared / total;
      // sklearn (force_finite): a constant truth gives 1 for a perfect fit, else 0, instead of ±inf/NaN.
      const r2 = spread === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / spread;
      return { rmse: Math.sqrt(mse), mae: absolute / total, mse, r2, mape: percentage / total, median_ae: weightedMedian(absError, errorOrder, total, weights) };
    },
    subset: (selected) => regressionSuite({ truth: pick(truth, selected), predicted: pick(predicted, selected) }),
  };
}

/** The median of `values` with each repeated `weights[i]` times (numpy's: the mean of the two middle values when even). */
function weightedMedian(values: Float64Array, order: Uint32Array, total: number, weights?: Float64Array): number {
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let low = NaN;
  let seen = 0;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    seen += weights ? weights[row]! : 1;
    if (Number.isNaN(low) && seen > lowRank) low = values[row]!;
    if (seen > highRank) return (low + values[row]!) / 2;
  }
  return low;
}
