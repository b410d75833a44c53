/** Percentiles with numpy's default (linear) rule, for bootstrap intervals and latency figures. */

/** The q-th percentile (0–100) of values already sorted ascending: linear between the closest ranks; NaN when empty. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const t = h - lo;
  // numpy's lerp: from the nearer end, so the result never leaves [a, b] by rounding.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** The q-th percentile (0–100) of `values` in any order. */
export function percentile(values: ArrayLike<number>, q: number): number {
  return percentileSorted(Float64Array.from(values).sort(), q);
}
