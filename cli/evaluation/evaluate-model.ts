/**
 * `mlops evaluate` end to end, minus option parsing and printing: open the models, plan their signatures on the data's
 * columns, score the data in one streaming pass, compute metrics (and the champion comparison, slices, latency), and
 * assemble the `mlops/evaluation` body. With `noLabels`, the body carries a profile of the predictions instead.
 */
import type { ChampionComparison, EvaluationBody, EvaluationReport, Scalar } from '../../lib/contracts/index.js';
import type { DataBatch } from '../../lib/data/batch.js';
import { BadInputError } from '../../lib/errors.js';
import { championFromReport } from '../../lib/evaluation/champion-report.js';
import { evaluateSuites } from '../../lib/evaluation/evaluate-suites.js';
import { latencySummary } from '../../lib/evaluation/latency.js';
import { buildSuite, modelClasses, type RawOutputs, type TruthColumn } from '../../lib/evaluation/predictions.js';
import { predictionProfile } from '../../lib/evaluation/prediction-profile.js';
import { detectTask, planInputs, planOutputs } from '../../lib/evaluation/signature.js';
import { loadModel, type LoadedModel } from './onnx-model.js';
import { scoreDataset, type ModelOutputs, type ModelRun } from './score-dataset.js';

/** Everything `mlops evaluate` was asked. Paths are resolved; `*Name` is how to show them. */
export interface EvaluateRequest {
  model: { path: string; name: string };
  champion?: { path: string; name: string };
  championReport?: { report: EvaluationReport; file: string };
  batches: AsyncIterable<DataBatch>;
  target?: string;
  task: 'auto' | 'binary' | 'multiclass' | 'regression';
  slices: string[];
  minSliceRows?: number;
  positiveLabel?: string;
  threshold: number;
  features?: string[];
  noLabels: boolean;
  batchSize: number;
  bootstrap: { resamples: number; seed: number };
  maxModelBytes?: number;
}

/** The body, the models as loaded, and timings (ms) for --verbose and the bench. */
export interface EvaluateResult {
  body: EvaluationBody;
  model: LoadedModel;
  timings: { passMs: number; metricsMs: number; bootstrapMs: number };
}

function runFor(model: LoadedModel, columns: string[], request: EvaluateRequest): ModelRun {
  const feeds = planInputs(model, columns, request.target, request.features);
  const plan = planOutputs(model.file, model.outputs);
  // Probabilities make labels redundant (predictions come from them); skip fetching what is not read.
  const fetch = plan.probabilities ? { probabilities: plan.probabilities } : { ...(plan.score ? { score: plan.score } : {}), ...(plan.label ? { label: plan.label } : {}) };
  return { model, feeds, plan, fetch };
}

const raw = (o: ModelOutputs): RawOutputs => ({
  ...(o.probabilities ? { probabilities: o.probabilities.view() } : {}),
  ...(o.width !== undefined ? { width: o.width } : {}),
  ...(o.score ? { score: o.score.view() } : {}),
  ...(o.labels ? { labels: o.labels } : {}),
});

/** Runs the evaluation; see the module comment. */
export async function evaluateModel(request: EvaluateRequest): Promise<EvaluateResult> {
  if (!request.noLabels && !request.target) throw new BadInputError('usage', 'no --target: name the label column, or pass --no-labels', { location: { file: 'mlops' } });
  const model = await loadModel(request.model.path, request.model.name, { ...(request.maxModelBytes ? { maxBytes: request.maxModelBytes } : {}) });
  const champion = request.champion ? await loadModel(request.champion.path, request.champion.name, { ...(request.maxModelBytes ? { maxBytes: request.maxModelBytes } : {}) }) : undefined;
  let runs: ModelRun[] = [];
  const started = performance.now();
  const scored = await scoreDataset(request.batches, {
    batchSize: request.batchSize,
    ...(request.noLabels ? {} : { target: request.target! }),
    slices: request.slices,
    prepare: (columns) => (runs = [model, ...(champion ? [champion] : [])].map((m) => runFor(m, columns, request))),
  });
  const passMs = performance.now() - started;
  const mine = raw(scored.outputs[0]!);
  const modelInfo = { sha256: model.sha256, bytes: model.bytes, operators: model.operators, inputs: model.inputs, outputs: model.outputs };
  const latency = latencySummary(scored.outputs[0]!.batchMs, scored.rowMs, request.batchSize, scored.rows, scored.outputs[0]!.inferenceMs);
  const truth: TruthColumn | undefined = scored.target ? { values: scored.target.values, ids: scored.target.rowIds() } : undefined;
  const classes = runs[0]!.plan.probabilities || runs[0]!.plan.label || request.task === 'binary' || request.task === 'multiclass' ? modelClasses(classOptions(model, request), truth, mine) : undefined;
  const task = detectTask(request.task, runs[0]!.plan, classes?.length);
  const target = request.target ?? model.metadata.target ?? 'target';

  if (request.noLabels || !truth) {
    const body: EvaluationBody = { task, target, rows: scored.rows, metrics: {}, slices: [], sliceGaps: [], latency, model: modelInfo, predictions: predictionProfile(task, mine, classes ?? []) };
    return { body, model, timings: { passMs, metricsMs: 0, bootstrapMs: 0 } };
  }
  const metricsStarted = performance.now();
  const options = { ...classOptions(model, request), classes: classes ?? [] };
  const challengerSuite = buildSuite(task, mine, truth, target, options);
  const championSuite = champion ? buildSuite(task, raw(scored.outputs[1]!), truth, target, { ...classOptions(champion, request), classes: classes ?? [] }) : undefined;
  const slices = scored.slices.map((s) => ({ column: s.name, values: { values: s.values as Scalar[], ids: s.rowIds() } }));
  const result = evaluateSuites({
    task,
    challenger: challengerSuite,
    ...(championSuite ? { champion: championSuite } : {}),
    rows: scored.rows,
    ...(classes && task !== 'regression' ? { classLabels: classes } : {}),
    slices,
    ...(request.minSliceRows !== undefined ? { sliceOptions: { minRows: request.minSliceRows } } : {}),
    bootstrap: request.bootstrap,
  });
  const metricsMs = performance.now() - metricsStarted - result.bootstrapMs;
  const body: EvaluationBody = { task, target, rows: scored.rows, primaryMetric: challengerSuite.names[0]!, metrics: result.metrics, slices: result.slices, sliceGaps: result.sliceGaps, latency, model: modelInfo };
  if (result.confusionMatrix) body.confusionMatrix = result.confusionMatrix;
  if (champion && result.champion) {
    body.champion = { model: { sha256: champion.sha256, name: request.champion!.name }, ...result.champion } as ChampionComparison;
  } else if (request.championReport) {
    body.champion = championFromReport(task, body.metrics, request.championReport.report, request.championReport.file);
  }
  return { body, model, timings: { passMs, metricsMs, bootstrapMs: result.bootstrapMs } };
}

function classOptions(model: LoadedModel, request: EvaluateRequest) {
  return {
    file: model.file,
    threshold: request.threshold,
    ...(model.metadata.classes ? { classesMetadata: model.metadata.classes } : {}),
    ...(request.positiveLabel !== undefined ? { positiveLabel: request.positiveLabel } : {}),
  };
}
