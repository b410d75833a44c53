import { parseDuration } from './duration.js';
import { defaultPrimaryMetric, taskMetrics } from './metrics.js';
import { defaultGateId } from './semantic-checks.js';
import type { DriftMethod, MlopsConfig, ModelConfig, ResolvedConfig, ResolvedModel, ResolvedMonitoring, ResolvedStage } from './types.js';

/** Defaults of the config, as schema/mlops.schema.json documents them (a test keeps the two in step). */
export const configDefaults = {
  stages: [{ name: 'staging' }, { name: 'production' }],
  requiredApprovals: 1,
  runner: { market: 'spot-then-on-demand', ttl: '6h', disk_gb: 100, max_interruptions: 2 },
  task: 'auto',
  schedule: '0 6 * * *',
  drift: { numeric_method: 'psi', categorical_method: 'chi2', dataset_drift_share: 0.5 },
  thresholds: { psi: 0.2, ks: 0.05, wasserstein: 0.1, jensen_shannon: 0.1, chi2: 0.05 } satisfies Record<DriftMethod, number>,
  onDrift: 'issue',
  closeAfterCleanWindows: 3,
  retrainCooldown: '7d',
  minSoak: '0m',
  onUpstreamChange: 'notify',
  trainWorkflow: 'train.yml',
  evaluateWorkflow: 'evaluate.yml',
  retrainWorkflow: 'retrain.yml',
  ackFor: '7d',
} as const;

/** Applies every default to a valid config (one that loadConfig accepted); pure. */
export function resolveConfig(config: MlopsConfig): ResolvedConfig {
  return {
    version: 1,
    ...(config._extends !== undefined ? { _extends: config._extends } : {}),
    models: config.models.map(resolveModel),
  };
}

function resolveModel(model: ModelConfig): ResolvedModel {
  const resolved: ResolvedModel = {
    name: model.name,
    owner: model.owner,
    risk: model.risk,
    paths: model.paths ?? [`models/${model.name}/**`],
    depends_on: model.depends_on ?? [],
    on_upstream_change: model.on_upstream_change ?? configDefaults.onUpstreamChange,
    promotion: {
      stages: (model.promotion?.stages ?? configDefaults.stages).map(resolveStage),
      required_approvals: model.promotion?.required_approvals ?? configDefaults.requiredApprovals,
      auto_promote: model.promotion?.auto_promote ?? false,
      policy: model.promotion?.policy ?? `risk-${model.risk}`,
    },
  };
  if (model.data) resolved.data = { ...model.data };
  if (model.training) {
    const { runner, ...training } = model.training;
    resolved.training = { ...training, params: { ...(training.params ?? {}) }, workflow: training.workflow ?? configDefaults.trainWorkflow };
    if (runner) {
      const ttl = runner.ttl ?? configDefaults.runner.ttl;
      resolved.training.runner = {
        ...runner,
        subnets: runner.subnets ?? [],
        market: runner.market ?? configDefaults.runner.market,
        ttl,
        ttlMs: parseDuration(ttl)!,
        disk_gb: runner.disk_gb ?? configDefaults.runner.disk_gb,
        max_interruptions: runner.max_interruptions ?? configDefaults.runner.max_interruptions,
      };
    }
  }
  if (model.evaluation) {
    const task = model.evaluation.task ?? configDefaults.task;
    const metrics = model.evaluation.metrics ?? (task === 'auto' ? [] : [...taskMetrics[task]]);
    const primaryMetric = metrics[0] ?? defaultPrimaryMetric(task);
    resolved.evaluation = {
      ...model.evaluation,
      task,
      slices: model.evaluation.slices ?? [],
      metrics,
      ...(primaryMetric !== undefined ? { primaryMetric } : {}),
      gates: (model.evaluation.gates ?? []).map((gate) => ({ ...gate, ...(gate.max_regression !== undefined ? { relative_to: gate.relative_to ?? 'champion' } : {}), id: gate.id ?? defaultGateId(gate) })),
      workflow: model.evaluation.workflow ?? configDefaults.evaluateWorkflow,
    };
  }
  if (model.monitoring) resolved.monitoring = resolveMonitoring(model);
  return resolved;
}

function resolveStage(stage: { name: string; kind?: ResolvedStage['kind']; traffic_percent?: number; min_soak?: string }): ResolvedStage {
  const kind = stage.kind ?? 'normal';
  const min_soak = stage.min_soak ?? configDefaults.minSoak;
  return { name: stage.name, kind, traffic_percent: stage.traffic_percent ?? (kind === 'shadow' ? 0 : 100), min_soak, minSoakMs: parseDuration(min_soak)! };
}

function resolveMonitoring(model: ModelConfig): ResolvedMonitoring {
  const m = model.monitoring!;
  const retrain_cooldown = m.retrain_cooldown ?? configDefaults.retrainCooldown;
  const ack_for = m.ack_for ?? configDefaults.ackFor;
  const baseline = m.baseline ?? model.data?.baseline;
  return {
    schedule: m.schedule ?? configDefaults.schedule,
    source: { ...m.source },
    ...(baseline !== undefined ? { baseline } : {}),
    drift: {
      numeric_method: m.drift?.numeric_method ?? configDefaults.drift.numeric_method,
      categorical_method: m.drift?.categorical_method ?? configDefaults.drift.categorical_method,
      thresholds: { ...configDefaults.thresholds, ...(m.drift?.thresholds ?? {}) },
      dataset_drift_share: m.drift?.dataset_drift_share ?? configDefaults.drift.dataset_drift_share,
    },
    on_drift: m.on_drift ?? configDefaults.onDrift,
    close_after_clean_windows: m.close_after_clean_windows ?? configDefaults.closeAfterCleanWindows,
    retrain_cooldown,
    retrainCooldownMs: parseDuration(retrain_cooldown)!,
    retrain_workflow: m.retrain_workflow ?? configDefaults.retrainWorkflow,
    ack_for,
    ackForMs: parseDuration(ack_for)!,
  };
}
