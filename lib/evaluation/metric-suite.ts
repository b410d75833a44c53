/** The shape shared by the binary, multiclass and regression metric computations. */
import type { Confusion } from './confusion.js';

/** Metric name → value; null when the metric is undefined for the rows (e.g. ROC AUC with one class). */
export type MetricValues = Record<string, number | null>;

/**
 * Metrics of one model on fixed rows, prepared once (sorting done) and computed as often as needed: without weights
 * on the rows as they are, with `weights` (bootstrap counts: how often each row was drawn) on a resample.
 */
export interface MetricSuite {
  /** Metric names this suite computes, in display order (the task's primary metric first). */
  names: string[];
  compute(weights?: Float64Array): MetricValues;
  /** Confusion matrix of a classifier (actual × predicted, over the model's classes); undefined for regression. */
  confusion?(weights?: Float64Array): Confusion;
  /** Per row: 1 when the prediction is right (classification), for McNemar's test. */
  correct?(): Uint8Array;
  /** The same metrics on a subset of the rows (slices). */
  subset(rows: Uint32Array): MetricSuite;
}

/** float64 machine epsilon: the clip sklearn 1.2 applies to probabilities in log_loss (`eps="auto"`) and MAPE. */
export const float64Eps = 2.220446049250313e-16;

/** Copies `source[rows[i]]` into a new array of the same kind. */
export function pick<T extends Float64Array | Uint8Array | Int32Array>(source: T, rows: Uint32Array): T {
  const out = new (source.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = source[rows[i]!]!;
  return out;
}

/** Like `pick` for row-major matrices with `width` columns. */
export function pickRows(source: Float64Array, rows: Uint32Array, width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(source.subarray(rows[i]! * width, (rows[i]! + 1) * width), i * width);
  return out;
}
