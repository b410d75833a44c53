/**
 * The envelope every report carries (schemas/common.v1.schema.json): which kind and version it is, when and by which
 * gh-mlops it was written, and what it is about. Report bodies sit next to these keys at the top level of the file.
 */

/** Every report kind gh-mlops exchanges between the actions, the CLI and the app. */
export const reportKinds = [
  'mlops/validation',
  'mlops/profile',
  'mlops/drift',
  'mlops/evaluation',
  'mlops/gate',
  'mlops/training',
  'mlops/bundle',
] as const;

/** One of `reportKinds`. */
export type ReportKind = (typeof reportKinds)[number];

/** A dataset, identified by content: `fingerprint` is `sha256:<hex>` over its bytes followed by its row count. */
export interface DatasetSubject {
  fingerprint: string;
  rows: number;
  files?: Array<{ path: string; bytes: number; sha256?: string }>;
}

/** A model file, identified by the sha256 of its bytes. */
export interface ModelSubject {
  name?: string;
  sha256: string;
  bytes?: number;
}

/** The commit the report was produced for. */
export interface CommitSubject {
  sha: string;
  ref?: string;
  /** `owner/name`. */
  repository?: string;
}

/** The workflow run that produced the report. */
export interface RunSubject {
  id: number;
  url: string;
  attempt?: number;
}

/** What a report is about: at least one of the four. */
export interface Subject {
  dataset?: DatasetSubject;
  model?: ModelSubject;
  commit?: CommitSubject;
  run?: RunSubject;
}

/** The program that wrote a report. */
export interface ToolInfo {
  name: 'gh-mlops';
  version: string;
}

/** Keys shared by every report; `V` is the contract version (an integer, bumped only on breaking changes). */
export interface ReportEnvelope<K extends ReportKind = ReportKind, V extends number = number> {
  kind: K;
  version: V;
  /** ISO 8601 date-time. */
  createdAt: string;
  tool: ToolInfo;
  subject: Subject;
}

/** A sha256 digest: 64 lower-case hex characters. */
export type Sha256 = string;

/** A dataset fingerprint: `sha256:` + 64 lower-case hex characters. */
export type Fingerprint = string;

/** A single cell value as read from data. */
export type Scalar = string | number | boolean | null;

/** A metric value with an optional confidence interval `[low, high]`. `value` is null when undefined for the data. */
export interface MetricValue {
  value: number | null;
  ci?: [number, number];
}

/** Metric name → value. */
export type Metrics = Record<string, MetricValue>;

/** Most frequent values; `exact` when every distinct value was counted. */
export interface TopK {
  exact: boolean;
  items: Array<{ value: Scalar; count: number }>;
}

/** Histogram: `edges` has one more entry than `counts`. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}
