import type { Metrics, Percentiles, ReportEnvelope, Scalar, Sha256 } from './envelope.js';
import type { ColumnProfile } from './profile.js';

/** What the model predicts. */
export type EvaluationTask = 'binary-classification' | 'multiclass-classification' | 'regression';

/** Metrics on the rows where `column` equals `value`. */
export interface EvaluationSlice {
  column: string;
  value: Scalar;
  rows: number;
  metrics: Metrics;
}

/** The largest gap of one metric between the slices of one column. */
export interface SliceGap {
  column: string;
  metric: string;
  /** Absolute difference best − worst. */
  gap: number;
  best: { value: Scalar; score: number };
  worst: { value: Scalar; score: number };
}

/** Challenger minus champion for one metric, with a paired-bootstrap interval. */
export interface MetricDelta {
  delta: number;
  ci: [number, number];
  verdict: 'better' | 'worse' | 'inconclusive';
}

/** Comparison with the model currently in production. */
export interface ChampionComparison {
  model: { sha256: Sha256; name?: string; release?: string };
  metrics: Metrics;
  deltas: Record<string, MetricDelta>;
  mcnemar?: { statistic: number; pValue: number };
}

/** An ONNX graph input or output. */
export interface TensorInfo {
  name: string;
  /** ONNX type, e.g. `tensor(float)`. */
  type: string;
  /** Dimensions: numbers fixed, strings symbolic, null unknown. */
  shape: Array<number | string | null>;
}

/** Body of `mlops/evaluation` v1. */
export interface EvaluationBody {
  task: EvaluationTask;
  /** Label column. */
  target: string;
  rows: number;
  /** The metric gates mean by `primary` and the comment leads with (reports key order is not kept). */
  primaryMetric?: string;
  /** Empty when the data has no labels. */
  metrics: Metrics;
  confusionMatrix?: { labels: string[]; matrix: number[][] };
  slices: EvaluationSlice[];
  sliceGaps: SliceGap[];
  champion?: ChampionComparison;
  /** Milliseconds. */
  latency: { batch: Percentiles & { size?: number }; row: Percentiles; rowsPerSecond: number };
  model: {
    sha256: Sha256;
    bytes: number;
    operators: Array<{ type: string; domain?: string; count: number }>;
    inputs: TensorInfo[];
    outputs: TensorInfo[];
  };
  /** Profile of the model outputs, for runs without labels. */
  predictions?: ColumnProfile[];
}

/** A complete `mlops/evaluation` v1 report. */
export type EvaluationReport = ReportEnvelope<'mlops/evaluation', 1> & EvaluationBody;
