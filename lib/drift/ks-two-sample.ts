/**
 * Two-sample two-sided Kolmogorov–Smirnov test as scipy.stats.ks_2samp(a, b) computes it with method='auto': the
 * statistic is the largest gap between the two empirical CDFs evaluated (right-continuous, so ties count fully) at
 * every observed value; the p-value is exact while both samples have at most 10,000 values (and then the statistic
 * is snapped to the lattice value h/lcm(m,n), as scipy does), else kstwo.sf(D, round(mn/(m+n))).
 *
 * Inputs are sorted ascending, so the statistic is one merge walk with no allocation.
 */
import { ksExactEqual, ksExactUnequal } from './ks-exact.js';
import { kstwoSf } from './kolmogorov.js';

/** scipy's MAX_AUTO_N: the exact distribution is used while max(m, n) is at most this. */
export const KS_EXACT_MAX_N = 10_000;

/** Result of a two-sample KS test. */
export interface KsResult {
  statistic: number;
  pValue: number;
  /** Which distribution gave the p-value. */
  path: 'exact' | 'asymptotic';
}

/** The KS statistic sup |F_a − F_b| of two ascending samples (a sub-range [0, na) and [0, nb) of each array). */
export function ksStatistic(a: Float64Array, na: number, b: Float64Array, nb: number): number {
  let i = 0;
  let j = 0;
  let max = 0;
  let min = 0;
  while (i < na || j < nb) {
    // the next distinct value of the union, and both CDFs just after it
    const x = j >= nb || (i < na && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < na && a[i]! <= x) i++;
    while (j < nb && b[j]! <= x) j++;
    const diff = i / na - j / nb;
    if (diff > max) max = diff;
    else if (diff < min) min = diff;
  }
  const minS = Math.min(-min, 1);
  return minS > max ? minS : max;
}

/** ks_2samp(a, b) (two-sided, method 'auto') on ascending samples; both must be non-empty. */
export function ksTwoSample(a: Float64Array, na: number, b: Float64Array, nb: number): KsResult {
  const d = ksStatistic(a, na, b, nb);
  return ksFromStatistic(d, na, nb);
}

/** The p-value (and, on the exact path, the lattice-snapped statistic) for a statistic d of samples of sizes m, n. */
export function ksFromStatistic(d: number, na: number, nb: number): KsResult {
  if (Math.max(na, nb) <= KS_EXACT_MAX_N) {
    const g = gcd(na, nb);
    const lcm = (na / g) * nb;
    const h = roundHalfEven(d * lcm);
    const snapped = h / lcm;
    if (h === 0) return { statistic: snapped, pValue: 1, path: 'exact' };
    const p = na === nb ? ksExactEqual(na, h) : ksExactUnequal(na, nb, g, h);
    if (Number.isFinite(p) && p >= 0 && p <= 1) return { statistic: snapped, pValue: p, path: 'exact' };
    // scipy falls back to the asymptotic distribution when the exact computation fails (keeping the snapped D)
    return { statistic: snapped, pValue: asymptotic(snapped, na, nb), path: 'asymptotic' };
  }
  return { statistic: d, pValue: asymptotic(d, na, nb), path: 'asymptotic' };
}

function asymptotic(d: number, na: number, nb: number): number {
  const m = Math.max(na, nb);
  const n = Math.min(na, nb);
  const en = (m * n) / (m + n);
  const p = kstwoSf(roundHalfEven(en), d);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** numpy.round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
