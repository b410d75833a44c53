/**
 * Statistics on two frequency vectors over the same categories (or bins): the chi-square test of independence on
 * the 2 × k table (scipy.stats.chi2_contingency, correction=False), the Jensen–Shannon distance in base 2
 * (scipy.spatial.distance.jensenshannon) and the Population Stability Index with proportions floored at 1e-4.
 */
import { chiSquareSf } from '../statistics/gamma.js';

/** Floor applied to each proportion before PSI's logarithm, so an empty bin does not make it infinite. */
export const PSI_FLOOR = 1e-4;

/** chi2_contingency([baseline, current], correction=False): statistic, p-value and degrees of freedom. */
export function chiSquareContingency(baseline: ArrayLike<number>, current: ArrayLike<number>): { statistic: number; pValue: number; dof: number } {
  const k = baseline.length;
  let rowB = 0;
  let rowC = 0;
  for (let i = 0; i < k; i++) {
    rowB += baseline[i]!;
    rowC += current[i]!;
  }
  const total = rowB + rowC;
  const dof = k - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof };
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const column = baseline[i]! + current[i]!;
    const eb = (rowB * column) / total;
    const ec = (rowC * column) / total;
    statistic += ((baseline[i]! - eb) ** 2) / eb + ((current[i]! - ec) ** 2) / ec;
  }
  return { statistic, pValue: chiSquareSf(statistic, dof), dof };
}

/** Jensen–Shannon distance (base 2, so within [0, 1]) between two frequency vectors, each normalized to sum 1. */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!;
    sq += q[i]!;
  }
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const m = (a + b) / 2;
    if (a > 0) divergence += a * Math.log(a / m);
    if (b > 0) divergence += b * Math.log(b / m);
  }
  divergence /= Math.LN2;
  // rounding can leave a hair below zero for identical vectors
  return Math.sqrt(Math.max(divergence, 0) / 2);
}

/** PSI = Σ (c − b)·ln(c / b) over proportions of the two frequency vectors, each floored at PSI_FLOOR. */
export function populationStabilityIndex(baseline: ArrayLike<number>, current: ArrayLike<number>): number {
  let sb = 0;
  let sc = 0;
  for (let i = 0; i < baseline.length; i++) {
    sb += baseline[i]!;
    sc += current[i]!;
  }
  let psi = 0;
  for (let i = 0; i < baseline.length; i++) {
    const b = Math.max(baseline[i]! / sb, PSI_FLOOR);
    const c = Math.max(current[i]! / sc, PSI_FLOOR);
    psi += (c - b) * Math.log(c / b);
  }
  return psi;
}
