/**
 * Decile bins for numeric PSI and Jensen–Shannon: edges = numpy.quantile(baseline, [0.1 … 0.9]) with numpy 1.24's
 * default 'linear' method (including its two-sided lerp), equal edges collapsed; bins (−∞, e1], (e1, e2], …, (e9, +∞).
 * Values equal to an edge fall in the bin the edge closes, so ties count the way numpy.searchsorted(edges, x, 'left')
 * places them.
 */

/** numpy.quantile(sorted[0, n), q) with method 'linear'; `sorted` ascending, n ≥ 1. */
export function quantileLinear(sorted: Float64Array, n: number, q: number): number {
  const index = (n - 1) * q;
  if (index >= n - 1) return sorted[n - 1]!;
  if (index < 0) return sorted[0]!;
  const lo = Math.floor(index);
  const t = index - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  // numpy lerps from the nearer end, so a quantile equal to a data value is reproduced exactly
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The distinct decile edges of an ascending, non-empty baseline. */
export function decileEdges(sorted: Float64Array, n: number): number[] {
  const edges: number[] = [];
  for (let i = 1; i <= 9; i++) {
    const e = quantileLinear(sorted, n, i / 10);
    if (edges.length === 0 || e !== edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** Counts of an ascending sample in the bins the edges define (edges.length + 1 bins). */
export function binCounts(sorted: Float64Array, n: number, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let i = 0;
  for (let b = 0; b < edges.length; b++) {
    const edge = edges[b]!;
    const start = i;
    while (i < n && sorted[i]! <= edge) i++;
    counts[b] = i - start;
  }
  counts[edges.length] = n - i;
  return counts;
}
