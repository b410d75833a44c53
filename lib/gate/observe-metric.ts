/**
 * What a gate rule's `metric` reads from an evaluation report: a quality metric by name (`primary` = the report's
 * `primaryMetric`), or an operational one — `latency_p50_ms`,
 * `latency_p95_ms`, `latency_p99_ms` (single-row requests, what a service sees) and `model_size_mb` (10^6 bytes).
 */
import type { EvaluationReport } from '../contracts/index.js';

/** The metric a rule names, with `primary` resolved. */
export function resolveMetricName(metric: string, evaluation: EvaluationReport | undefined, primary?: string): string {
  if (metric !== 'primary') return metric;
  return primary ?? evaluation?.primaryMetric ?? Object.keys(evaluation?.metrics ?? {})[0] ?? 'primary';
}

/** The value of `metric` in the evaluation; undefined when the report does not have it, null when it is undefined for the data. */
export function observeMetric(evaluation: EvaluationReport, metric: string): number | null | undefined {
  const latency = /^latency_p(50|95|99)_ms$/.exec(metric);
  if (latency) return evaluation.latency.row[`p${latency[1]}` as 'p50' | 'p95' | 'p99'];
  if (metric === 'model_size_mb') return evaluation.model.bytes / 1_000_000;
  const value = evaluation.metrics[metric];
  return value === undefined ? undefined : value.value;
}
