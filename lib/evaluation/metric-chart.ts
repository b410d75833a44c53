/**
 * A Mermaid bar chart of the scores in [0, 1] (higher is better): challenger beside champion, for the PR comment.
 * The text goes into a code fence raw, so only metric names from our own vocabulary and numbers enter it.
 */
import type { EvaluationReport } from '../contracts/index.js';
import { orderedMetricNames } from './metric-order.js';
import { metricHigherIsBetter } from './verdict.js';

const safeName = /^[a-z][a-z0-9_]*$/;

/** The chart's Mermaid source, or undefined when no metric qualifies. */
export function metricChart(report: EvaluationReport, maxMetrics = 8): string | undefined {
  const names = orderedMetricNames(report)
    .filter((name) => {
      const value = report.metrics[name]!.value;
      return safeName.test(name) && metricHigherIsBetter(name) && value !== null && value >= 0 && value <= 1;
    })
    .slice(0, maxMetrics);
  if (names.length === 0) return undefined;
  const value = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(4)) : 0);
  const lines = ['xychart-beta', `  title "${report.champion ? 'Champion (first bar) vs challenger' : 'Challenger'}"`, `  x-axis [${names.join(', ')}]`, '  y-axis "score" 0 --> 1'];
  if (report.champion) lines.push(`  bar [${names.map((n) => value(report.champion!.metrics[n]?.value)).join(', ')}]`);
  lines.push(`  bar [${names.map((n) => value(report.metrics[n]!.value)).join(', ')}]`);
  return lines.join('\n');
}
