import type { Fingerprint, Histogram, ReportEnvelope, TopK } from './envelope.js';
import type { ColumnType } from './profile.js';

/** Statistical methods a column comparison may use. */
export type DriftMethod = 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'chisquare';

/** Summary of one side (baseline or current) of a column comparison, for display. */
export interface DriftSideSummary {
  count: number;
  missing: number;
  mean?: number;
  std?: number;
  min?: number | string;
  max?: number | string;
  quantiles?: Array<{ q: number; value: number }>;
  histogram?: Histogram;
  topK?: TopK;
}

/** The comparison of one column. */
export interface ColumnDrift {
  column: string;
  type: ColumnType;
  method: DriftMethod;
  statistic: number;
  pValue?: number;
  threshold: number;
  drifted: boolean;
  /** Why the result is weak (few rows, many missing values, …). */
  warning?: string;
  /** True when computed from sketches rather than raw values. */
  approximate: boolean;
  errorBound?: number;
  change?: 'spike' | 'slow' | 'none';
  severity?: 'none' | 'low' | 'medium' | 'high';
  baseline: DriftSideSummary;
  current: DriftSideSummary;
}

/** One monitoring window (history), oldest first. */
export interface DriftWindow {
  /** The window's name as monitoring was given it (`--window-label`, e.g. a date). */
  label?: string;
  start: string;
  end: string;
  rows: number;
  share: number;
  drifted: boolean;
  columns?: Array<{ column: string; statistic: number; drifted: boolean }>;
}

/** Body of `mlops/drift` v1. The current dataset is `subject.dataset`; the baseline is named here. */
export interface DriftBody {
  /** True when `share >= threshold`. */
  drifted: boolean;
  /** Share (0–1) of compared columns that drifted. */
  share: number;
  /** Dataset-level share of drifted columns that counts as drift. */
  threshold: number;
  /** `raw`: both sides read in full; `profile`: compared from sketches. */
  mode: 'raw' | 'profile';
  baseline: { fingerprint: Fingerprint; rows: number; source?: string };
  columns: ColumnDrift[];
  windows?: DriftWindow[];
}

/** A complete `mlops/drift` v1 report. */
export type DriftReport = ReportEnvelope<'mlops/drift', 1> & DriftBody;
