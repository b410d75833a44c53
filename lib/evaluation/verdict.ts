/** Which direction of a metric is good, and the verdict of a paired-bootstrap interval of challenger − champion. */
import { higherIsBetter } from '../config/metrics.js';

// Losses and errors the config module does not list (ours alone).
const alsoLowerIsBetter = new Set(['ece']);

/** Whether larger values of `metric` are better. */
export function metricHigherIsBetter(metric: string): boolean {
  return !alsoLowerIsBetter.has(metric) && higherIsBetter(metric);
}

/**
 * better / worse when the whole interval of challenger − champion lies on one side of zero (for a loss, below zero
 * is better); inconclusive when it touches or spans zero — including a champion identical to the challenger.
 */
export function deltaVerdict(metric: string, ci: [number, number]): 'better' | 'worse' | 'inconclusive' {
  const [low, high] = ci;
  const up = metricHigherIsBetter(metric);
  if (low > 0) return up ? 'better' : 'worse';
  if (high < 0) return up ? 'worse' : 'better';
  return 'inconclusive';
}
