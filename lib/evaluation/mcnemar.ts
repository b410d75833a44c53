/**
 * McNemar's test on paired predictions: do challenger and champion err on different rows more often than chance?
 * Chi-square with Edwards' continuity correction, max(0, |b − c| − 1)² / (b + c), one degree of freedom, where b
 * counts rows only the challenger gets right and c rows only the champion gets right. No discordant rows: statistic
 * 0, p = 1.
 */

/** The test statistic and p-value from the two per-row correctness vectors (1 = right). */
export function mcnemarTest(challengerCorrect: Uint8Array, championCorrect: Uint8Array): { statistic: number; pValue: number; b: number; c: number } {
  let b = 0;
  let c = 0;
  for (let i = 0; i < challengerCorrect.length; i++) {
    if (challengerCorrect[i] === 1 && championCorrect[i] === 0) b++;
    else if (challengerCorrect[i] === 0 && championCorrect[i] === 1) c++;
  }
  return { ...mcnemarFromCounts(b, c), b, c };
}

/** McNemar's statistic and p-value from the discordant counts. */
export function mcnemarFromCounts(b: number, c: number): { statistic: number; pValue: number } {
  if (b + c === 0) return { statistic: 0, pValue: 1 };
  const excess = Math.max(0, Math.abs(b - c) - 1);
  const statistic = (excess * excess) / (b + c);
  return { statistic, pValue: chiSquareSurvival1(statistic) };
}

/**
 * P(X > x) for chi-square with one degree of freedom: the regularized upper incomplete gamma Q(1/2, x/2), by its
 * series below a + 1 and Lentz's continued fraction above (Numerical Recipes' split), to about 1e-15.
 */
export function chiSquareSurvival1(x: number): number {
  if (x <= 0) return 1;
  const a = 0.5;
  const z = x / 2;
  const logPrefix = -z + a * Math.log(z) - 0.5 * Math.log(Math.PI); // ln Γ(1/2) = ln √π
  if (z < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= z / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = z + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}
