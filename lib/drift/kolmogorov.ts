/**
 * The two-sided one-sample Kolmogorov–Smirnov distribution of Dₙ and its limit: `kstwoSf(n, x)` = P(Dₙ ≥ x), the
 * p-value of ks_2samp's asymptotic path (evaluated at n = round(mn/(m+n))). Like scipy 1.10 (Simard & L'Ecuyer's
 * recipe) it picks, by n and n·x², between closed forms, 2·smirnov (tails), the Durbin matrix and Pomeranz recursions
 * (small n or small x) and the Pelz–Good expansion; the exact pieces are in kolmogorov-exact.ts.
 */
import { durbinMatrixCdf, pomeranzCdf } from './kolmogorov-exact.js';
import { smirnovSf } from './smirnov.js';

const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
/** Below this log, exp underflows to 0. */
const MIN_LOG = -708.3964185322641;

/** P(Dₙ ≥ x) for integer n ≥ 1 (scipy.stats.kstwo.sf). */
export function kstwoSf(n: number, x: number): number {
  if (!(n >= 1) || !Number.isInteger(n)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // Ruben–Gambino: P(Dn < x) = n!/nⁿ · (2t−1)ⁿ
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

// Stirling coefficients B_2j / (2j(2j−1)), j = 8 … 1 (highest power first, for Horner).
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

/** ln(n!/nⁿ) by Stirling's series with n·ln n removed up front (no cancellation). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}

/** Pelz–Good asymptotic expansion of P(Dₙ ≤ x) to order n^(−3/2). */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * Math.pow(z, 8);
  // Horner over odd m = 2k−1 of c_m·q^(m²): the terms q^(m²) of the theta-function forms of K0 … K3
  const maxk = Math.ceil((16 * z) / Math.PI);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = Math.pow(q, 8 * k);
    s0 = s0 * qpower + 1;
    s1 = s1 * qpower + (k1a + k1b * m2);
    s2 = s2 * qpower + (k2a + k2b * m2 + k2c * m4);
    s3 = s3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const scale = q * SQRT2PI;
  s0 = (s0 * scale) / z;
  s1 = (s1 * scale) / (6 * z4);
  s2 = (s2 * scale) / (72 * Math.pow(z, 7));
  s3 = (s3 * scale) / (6480 * Math.pow(z, 10));
  // The sums over all integers k of K2's and K3's extra terms
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = SQRT3 * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = Math.pow(q, k2);
    k2extra += k2 * qk;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  s2 += k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  s3 += k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  return s0 + s1 / Math.sqrt(n) + s2 / n + s3 / Math.pow(n, 1.5);
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
