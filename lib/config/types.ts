// TypeScript shapes of `.github/mlops.yml`, mirroring schema/mlops.schema.json (the schema is the source of truth:
// a test checks that every key the schema allows is a key of these interfaces, and that defaults agree).

/** A risk tier: selects the shipped policy `risk-<tier>`. */
export type RiskTier = 'low' | 'medium' | 'high';
/** Comparison of a gate: the gate passes when `metric op value` holds. */
export type GateOp = '>=' | '>' | '<=' | '<';
/** Evaluation task; `auto` is decided from the target column when the evaluation runs. */
export type EvaluationTask = 'auto' | 'binary' | 'multiclass' | 'regression';
/** Stage kinds: normal serves all traffic, shadow gets a mirrored copy, canary serves a share. */
export type StageKind = 'normal' | 'shadow' | 'canary';
/** EC2 purchase option of a training runner. */
export type RunnerMarket = 'spot' | 'on-demand' | 'spot-then-on-demand';
/** Drift statistic for numeric features. */
export type NumericDriftMethod = 'psi' | 'ks' | 'wasserstein' | 'jensen_shannon';
/** Drift statistic for categorical features. */
export type CategoricalDriftMethod = 'chi2' | 'psi' | 'jensen_shannon';
/** Every drift statistic (keys of `drift.thresholds`). */
export type DriftMethod = NumericDriftMethod | CategoricalDriftMethod;
/** A duration as written: `30m`, `6h`, `7d`, `1h30m`. */
export type Duration = string;

/** The whole file as written (optional keys may be absent). */
export interface MlopsConfig {
  version: 1;
  /** Probot-style inheritance from another repository; resolved by the GitHub App, not by the CLI. */
  _extends?: string;
  models: ModelConfig[];
}

/** One entry of `models:`. */
export interface ModelConfig {
  name: string;
  /** `@user` or `@org/team`. */
  owner: string;
  risk: RiskTier;
  paths?: string[];
  depends_on?: string[];
  /** What a promotion of (or drift on) an upstream model in `depends_on` does to this one. */
  on_upstream_change?: 'notify' | 'evaluate';
  data?: DataConfig;
  training?: TrainingConfig;
  evaluation?: EvaluationConfig;
  promotion?: PromotionConfig;
  monitoring?: MonitoringConfig;
}

/** `models[].data`. */
export interface DataConfig {
  paths?: string[];
  schema?: string;
  baseline?: string;
}

/** `models[].training`. */
export interface TrainingConfig {
  command: string;
  params?: Record<string, string | number | boolean>;
  runner?: RunnerConfig;
  /** Workflow file `/mlops train` dispatches. */
  workflow?: string;
}

/** `models[].training.runner`: an ephemeral EC2 runner. */
export interface RunnerConfig {
  instance_types: string[];
  subnets?: string[];
  market?: RunnerMarket;
  /** USD per instance-hour. */
  max_price?: number;
  ttl?: Duration;
  disk_gb?: number;
  image_id?: string;
  image_ssm_param?: string;
  max_interruptions?: number;
}

/** `models[].evaluation`. */
export interface EvaluationConfig {
  model: string;
  data: string;
  target: string;
  task?: EvaluationTask;
  positive_label?: string | number | boolean;
  slices?: string[];
  metrics?: string[];
  gates?: GateConfig[];
  max_model_mb?: number;
  /** Workflow file `/mlops evaluate` dispatches. */
  workflow?: string;
}

/** One gate: absolute (`op` + `value`) or relative to the champion (`max_regression`). */
export interface GateConfig {
  id?: string;
  metric: string;
  op?: GateOp;
  value?: number;
  relative_to?: 'champion';
  max_regression?: number;
  use_ci?: boolean;
  description?: string;
}

/** `models[].promotion`. */
export interface PromotionConfig {
  stages?: StageConfig[];
  required_approvals?: number;
  auto_promote?: boolean;
  /** Policy name overriding `risk-<risk>`. */
  policy?: string;
}

/** One promotion stage (a GitHub Environment). */
export interface StageConfig {
  name: string;
  kind?: StageKind;
  traffic_percent?: number;
  min_soak?: Duration;
}

/** `models[].monitoring`. */
export interface MonitoringConfig {
  schedule?: string;
  source: MonitoringSource;
  baseline?: string;
  drift?: DriftConfig;
  on_drift?: 'issue' | 'retrain';
  close_after_clean_windows?: number;
  retrain_cooldown?: Duration;
  /** Workflow file that retrains on fresh data. */
  retrain_workflow?: string;
  /** Default period of `/mlops ack`. */
  ack_for?: Duration;
}

/** Exactly one of path, glob, command. */
export type MonitoringSource = { path: string } | { glob: string } | { command: string };

/** `models[].monitoring.drift`. */
export interface DriftConfig {
  numeric_method?: NumericDriftMethod;
  categorical_method?: CategoricalDriftMethod;
  thresholds?: Partial<Record<DriftMethod, number>>;
  dataset_drift_share?: number;
}

// ---- after resolveConfig: every default applied ----

/** The config with defaults applied: what the rest of gh-mlops reads. */
export interface ResolvedConfig {
  version: 1;
  _extends?: string;
  models: ResolvedModel[];
}

/** A model with defaults applied. Sections the file leaves out stay absent (the model has no training, ...). */
export interface ResolvedModel {
  name: string;
  owner: string;
  risk: RiskTier;
  paths: string[];
  depends_on: string[];
  on_upstream_change: 'notify' | 'evaluate';
  data?: DataConfig;
  training?: ResolvedTraining;
  evaluation?: ResolvedEvaluation;
  promotion: ResolvedPromotion;
  monitoring?: ResolvedMonitoring;
}

/** Training with defaults applied. */
export interface ResolvedTraining {
  command: string;
  params: Record<string, string | number | boolean>;
  runner?: ResolvedRunner;
  workflow: string;
}

/** Runner with defaults applied; `ttlMs` is `ttl` parsed. */
export interface ResolvedRunner extends Required<Pick<RunnerConfig, 'instance_types' | 'market' | 'ttl' | 'disk_gb' | 'max_interruptions'>> {
  subnets: string[];
  max_price?: number;
  image_id?: string;
  image_ssm_param?: string;
  ttlMs: number;
}

/**
 * Evaluation with defaults applied: `metrics` is the task's list when the file gives none (empty for task `auto`:
 * every metric of the task detected at evaluation time); `primaryMetric` is the first, undefined until the task is known.
 */
export interface ResolvedEvaluation {
  model: string;
  data: string;
  target: string;
  task: EvaluationTask;
  positive_label?: string | number | boolean;
  slices: string[];
  metrics: string[];
  primaryMetric?: string;
  gates: ResolvedGate[];
  max_model_mb?: number;
  workflow: string;
}

/** A gate with its id filled in. */
export type ResolvedGate = GateConfig & { id: string };

/** Promotion with defaults applied; `policy` is `promotion.policy` or `risk-<risk>`. */
export interface ResolvedPromotion {
  stages: ResolvedStage[];
  required_approvals: number;
  auto_promote: boolean;
  policy: string;
}

/** A stage with defaults applied; `minSoakMs` is `min_soak` parsed. */
export interface ResolvedStage {
  name: string;
  kind: StageKind;
  traffic_percent: number;
  min_soak: Duration;
  minSoakMs: number;
}

/** Monitoring with defaults applied. */
export interface ResolvedMonitoring {
  schedule: string;
  source: MonitoringSource;
  baseline?: string;
  drift: Required<Omit<DriftConfig, 'thresholds'>> & { thresholds: Record<DriftMethod, number> };
  on_drift: 'issue' | 'retrain';
  close_after_clean_windows: number;
  retrain_cooldown: Duration;
  retrainCooldownMs: number;
  retrain_workflow: string;
  ack_for: Duration;
  ackForMs: number;
}
