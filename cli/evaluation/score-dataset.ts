/**
 * One streaming pass over the data for one or two models: the rows go through each model in inference batches of the
 * same size (so challenger and champion see the same rows), outputs are kept as float64 arrays, the target and slice
 * columns are interned, and each `session.run` is timed. After the pass, single-row requests on the first rows give
 * the per-row latency a service would see.
 */
import * as ort from 'onnxruntime-node';
import type { DataBatch } from '../../lib/data/batch.js';
import { BadInputError } from '../../lib/errors.js';
import type { InputFeed, OutputPlan } from '../../lib/evaluation/signature.js';
import { FeedBuilder } from './feed-builder.js';
import { GrowableFloat64, InternedColumn } from './growable.js';
import type { LoadedModel } from './onnx-model.js';

/** One model's part of the pass. */
export interface ModelRun {
  model: LoadedModel;
  feeds: InputFeed[];
  plan: OutputPlan;
  /** Outputs to fetch, by role. */
  fetch: { probabilities?: string; score?: string; label?: string };
}

/** What one model produced over the whole pass. */
export interface ModelOutputs {
  /** Row-major [rows × width]. */
  probabilities?: GrowableFloat64;
  width?: number;
  score?: GrowableFloat64;
  /** Label output as text, one per row. */
  labels?: string[];
  /** Milliseconds per `session.run` call over a full batch (the last, partial batch is left out when there are others). */
  batchMs: number[];
  /** Milliseconds in `session.run` over the whole pass. */
  inferenceMs: number;
}

/** What the pass read and produced. */
export interface ScoredDataset {
  rows: number;
  columns: string[];
  target?: InternedColumn;
  slices: InternedColumn[];
  outputs: ModelOutputs[];
  /** Milliseconds per single-row request of the first model. */
  rowMs: number[];
}

/** Options of the pass. */
export interface ScoreOptions {
  batchSize: number;
  target?: string;
  slices: string[];
  /** Single-row requests timed after the pass (default 200). */
  rowSamples?: number;
  /** Plans the models once the data's columns are known (the first batch). */
  prepare(columns: string[]): ModelRun[];
}

/** Runs the pass; see the module comment. */
export async function scoreDataset(batches: AsyncIterable<DataBatch>, options: ScoreOptions): Promise<ScoredDataset> {
  let runs: ModelRun[] | undefined;
  let builders: FeedBuilder[] = [];
  let outputs: ModelOutputs[] = [];
  let columns: string[] = [];
  let target: InternedColumn | undefined;
  let slices: InternedColumn[] = [];
  let rows = 0;
  let samples: Array<Record<string, ort.Tensor>> = [];

  const flush = async () => {
    const count = builders[0]!.filled;
    if (count === 0) return;
    const first = samples.length === 0;
    if (first) samples = Array.from({ length: Math.min(options.rowSamples ?? 200, count) }, (_, i) => builders[0]!.rowTensors(i));
    for (let m = 0; m < runs!.length; m++) {
      const run = runs![m]!;
      const fetches = Object.values(run.fetch).filter((x): x is string => x !== undefined);
      // The first call of a session sets up its kernels: keep that out of the batch timings.
      if (first) await run.model.session.run(builders[m]!.rowTensors(0), fetches);
      const started = performance.now();
      const result = await run.model.session.run(builders[m]!.tensors(), fetches);
      const ms = performance.now() - started;
      outputs[m]!.inferenceMs += ms;
      if (count === builders[m]!.capacity || outputs[m]!.batchMs.length === 0) outputs[m]!.batchMs.push(ms);
      collect(outputs[m]!, run, result, count);
      builders[m]!.reset();
    }
  };

  for await (const batch of batches) {
    if (!runs) {
      columns = batch.columns;
      for (const name of [...(options.target ? [options.target] : []), ...options.slices]) {
        if (!columns.includes(name)) {
          throw new BadInputError('missing-column', `${batch.file}: no column '${name}' (data columns: ${columns.join(', ')})`, {
            location: { file: batch.file, line: 1 },
            hint: name === options.target ? 'name the label column with --target, or pass --no-labels' : 'check --slices',
          });
        }
      }
      runs = options.prepare(columns);
      builders = runs.map((r) => new FeedBuilder(r.feeds, options.batchSize));
      outputs = runs.map(() => ({ batchMs: [], inferenceMs: 0 }));
      target = options.target ? new InternedColumn(options.target) : undefined;
      slices = options.slices.map((s) => new InternedColumn(s));
    }
    if (target) {
      const cells = batch.cells[columns.indexOf(target.name)]!;
      for (let r = 0; r < batch.rowCount; r++) target.push(cells[r]!);
    }
    for (const slice of slices) {
      const cells = batch.cells[columns.indexOf(slice.name)]!;
      for (let r = 0; r < batch.rowCount; r++) slice.push(cells[r]!);
    }
    for (let offset = 0; offset < batch.rowCount; ) {
      const take = builders[0]!.add(batch, offset, batch.rowCount - offset);
      for (let m = 1; m < builders.length; m++) builders[m]!.add(batch, offset, take);
      offset += take;
      if (builders[0]!.full) await flush();
    }
    rows += batch.rowCount;
  }
  if (!runs) throw new BadInputError('no-rows', 'the data has no rows to evaluate', { hint: 'check the --data path' });
  await flush();
  return { rows, columns, ...(target ? { target } : {}), slices, outputs, rowMs: await timeSingleRows(runs[0]!, samples) };
}

function collect(out: ModelOutputs, run: ModelRun, result: ort.InferenceSession.OnnxValueMapType, count: number): void {
  if (run.fetch.probabilities) {
    const tensor = result[run.fetch.probabilities] as ort.Tensor;
    out.width ??= Number(tensor.dims[1] ?? 1);
    (out.probabilities ??= new GrowableFloat64()).append(tensor.data as Float32Array);
  }
  if (run.fetch.score) {
    const tensor = result[run.fetch.score] as ort.Tensor;
    if (tensor.size !== count) throw new BadInputError('bad-output', `${run.model.file}: output '${run.fetch.score}' gave ${tensor.size} values for ${count} rows`, { location: { file: run.model.file } });
    (out.score ??= new GrowableFloat64()).append(tensor.data as Float32Array);
  }
  if (run.fetch.label) {
    const data = (result[run.fetch.label] as ort.Tensor).data as ArrayLike<unknown>;
    const labels = (out.labels ??= []);
    for (let i = 0; i < data.length; i++) labels.push(String(data[i]));
  }
}

async function timeSingleRows(run: ModelRun, samples: Array<Record<string, ort.Tensor>>): Promise<number[]> {
  const fetches = Object.values(run.fetch).filter((x): x is string => x !== undefined);
  for (const feeds of samples.slice(0, 10)) await run.model.session.run(feeds, fetches); // warm-up
  const ms: number[] = [];
  for (const feeds of samples) {
    const started = performance.now();
    await run.model.session.run(feeds, fetches);
    ms.push(performance.now() - started);
  }
  return ms;
}
