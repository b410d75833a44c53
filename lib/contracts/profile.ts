import type { Fingerprint, Histogram, ReportEnvelope, TopK } from './envelope.js';

/** Logical column types the readers infer. */
export type ColumnType = 'integer' | 'number' | 'boolean' | 'datetime' | 'categorical' | 'string';

/** Serialized quantile sketch; `state` is opaque outside the sketch's own reader. */
export interface QuantileSketch {
  kind: 'kll' | 'tdigest';
  /** Normalized rank error guaranteed by the sketch (0–1). */
  rankError: number;
  state: Record<string, unknown> | string;
}

/** One column's profile; which optional fields appear depends on `type`. */
export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** Non-missing values. */
  count: number;
  missing: number;
  distinct: { estimate: number; errorBound: number; exact?: boolean };
  /** Numbers for numeric columns; ISO strings for datetime; lexicographic bounds for strings. */
  min?: number | string;
  max?: number | string;
  mean?: number;
  /** Population variance (M2 / n). */
  variance?: number;
  /** Values behind mean/variance, so partial profiles merge exactly (Chan et al.). */
  n?: number;
  quantiles?: QuantileSketch;
  histogram?: Histogram;
  topK?: TopK;
  stringLength?: { min: number; max: number; mean: number };
  /** Mergeable sketch state (type counts, distinct sketch, all top-k counters, …) so shard profiles merge exactly; opaque outside lib/profile. */
  state?: Record<string, unknown>;
}

/** Body of `mlops/profile` v1. */
export interface ProfileBody {
  rows: number;
  fingerprint: Fingerprint;
  /** Column profiles in the dataset's column order. */
  columns: ColumnProfile[];
}

/** A complete `mlops/profile` v1 report. */
export type ProfileReport = ReportEnvelope<'mlops/profile', 1> & ProfileBody;
