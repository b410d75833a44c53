/** Median and 90th percentile of a sample: the two numbers a flow report gives for every duration. */
import { quantile } from 'simple-statistics';
import type { Spread } from './types.js';

/** Median and p90 of `values` (simple-statistics' quantile: linear interpolation between order statistics, numpy's default). */
export function spread(values: number[]): Spread {
  if (values.length === 0) return { count: 0, median: null, p90: null };
  return { count: values.length, median: quantile(values, 0.5), p90: quantile(values, 0.9) };
}

/** Hours from `from` to `to` (ISO 8601 times). */
export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 3_600_000;
}

/** True when `at` lies in the window [since, until]. */
export function inWindow(at: string, window: { since: string; until: string }): boolean {
  const t = Date.parse(at);
  return t >= Date.parse(window.since) && t <= Date.parse(window.until);
}
