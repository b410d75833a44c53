/** Display order of metrics: the primary first, then each task's usual order (report files keep no key order). */
import type { EvaluationReport } from '../contracts/index.js';
import { binaryMetricNames } from './binary-metrics.js';
import { multiclassMetricNames } from './multiclass-metrics.js';
import { regressionMetricNames } from './regression-metrics.js';

const displayOrder = [...new Set([...binaryMetricNames(true), ...multiclassMetricNames(true), ...regressionMetricNames])];

/** The report's metric names for display: the primary first, then the task's usual order (reports keep no key order). */
export function orderedMetricNames(report: EvaluationReport, primary = report.primaryMetric): string[] {
  const rank = (name: string) => (name === primary ? -1 : displayOrder.includes(name) ? displayOrder.indexOf(name) : displayOrder.length);
  return Object.keys(report.metrics).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

