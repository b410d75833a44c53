/**
 * `lineage.json`, the asset that makes a version rebuildable: the code (merge commit and PR head), the PR and its
 * approvals, the data fingerprints, the training run (id, URL, runner, GPU-hours, cost), parameters, environment, the
 * evaluation report's sha256 and the parent version. Assembled from the bundle's reports; pure.
 */
import type { BundleManifest, EvaluationReport, Sha256, TrainingReport, ValidationReport } from '../contracts/index.js';

/** Identifies the lineage document format. */
export const lineageFormat = 'gh-mlops/lineage@1';

/** One asset of the version. */
export interface LineageAsset {
  name: string;
  role: string;
  sha256: Sha256;
  bytes: number;
}

/** The lineage document. */
export interface Lineage {
  format: typeof lineageFormat;
  model: string;
  version: string;
  tag: string;
  createdAt: string;
  code: { repository: string; sha: string; headSha: string; ref?: string };
  pullRequest?: { number: number; url: string; author: string; approvedBy: string[]; mergedBy?: string };
  data: Array<{ name: string; fingerprint: string; rows?: number }>;
  training?: {
    runId?: number;
    runUrl?: string;
    runner: { instanceType: string; market: string; instanceId?: string; interruptions: number };
    gpuHours: number;
    costUsd: number;
    durationSeconds: number;
    params: Record<string, unknown>;
    environment: TrainingReport['environment'];
  };
  evaluation: { reportSha256?: Sha256; runId: number; runUrl: string; checkRunId?: number; conclusion: string; metrics: Record<string, number | null> };
  validation?: { passed: boolean; fingerprint?: string };
  modelFile: { sha256: Sha256; bytes: number };
  /** The version this one replaces (the model's previous version), if any. */
  parent?: { version: string; tag: string };
  assets: LineageAsset[];
}

/** Everything lineage is assembled from. */
export interface LineageInput {
  model: string;
  version: string;
  tag: string;
  createdAt: string;
  repository: string;
  mergeSha: string;
  headSha: string;
  ref?: string;
  pullRequest?: { number: number; url: string; author: string; approvedBy: string[]; mergedBy?: string };
  manifest: BundleManifest;
  evaluation?: EvaluationReport;
  training?: TrainingReport;
  validation?: ValidationReport;
  run: { id: number; url: string; checkRunId?: number; conclusion: string };
  parent?: { version: string; tag: string };
  /** Release asset name → bundle role, sha256 and bytes (the files as uploaded). */
  assets: LineageAsset[];
}

/** Builds `lineage.json`'s content. */
export function buildLineage(input: LineageInput): Lineage {
  const model = input.manifest.files.find((f) => f.role === 'model')!;
  const evaluationFile = input.manifest.files.find((f) => f.role === 'evaluation');
  const data: Lineage['data'] = [];
  for (const d of input.training?.data ?? []) data.push({ name: d.name, fingerprint: d.fingerprint });
  const evalData = input.evaluation?.subject.dataset;
  if (evalData && !data.some((d) => d.fingerprint === evalData.fingerprint)) data.push({ name: 'evaluation', fingerprint: evalData.fingerprint, rows: evalData.rows });
  const metrics: Record<string, number | null> = {};
  for (const [name, m] of Object.entries(input.evaluation?.metrics ?? {})) metrics[name] = m.value;
  const t = input.training;
  return {
    format: lineageFormat,
    model: input.model,
    version: input.version,
    tag: input.tag,
    createdAt: input.createdAt,
    code: { repository: input.repository, sha: input.mergeSha, headSha: input.headSha, ...(input.ref ? { ref: input.ref } : {}) },
    ...(input.pullRequest ? { pullRequest: input.pullRequest } : {}),
    data,
    ...(t
      ? {
          training: {
            ...(t.subject.run ? { runId: t.subject.run.id, runUrl: t.subject.run.url } : {}),
            runner: { instanceType: t.runner.instanceType, market: t.runner.market, ...(t.runner.instanceId ? { instanceId: t.runner.instanceId } : {}), interruptions: t.runner.interruptions },
            gpuHours: t.gpuHours,
            costUsd: t.cost.usd,
            durationSeconds: t.durationSeconds,
            params: t.params,
            environment: t.environment,
          },
        }
      : {}),
    evaluation: {
      ...(evaluationFile ? { reportSha256: evaluationFile.sha256 } : {}),
      runId: input.run.id,
      runUrl: input.run.url,
      ...(input.run.checkRunId !== undefined ? { checkRunId: input.run.checkRunId } : {}),
      conclusion: input.run.conclusion,
      metrics,
    },
    ...(input.validation ? { validation: { passed: input.validation.passed, ...(input.validation.subject.dataset ? { fingerprint: input.validation.subject.dataset.fingerprint } : {}) } } : {}),
    modelFile: { sha256: model.sha256, bytes: model.bytes },
    ...(input.parent ? { parent: input.parent } : {}),
    assets: input.assets,
  };
}
