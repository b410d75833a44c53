/**
 * The body of `mlops train`: runs the command under supervision with GPU sampling and Spot-notice polling, then
 * gathers lineage, metrics, artifacts and cost into an `mlops/training` body. On a notice, the command gets SIGTERM
 * (it writes its checkpoint into --checkpoint-dir) and the run ends as `interrupted`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CheckpointRef, TrainingBody } from '../../lib/contracts/training.js';
import { lookupPrice, type PriceTable } from '../../lib/runners/price-table.js';
import { parseMetricsJsonl, parseTrackingLine, mergeMetrics, paramValue, type MetricPoint } from '../../lib/training/tracking-protocol.js';
import { summarizeGpu } from '../../lib/training/nvidia-smi.js';
import { trainingBody } from '../../lib/training/training-report.js';
import type { Diagnostic } from '../../lib/errors.js';
import { startGpuSampler } from './gpu-sampler.js';
import { metadataClient } from './instance-metadata.js';
import { codeLineage, environmentLineage, hashArtifacts, newestCheckpoint } from './lineage.js';
import { supervise } from './supervise.js';

export interface TrainingRunOptions {
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  params: Record<string, unknown>;
  data: Array<{ name: string; fingerprint: string }>;
  artifacts: string[];
  metricsFile?: string;
  checkpointDir?: string;
  priceTable: PriceTable;
  /** Interruptions already recovered from (the resume count). */
  interruptions: number;
  nvidiaSmi: string;
  gpuIntervalMs: number;
  /** IMDS endpoint, or undefined to not look (no instance facts, no Spot notices). */
  imdsEndpoint: string | undefined;
  spotPollMs: number;
  termGraceMs: number;
  python: boolean;
  out(line: string): void;
  err(line: string): void;
}

export interface TrainingRunResult {
  body: TrainingBody;
  warnings: Diagnostic[];
}

const ref = (c: { path: string; sha256: string; bytes: number } | undefined): CheckpointRef | undefined => c && { path: c.path, sha256: c.sha256, bytes: c.bytes };

/** Runs the training command and returns the report body (whatever the command's exit code). */
export async function runTraining(o: TrainingRunOptions): Promise<TrainingRunResult> {
  const warnings: Diagnostic[] = [];
  const imds = o.imdsEndpoint ? metadataClient(o.imdsEndpoint) : undefined;
  const facts = await imds?.facts();
  const resumedFrom = o.checkpointDir ? ref(await newestCheckpoint(o.cwd, o.checkpointDir)) : undefined;
  const streamed: MetricPoint[] = [];
  const protocolParams: Record<string, unknown> = {};
  const started = performance.now();
  const sampler = startGpuSampler({ binary: o.nvidiaSmi, intervalMs: o.gpuIntervalMs, env: o.env, now: () => performance.now() });
  let lineNo = 0;
  const child = supervise(o.command, {
    cwd: o.cwd,
    env: o.env,
    onStdout: o.out,
    onStderr: o.err,
    onLine(line) {
      lineNo += 1;
      const parsed = parseTrackingLine(line);
      if (!parsed) return;
      if (parsed.kind === 'metric') streamed.push({ name: parsed.name, step: parsed.step, value: parsed.value });
      else if (parsed.kind === 'param') protocolParams[parsed.name] = paramValue(parsed.value);
      else warnings.push({ severity: 'warning', message: `tracking line ignored: ${parsed.reason}`, location: { file: '(stdout)', line: lineNo } });
    },
  });
  let interrupted = false;
  const poll = facts?.market === 'spot' && imds
    ? setInterval(() => {
        void imds.spotNotice().then((time) => {
          if (!time || interrupted) return;
          interrupted = true;
          o.err(`mlops train: Spot interruption notice (instance reclaimed at ${time}); sending SIGTERM so the command checkpoints`);
          child.terminate(o.termGraceMs);
        });
      }, o.spotPollMs)
    : undefined;
  let exitCode: number;
  try {
    exitCode = await child.done;
  } finally {
    if (poll) clearInterval(poll);
  }
  const durationSeconds = (performance.now() - started) / 1000;
  const gpu = await sampler.stop();

  let filed: MetricPoint[] = [];
  if (o.metricsFile) {
    const path = resolve(o.cwd, o.metricsFile);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) warnings.push({ severity: 'warning', message: 'metrics file not found', location: { file: o.metricsFile } });
    else {
      const parsed = parseMetricsJsonl(text, o.metricsFile);
      filed = parsed.points;
      warnings.push(...parsed.warnings);
    }
  }
  const last = o.checkpointDir ? ref(await newestCheckpoint(o.cwd, o.checkpointDir)) : undefined;
  const price = facts ? lookupPrice(o.priceTable, facts.instanceType, facts.market) : undefined;
  if (facts && !price) warnings.push({ severity: 'warning', message: `no price for ${facts.instanceType} in the price table of ${o.priceTable.asOf}; cost reported as 0`, location: { file: 'mlops train' }, hint: 'pass --price-table with this type' });
  const body = trainingBody({
    code: await codeLineage(o.cwd, o.env),
    data: o.data,
    params: { ...o.params, ...protocolParams },
    environment: await environmentLineage(o.cwd, { python: o.python }),
    gpu: summarizeGpu(gpu.devices, gpu.samples),
    durationSeconds,
    price,
    // The JSONL file has full precision; stdout points fill in what the file does not have.
    metrics: mergeMetrics(streamed, filed),
    artifacts: interrupted ? [] : await hashArtifacts(o.cwd, o.artifacts),
    runner: facts ? { instanceType: facts.instanceType, market: facts.market, instanceId: facts.instanceId } : { instanceType: 'local', market: 'on-demand' },
    interruptions: o.interruptions + (interrupted ? 1 : 0),
    checkpoint: { ...(resumedFrom ? { resumedFrom } : {}), ...(last ? { last } : {}) },
    exitCode,
    interrupted,
  });
  return { body, warnings };
}
