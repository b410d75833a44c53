/**
 * Page–Hinkley test for an upward shift in the mean of a series: m_t = Σ (x_i − x̄_i − δ) with x̄_i the running
 * mean, alarm when m_t − min_{s≤t} m_s > λ. Monitoring feeds it each column's drift score across windows (the
 * statistic in units of its threshold, so 1 = "at the threshold"): a run of small increases that no single window
 * flags accumulates until it crosses λ. δ absorbs noise: a stable series drifts m down and never alarms.
 */

/** Tolerance per window (score units) and alarm level. */
export interface PageHinkleyOptions {
  delta: number;
  lambda: number;
  /** No alarm on fewer windows than this. */
  minWindows: number;
}

/** Defaults tuned on scores in threshold units: 0.05 of noise per window tolerated, alarm at half a threshold of accumulated rise. */
export const PAGE_HINKLEY_DEFAULTS: PageHinkleyOptions = { delta: 0.05, lambda: 0.5, minWindows: 3 };

/** The detector's statistic after the whole series (m_T − min m) and whether it alarms. */
export function pageHinkley(series: readonly number[], options: PageHinkleyOptions = PAGE_HINKLEY_DEFAULTS): { statistic: number; alarm: boolean } {
  let mean = 0;
  let m = 0;
  let min = 0;
  series.forEach((x, i) => {
    mean += (x - mean) / (i + 1);
    m += x - mean - options.delta;
    if (m < min) min = m;
  });
  const statistic = m - min;
  return { statistic, alarm: series.length >= options.minWindows && statistic > options.lambda };
}

/** A column result as a drift score: statistic / threshold for distances, log p / log threshold for p-value tests. */
export function driftScore(result: { statistic: number; pValue?: number; threshold: number }): number {
  let score: number;
  if (result.pValue !== undefined) score = result.pValue <= 0 ? Number.POSITIVE_INFINITY : Math.log(result.pValue) / Math.log(result.threshold);
  else score = result.threshold > 0 ? result.statistic / result.threshold : 0;
  // One extreme window must not dominate the running mean for the windows after it.
  return Math.min(Math.max(score, 0), 3);
}
