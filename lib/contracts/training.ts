import type { Fingerprint, ReportEnvelope, Sha256 } from './envelope.js';

/** One GPU utilization sample; `t` is seconds since the run started. */
export interface GpuSample {
  t: number;
  /** Percent, 0–100. */
  utilization: number;
  memoryUsedMiB: number;
  powerW: number;
}

/** GPU usage while training. */
export interface GpuUsage {
  devices?: Array<{ name: string; memoryTotalMiB: number }>;
  /** Downsampled to at most `maxGpuSamples`. */
  samples: GpuSample[];
  summary: { utilizationMean: number; utilizationMax: number; memoryMaxMiB: number; powerMeanW: number; energyWh: number };
}

/** A checkpoint file. */
export interface CheckpointRef {
  path: string;
  sha256: Sha256;
  bytes?: number;
  step?: number;
}

/** Body of `mlops/training` v1. */
export interface TrainingBody {
  code: { sha: string; dirty: boolean };
  data: Array<{ name: string; fingerprint: Fingerprint }>;
  /** Hyper-parameters as passed to the trainer. */
  params: Record<string, unknown>;
  environment: { node: string; python?: string; pip?: string; lockfiles: Array<{ file: string; sha256: Sha256 }> };
  /** null when the run had no GPU. */
  gpu: GpuUsage | null;
  durationSeconds: number;
  gpuHours: number;
  /** `source` names where the price came from, e.g. `on-demand-price`, `spot-price-history`, `config`. */
  cost: { usd: number; pricePerHour: number; source: string };
  /** Training curves. */
  metrics: Array<{ name: string; step: number; value: number }>;
  artifacts: Array<{ path: string; sha256: Sha256; bytes: number }>;
  runner: { instanceType: string; market: 'on-demand' | 'spot'; instanceId?: string; interruptions: number };
  checkpoint?: { resumedFrom?: CheckpointRef; last?: CheckpointRef };
  /** How the training command ended (added compatibly; absent in older reports). */
  outcome?: { status: 'completed' | 'interrupted' | 'failed'; exitCode: number };
}

/** A complete `mlops/training` v1 report. */
export type TrainingReport = ReportEnvelope<'mlops/training', 1> & TrainingBody;

/** Most GPU samples a report keeps (the schema refuses more); producers downsample. */
export const maxGpuSamples = 10000;
