/** Assembles the `mlops/training` v1 body from what `mlops train` observed: pure, so every field is testable exactly. */
import type { CheckpointRef, GpuUsage, TrainingBody } from '../contracts/training.js';
import { runCost, type HourlyPrice } from '../runners/price-table.js';
import type { MetricPoint } from './tracking-protocol.js';

export interface TrainingObservations {
  code: { sha: string; dirty: boolean };
  data: Array<{ name: string; fingerprint: string }>;
  params: Record<string, unknown>;
  environment: TrainingBody['environment'];
  gpu: GpuUsage | null;
  durationSeconds: number;
  /** Price of the machine; undefined when not on a known instance (a laptop, a hosted runner): cost 0. */
  price: HourlyPrice | undefined;
  metrics: MetricPoint[];
  artifacts: Array<{ path: string; sha256: string; bytes: number }>;
  runner: { instanceType: string; market: 'on-demand' | 'spot'; instanceId?: string };
  /** Interruptions before and including this run (a resumed run counts the ones it recovered from). */
  interruptions: number;
  checkpoint?: { resumedFrom?: CheckpointRef; last?: CheckpointRef };
  exitCode: number;
  interrupted: boolean;
}

/** The report body. GPU-hours count the instance's GPUs for the whole run (what is billed), not only busy time. */
export function trainingBody(o: TrainingObservations): TrainingBody {
  const cost = o.price ? runCost(o.durationSeconds, o.price) : { usd: 0, gpuHours: 0 };
  const gpuHours = o.price ? cost.gpuHours : o.gpu ? Math.round((o.durationSeconds / 3600) * (o.gpu.devices?.length ?? 1) * 10_000) / 10_000 : 0;
  return {
    code: o.code,
    data: o.data,
    params: o.params,
    environment: o.environment,
    gpu: o.gpu,
    durationSeconds: Math.round(o.durationSeconds * 1000) / 1000,
    gpuHours,
    cost: o.price ? { usd: cost.usd, pricePerHour: o.price.pricePerHour, source: o.price.source } : { usd: 0, pricePerHour: 0, source: 'no-instance' },
    metrics: o.metrics,
    artifacts: [...o.artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    runner: { instanceType: o.runner.instanceType, market: o.runner.market, ...(o.runner.instanceId ? { instanceId: o.runner.instanceId } : {}), interruptions: o.interruptions },
    ...(o.checkpoint && (o.checkpoint.last || o.checkpoint.resumedFrom) ? { checkpoint: o.checkpoint } : {}),
    outcome: { status: o.interrupted ? 'interrupted' : o.exitCode === 0 ? 'completed' : 'failed', exitCode: o.exitCode },
  };
}

/** `--param k=v` flags (repeatable) as a params object; a key given twice keeps the last. */
export function parseParamFlags(flags: readonly string[], typed: (text: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new Error(`--param ${JSON.stringify(flag)}: expected key=value`);
    out[flag.slice(0, eq)] = typed(flag.slice(eq + 1));
  }
  return out;
}
