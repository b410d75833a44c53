/**
 * Issue 7's figures. (1) `mlops evaluate` of the 100-tree forest (fixtures/models/forest.onnx, TreeEnsembleClassifier)
 * on 1,000,000 rows, end to end, against the floor it can reach: reading the same CSV with the same reader and feeding a
 * bare `InferenceSession.run` loop, in the same run (figure: evaluate throughput as % of the bare loop's; target 90).
 * Each side runs twice, alternating, best of two, to damp noise from other processes. The bootstrap is off in that
 * comparison and timed on its own. (2) Every binary metric (ROC AUC and average precision included) on 1M rows:
 * target < 1 s.
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { evaluateModel } from '../cli/evaluation/evaluate-model.js';
import { describeModel } from '../cli/evaluation/onnx-model.js';
import { readDataset } from '../lib/data/read-dataset.js';
import { binarySuite, thresholdPredictions } from '../lib/evaluation/binary-metrics.js';
import { pairedBootstrap } from '../lib/evaluation/bootstrap.js';
import { mulberry32 } from '../lib/evaluation/prng.js';
import { assetPath } from '../lib/package-root.js';
import type { BenchResult } from './types.js';

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const batchSize = 4096;

/** churn-train's rows repeated to `rows` (the model's features plus the label). */
async function writeBenchData(file: string, rows: number): Promise<void> {
  const [header, ...body] = readFileSync(assetPath('fixtures', 'datasets', 'churn-train.csv'), 'utf8').trimEnd().split('\n');
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let written = 0; written < rows; ) {
    const take = Math.min(body.length, rows - written);
    if (!out.write(body.slice(0, take).join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    written += take;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** The floor: the same reader, the features copied into a float32 batch, `session.run` per batch. Seconds. */
async function bareLoop(model: Uint8Array, file: string, features: string[]): Promise<number> {
  const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'all' });
  const started = performance.now();
  const buffer = new Float32Array(batchSize * features.length);
  let filled = 0;
  const run = async () => {
    await session.run({ input: new ort.Tensor('float32', buffer.subarray(0, filled * features.length), [filled, features.length]) });
    filled = 0;
  };
  for await (const batch of readDataset([file])) {
    const columns = features.map((f) => batch.cells[batch.columns.indexOf(f)]!);
    for (let r = 0; r < batch.rowCount; r++) {
      for (let j = 0; j < columns.length; j++) buffer[filled * features.length + j] = columns[j]![r] as number;
      if (++filled === batchSize) await run();
    }
  }
  if (filled > 0) await run();
  const seconds = (performance.now() - started) / 1000;
  await session.release();
  return seconds;
}

async function evaluateOnce(file: string): Promise<{ seconds: number; passMs: number; metricsMs: number }> {
  const started = performance.now();
  const { timings } = await evaluateModel({
    model: { path: assetPath('fixtures', 'models', 'forest.onnx'), name: 'forest' },
    batches: readDataset([file]),
    target: 'churned',
    task: 'auto',
    slices: ['plan'],
    threshold: 0.5,
    noLabels: false,
    batchSize,
    bootstrap: { resamples: 0, seed: 7 },
  });
  return { seconds: (performance.now() - started) / 1000, passMs: timings.passMs, metricsMs: timings.metricsMs };
}

/** Every binary metric on `rows` synthetic rows (scores with ties), and a bootstrap of `resamples` on them. */
function metricsOnRows(rows: number, resamples: number): { metricsMs: number; bootstrapMsPerResample: number } {
  const rand = mulberry32(1);
  const truth = new Uint8Array(rows);
  const score = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    truth[i] = rand() < 0.3 ? 1 : 0;
    score[i] = Math.fround(Math.min(1, Math.max(0, 0.3 * truth[i]! + rand() * 0.7)));
  }
  const started = performance.now();
  const suite = binarySuite({ truth, predicted: thresholdPredictions(score, 0.5), score });
  suite.compute();
  const metricsMs = performance.now() - started;
  const bootStarted = performance.now();
  pairedBootstrap(suite, suite, rows, { resamples, seed: 7 });
  return { metricsMs, bootstrapMsPerResample: (performance.now() - bootStarted) / resamples };
}

/** The evaluate benchmark (BENCH_ROWS sets the size). */
export async function benchEvaluate(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-bench-evaluate-'));
  try {
    const file = join(dir, 'churn-1m.csv');
    await writeBenchData(file, rows);
    const model = new Uint8Array(readFileSync(assetPath('fixtures', 'models', 'forest.onnx')));
    const features = JSON.parse(describeModel('forest.onnx', model).metadata.feature_names ?? '[]') as string[];
    // Warm the page cache so neither side pays the first read.
    for await (const _ of createReadStream(file)) void _;
    const bare: number[] = [];
    const evaluated: Array<{ seconds: number; passMs: number; metricsMs: number }> = [];
    for (let round = 0; round < 2; round++) {
      bare.push(await bareLoop(model, file, features));
      evaluated.push(await evaluateOnce(file));
    }
    const bestBare = Math.min(...bare);
    const best = evaluated.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const ratio = (bestBare / best.seconds) * 100;
    const metrics = metricsOnRows(rows, 5);
    return {
      name: 'evaluate',
      figure: round(ratio, 1),
      unit: '% of bare loop throughput',
      target: 90,
      ratio: round(ratio / 90),
      details: {
        rows,
        model: 'fixtures/models/forest.onnx (100 trees, depth ≤ 8, TreeEnsembleClassifier)',
        evaluate_s: round(best.seconds),
        evaluate_rows_per_s: Math.round(rows / best.seconds),
        bare_loop_s: round(bestBare),
        bare_loop_rows_per_s: Math.round(rows / bestBare),
        evaluate_runs_s: evaluated.map((e) => round(e.seconds)),
        bare_runs_s: bare.map((s) => round(s)),
        evaluate_metrics_and_slices_ms: round(best.metricsMs, 0),
        all_binary_metrics_1m_rows_ms: round(metrics.metricsMs, 0),
        metrics_target_ms: 1000,
        bootstrap_ms_per_resample_1m_rows: round(metrics.bootstrapMsPerResample, 0),
        what: 'evaluate (read + features + ONNX Runtime + metrics + slices, no bootstrap) vs read + bare session.run loop, same file, same run, best of two each',
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
