/**
 * What each built-in template renders: plain data, already chosen and ordered for display, so templates stay free of
 * logic and a repository's override sees the same fields. Code that holds reports (evaluation, drift, validation,
 * gate) and the config maps them to these shapes. Strings are raw (unescaped): the templates escape them.
 * Numbers stay numbers; the `fmt`, `pct`, `delta` helpers format them. Optional fields may be left out.
 */

/** A link to show as `[text](url)`; only http(s) URLs become links. */
export interface LinkView {
  text: string;
  url: string;
}

/** Challenger against champion for one metric. */
export type MetricVerdict = 'better' | 'worse' | 'inconclusive';

/** One row of a metric table (partial `metric-table`). */
export interface MetricRowView {
  name: string;
  /** This model (the challenger); null when undefined for the data. */
  value: number | null;
  /** Bootstrap interval of `value`. */
  ci?: [number, number];
  /** The champion's value, when there is a champion. */
  champion?: number | null;
  /** Challenger minus champion. */
  delta?: number;
  /** Paired-bootstrap interval of `delta`. */
  deltaCi?: [number, number];
  verdict?: MetricVerdict;
  /** Marks the metric the gates and the summary line are about. */
  primary?: boolean;
}

/** Metric rows plus whether the champion columns are shown. */
export interface MetricTableView {
  /** True when the rows carry champion values and deltas. */
  hasChampion: boolean;
  rows: MetricRowView[];
}

/** Metrics on the rows of one slice (`column` = `value`). */
export interface SliceRowView {
  column: string;
  /** The slice value as text (`null` for missing values). */
  value: string;
  rows: number;
  /** The primary metric on this slice. */
  metric: number | null;
  champion?: number | null;
  delta?: number;
}

/** The largest gap of one metric between the slices of one column. */
export interface SliceGapView {
  column: string;
  metric: string;
  gap: number;
  best: { value: string; score: number };
  worst: { value: string; score: number };
}

/** A confusion matrix: `rows[i]` is the actual label `labels[i]`, its counts one per predicted label. */
export interface ConfusionMatrixView {
  labels: string[];
  rows: Array<{ label: string; counts: number[] }>;
}

/** One gate or policy rule as evaluated. */
export interface GateView {
  id: string;
  description: string;
  passed: boolean;
  /** One sentence a reviewer can read. */
  reason: string;
  /** What was measured and what was required, as display text. */
  observed?: string;
  expected?: string;
}

/** The commit and workflow run a text is about. */
export interface ProvenanceView {
  commitSha: string;
  /** Branch or tag, e.g. `feature/new-model`. */
  ref?: string;
  runUrl?: string;
  reportUrl?: string;
  /** ISO 8601 date-time. */
  generatedAt: string;
  toolVersion: string;
}

/** The sticky evaluation comment on a pull request (`pr-comment`). */
export interface PrCommentView extends ProvenanceView {
  /** Model name from `.github/mlops.yml`: also the hidden marker's key. */
  model: string;
  task: string;
  /** Overall gate outcome; `pending` while gates are not evaluated. */
  status: 'passed' | 'failed' | 'pending';
  primaryMetric?: string;
  rows: number;
  challenger: { sha256: string; bytes?: number };
  champion?: { sha256: string; release?: string; releaseUrl?: string };
  metrics: MetricTableView;
  mcnemar?: { statistic: number; pValue: number };
  slices: SliceRowView[];
  sliceGaps: SliceGapView[];
  confusionMatrix?: ConfusionMatrixView;
  gates: GateView[];
  /** Milliseconds. */
  latency?: { p50: number; p95: number; p99: number; rowsPerSecond: number };
  /** Mermaid source of the metric chart, inserted raw into a code fence: generated from metric names and numbers only. */
  chart?: string;
}

/** The summary of the `mlops/gate` check run (`check-summary`). */
export interface CheckSummaryView extends ProvenanceView {
  model: string;
  passed: boolean;
  /** Policy tier applied, e.g. `risk-medium`. */
  tier: string;
  policySources: string[];
  rules: GateView[];
  metrics?: MetricTableView;
}

/** One expectation's outcome in a validation job summary. */
export interface ValidationResultView {
  id: string;
  column?: string;
  expectation: string;
  passed: boolean;
  /** What was measured, as display text. */
  observed: string;
  unexpectedCount: number;
  /** 0–100. */
  unexpectedPercent: number;
  examples: Array<{ file: string; line: number; value: string }>;
}

/** The validation step's job summary (`job-summary-validation`). */
export interface JobSummaryValidationView extends ProvenanceView {
  /** Dataset path or name. */
  dataset: string;
  fingerprint: string;
  passed: boolean;
  summary: { expectations: number; failed: number; rows: number; malformed: number };
  results: ValidationResultView[];
  malformed: Array<{ file: string; line: number; reason: string }>;
  /** Malformed rows not listed. */
  malformedMore?: number;
}

/** One compared column (drift summary and drift issue). */
export interface DriftColumnView {
  column: string;
  type: string;
  method: string;
  statistic: number;
  pValue?: number;
  threshold: number;
  drifted: boolean;
  severity?: 'none' | 'low' | 'medium' | 'high';
  /** Why the result is weak. */
  warning?: string;
  approximate: boolean;
  baselineMean?: number;
  currentMean?: number;
  /** Share (0–1) of missing values. */
  baselineMissing: number;
  currentMissing: number;
}

/** One side of a drift comparison. */
export interface DriftDatasetView {
  fingerprint: string;
  rows: number;
  source?: string;
}

/** The drift step's job summary (`job-summary-drift`). */
export interface JobSummaryDriftView extends ProvenanceView {
  model?: string;
  drifted: boolean;
  /** Share (0–1) of compared columns that drifted. */
  share: number;
  threshold: number;
  mode: 'raw' | 'profile';
  baseline: DriftDatasetView;
  current: DriftDatasetView;
  columns: DriftColumnView[];
}

/** The drift incident issue (`drift-issue`). */
export interface DriftIssueView extends ProvenanceView {
  model: string;
  /** Stage (environment) the monitored data comes from: also the hidden marker's key. */
  stage: string;
  owner: string;
  champion?: { version: string; sha256?: string; releaseUrl?: string };
  share: number;
  threshold: number;
  baseline: DriftDatasetView;
  current: DriftDatasetView;
  /** Only the drifted columns, worst first. */
  drifted: DriftColumnView[];
  /** Columns compared in all. */
  compared: number;
  windows?: Array<{ start: string; end: string; rows: number; share: number; drifted: boolean }>;
  onDrift: 'issue' | 'retrain';
  closeAfterCleanWindows: number;
}

/** A dataset a model was trained or evaluated on. */
export interface DatasetView {
  name: string;
  fingerprint: string;
  rows: number;
  description?: string;
}

/** A model card (`model-card`), after Mitchell et al., "Model Cards for Model Reporting". */
export interface ModelCardView extends ProvenanceView {
  model: string;
  version: string;
  /** `@user` or `@org/team`: shown without notifying. */
  owner: string;
  risk: string;
  task: string;
  sha256: string;
  bytes?: number;
  license?: string;
  description?: string;
  inputs: Array<{ name: string; type: string; shape: string }>;
  outputs: Array<{ name: string; type: string; shape: string }>;
  intendedUse: { primaryUses: string[]; primaryUsers: string[]; outOfScope: string[] };
  /** Relevant factors (slice columns) and those evaluated. */
  factors: { relevant: string[]; evaluated: string[] };
  primaryMetric?: string;
  metrics: MetricTableView;
  gates: GateView[];
  evaluationData: DatasetView;
  trainingData?: DatasetView;
  slices: SliceRowView[];
  sliceGaps: SliceGapView[];
  ethicalConsiderations: string[];
  caveats: string[];
  lineage: {
    /** Release this version replaces. */
    parent?: LinkView;
    trainingRun?: LinkView;
    pullRequest?: LinkView;
    dependsOn: string[];
  };
}

/** One model's row on the registry dashboard. */
export interface RegistryModelView {
  name: string;
  owner: string;
  risk: string;
  latest?: { version: string; url?: string; createdAt: string };
  /** One entry per `RegistryDashboardView.stageNames`, same order: the version deployed there, if any. */
  stages: Array<{ version?: string; url?: string; deployedAt?: string }>;
  primaryMetric?: { name: string; value: number | null };
  openDriftIssue?: LinkView;
}

/** The registry dashboard (`registry-dashboard`). */
export interface RegistryDashboardView {
  repository: string;
  /** ISO 8601 date-time. */
  generatedAt: string;
  toolVersion: string;
  /** Stage (environment) columns, in promotion order. */
  stageNames: string[];
  models: RegistryModelView[];
  /** Flow metrics of the repository over a recent window (omitted when they could not be read). */
  flow?: { window: string; rows: Array<{ label: string; value: string }> };
}

/** The view model each built-in template takes. */
export interface TemplateViews {
  'pr-comment': PrCommentView;
  'check-summary': CheckSummaryView;
  'job-summary-validation': JobSummaryValidationView;
  'job-summary-drift': JobSummaryDriftView;
  'drift-issue': DriftIssueView;
  'model-card': ModelCardView;
  'registry-dashboard': RegistryDashboardView;
}
