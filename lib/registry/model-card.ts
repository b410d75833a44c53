/**
 * The model card's view model (template `model-card`, sections after Mitchell et al.): details, intended use, factors,
 * metrics with intervals, evaluation and training data, slices, ethical considerations, caveats, lineage. Built from
 * the version's reports and the model's config; pure.
 */
import type { EvaluationReport, TrainingReport } from '../contracts/index.js';
import type { GateView, MetricRowView, ModelCardView, SliceRowView } from '../templates/view-models.js';
import type { Lineage } from './lineage.js';

/** What the card is rendered from. */
export interface ModelCardInput {
  model: string;
  version: string;
  owner: string;
  risk: string;
  primaryMetric?: string;
  slices?: string[];
  evaluation?: EvaluationReport;
  training?: TrainingReport;
  lineage: Lineage;
  /** Links: the previous release, the training run, the PR. */
  links: { parentUrl?: string; pullRequestUrl?: string };
  dependsOn?: string[];
  gates?: GateView[];
  generatedAt: string;
  toolVersion: string;
  /** From the repository (optional `model_card` texts are not in the config yet: these default to the standard notes). */
  intendedUse?: ModelCardView['intendedUse'];
  ethicalConsiderations?: string[];
  caveats?: string[];
}

const shape = (dims: Array<number | string | null>) => `[${dims.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

/** Builds the `model-card` view. */
export function modelCardView(input: ModelCardInput): ModelCardView {
  const e = input.evaluation;
  const primary = input.primaryMetric ?? Object.keys(e?.metrics ?? {})[0];
  const rows: MetricRowView[] = Object.entries(e?.metrics ?? {}).map(([name, m]) => {
    const delta = e?.champion?.deltas[name];
    const champion = e?.champion?.metrics[name];
    return {
      name,
      value: m.value,
      ...(m.ci ? { ci: m.ci } : {}),
      ...(champion ? { champion: champion.value } : {}),
      ...(delta ? { delta: delta.delta, deltaCi: delta.ci, verdict: delta.verdict } : {}),
      ...(name === primary ? { primary: true } : {}),
    };
  });
  const slices: SliceRowView[] = (e?.slices ?? []).map((s) => ({
    column: s.column,
    value: s.value === null ? 'null' : String(s.value),
    rows: s.rows,
    metric: primary ? (s.metrics[primary]?.value ?? null) : null,
  }));
  const evaluated = [...new Set((e?.slices ?? []).map((s) => s.column))];
  const trainingData = input.training?.data[0];
  const caveats = [...(input.caveats ?? [])];
  if (!e) caveats.push('No evaluation report was bundled with this version.');
  if (e && Object.keys(e.metrics).length === 0) caveats.push('The evaluation data had no labels: no quality metrics were computed.');
  if (input.training?.runner.interruptions) caveats.push(`Training was interrupted ${input.training.runner.interruptions} time(s) and resumed from a checkpoint.`);
  const lineage = input.lineage;
  return {
    model: input.model,
    version: input.version,
    owner: input.owner,
    risk: input.risk,
    task: e?.task ?? 'unknown',
    sha256: lineage.modelFile.sha256,
    bytes: lineage.modelFile.bytes,
    inputs: (e?.model.inputs ?? []).map((t) => ({ name: t.name, type: t.type, shape: shape(t.shape) })),
    outputs: (e?.model.outputs ?? []).map((t) => ({ name: t.name, type: t.type, shape: shape(t.shape) })),
    intendedUse: input.intendedUse ?? { primaryUses: [], primaryUsers: [], outOfScope: [] },
    factors: { relevant: input.slices ?? evaluated, evaluated },
    ...(primary ? { primaryMetric: primary } : {}),
    metrics: { hasChampion: e?.champion !== undefined, rows },
    gates: input.gates ?? [],
    evaluationData: { name: 'evaluation', fingerprint: e?.subject.dataset?.fingerprint ?? 'unknown', rows: e?.rows ?? 0 },
    ...(trainingData ? { trainingData: { name: trainingData.name, fingerprint: trainingData.fingerprint, rows: input.training?.subject.dataset?.rows ?? 0 } } : {}),
    slices,
    sliceGaps: (e?.sliceGaps ?? []).map((g) => ({ ...g, best: { value: String(g.best.value), score: g.best.score }, worst: { value: String(g.worst.value), score: g.worst.score } })),
    ethicalConsiderations: input.ethicalConsiderations ?? [],
    caveats,
    lineage: {
      ...(lineage.parent && input.links.parentUrl ? { parent: { text: lineage.parent.tag, url: input.links.parentUrl } } : {}),
      ...(lineage.training?.runUrl ? { trainingRun: { text: `run ${lineage.training.runId ?? ''}`.trim(), url: lineage.training.runUrl } } : {}),
      ...(lineage.pullRequest ? { pullRequest: { text: `#${lineage.pullRequest.number}`, url: lineage.pullRequest.url } } : {}),
      dependsOn: input.dependsOn ?? [],
    },
    commitSha: lineage.code.sha,
    ...(lineage.code.ref ? { ref: lineage.code.ref } : {}),
    runUrl: lineage.evaluation.runUrl,
    generatedAt: input.generatedAt,
    toolVersion: input.toolVersion,
  };
}
