import type { EvaluationTask } from './types.js';

/** Metrics the evaluation computes per task; names are what gates and reports use. */
export const taskMetrics: Readonly<Record<Exclude<EvaluationTask, 'auto'>, readonly string[]>> = {
  binary: ['roc_auc', 'pr_auc', 'accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'log_loss', 'brier_score', 'mcc'],
  multiclass: ['macro_f1', 'accuracy', 'balanced_accuracy', 'macro_precision', 'macro_recall', 'weighted_f1', 'micro_f1', 'log_loss'],
  regression: ['rmse', 'mae', 'mse', 'r2', 'mape', 'median_ae'],
};

/** Metrics of the model itself, measured whatever the task. */
export const operationalMetrics: readonly string[] = ['latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'model_size_mb'];

const lowerIsBetter = new Set(['log_loss', 'brier_score', 'rmse', 'mae', 'mse', 'mape', 'median_ae', ...operationalMetrics]);

/** Every metric name known for a task (`auto`: those of every task), operational metrics included. */
export function knownMetrics(task: EvaluationTask): string[] {
  const own = task === 'auto' ? [...new Set(Object.values(taskMetrics).flat())] : [...taskMetrics[task]];
  return [...own, ...operationalMetrics];
}

/** The metric a task's evaluation leads with when the config lists none; undefined for `auto` (known once the task is). */
export function defaultPrimaryMetric(task: EvaluationTask): string | undefined {
  return task === 'auto' ? undefined : taskMetrics[task][0];
}

/** Whether larger values of a metric are better (scores) or worse (losses, errors, latency, size). */
export function higherIsBetter(metric: string): boolean {
  return !lowerIsBetter.has(metric);
}
