/**
 * McNemar's test on paired predictions: do challenger and champion err on different rows more often than chance?
 * Chi-square with Edwards' continuity correction, max(0, |b − c| − 1)² / (b + c), one degree of freedom, where b
 * counts rows only the challenger gets right and c rows only the champion gets right. No discordant rows: statistic
 * 0, p = 1.
 */
import { chiSquareSf } from '../statistics/gamma.js';

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
  return { statistic, pValue: chiSquareSf(statistic, 1) };
}
