/**
 * 1-D Wasserstein (earth mover's) distance between two samples, as scipy.stats.wasserstein_distance(u, v): the area
 * between the two empirical CDFs, ∫ |F_u − F_v| dx, summed over the gaps between consecutive values of the union.
 * Inputs are sorted ascending, so it is one merge walk; drift divides it by the baseline's population standard
 * deviation (see `normalizedWasserstein`) so thresholds mean the same for every column's units.
 */

/** W1(u, v) of two ascending samples (ranges [0, nu) and [0, nv)); both non-empty. */
export function wassersteinDistance(u: Float64Array, nu: number, v: Float64Array, nv: number): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  let previous = Math.min(u[0]!, v[0]!);
  while (i < nu || j < nv) {
    const x = j >= nv || (i < nu && u[i]! <= v[j]!) ? u[i]! : v[j]!;
    // the CDFs are constant on [previous, x): their gap times the width
    sum += Math.abs(i / nu - j / nv) * (x - previous);
    while (i < nu && u[i]! <= x) i++;
    while (j < nv && v[j]! <= x) j++;
    previous = x;
  }
  return sum;
}

/** Population mean and standard deviation (ddof 0) of a[0, n), two-pass like numpy.std. */
export function meanAndStd(a: Float64Array, n: number): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - mean;
    squares += d * d;
  }
  return { mean, std: Math.sqrt(squares / n) };
}

/**
 * The drift statistic: W1 divided by the baseline's population std. A constant baseline (std 0) has no scale, so the
 * distance is reported unscaled (0 when the current side is the same constant) and `unscaled` says so.
 */
export function normalizedWasserstein(distance: number, baselineStd: number): { statistic: number; unscaled: boolean } {
  if (baselineStd > 0) return { statistic: distance / baselineStd, unscaled: false };
  return { statistic: distance, unscaled: true };
}
