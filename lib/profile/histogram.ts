/**
 * Histograms derived from a quantile sketch at the end, so they merge by re-deriving from the merged sketch rather
 * than by adding bins (bins of two shards would not line up). Approximate: each bin count is off by at most about
 * 2·rankError·n (two CDF lookups); exact while the sketch still holds every value.
 */
import type { Histogram } from '../contracts/envelope.js';
import type { KllSketch } from '../sketches/kll.js';

/** Bins for numeric and datetime columns. */
export const HISTOGRAM_BINS = 20;

/**
 * Equal-width bins over [min, max] (the last bin includes max). Integer columns spanning at most HISTOGRAM_BINS values
 * get one bin per value, edges at v ± 0.5. Counts are differences of rounded cumulative counts, so they sum to n.
 */
export function histogramFromSketch(sketch: KllSketch, integer: boolean): Histogram | undefined {
  const n = sketch.n;
  if (n === 0) return undefined;
  const { min, max } = sketch;
  let edges: number[];
  if (integer && max - min + 1 <= HISTOGRAM_BINS) {
    edges = [];
    for (let v = min; v <= max + 1; v++) edges.push(v - 0.5);
  } else if (min === max) {
    return { edges: [min, max], counts: [n] };
  } else {
    edges = [];
    for (let i = 0; i < HISTOGRAM_BINS; i++) edges.push(min + ((max - min) * i) / HISTOGRAM_BINS);
    edges.push(max);
  }
  const counts: number[] = [];
  let previous = 0;
  for (let i = 1; i < edges.length; i++) {
    const cumulative = i === edges.length - 1 ? n : Math.round(n * sketch.rank(edges[i]!));
    counts.push(cumulative - previous);
    previous = cumulative;
  }
  return { edges, counts };
}
