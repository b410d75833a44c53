/**
 * GPU telemetry from `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits`: one CSV line per GPU per
 * sample. `[N/A]` and `[Not Supported]` cells (power on some boards, all of them in some containers) read as null.
 */
import type { GpuSample, GpuUsage } from '../contracts/training.js';
import { maxGpuSamples } from '../contracts/training.js';

/** The fields queried, in order. */
export const nvidiaSmiFields = ['index', 'name', 'utilization.gpu', 'memory.used', 'memory.total', 'power.draw'] as const;

/** The arguments of one sample. */
export const nvidiaSmiArgs = [`--query-gpu=${nvidiaSmiFields.join(',')}`, '--format=csv,noheader,nounits'];

export interface GpuReading {
  index: number;
  name: string;
  utilization: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  powerW: number | null;
}

const num = (cell: string | undefined): number | null => {
  const text = (cell ?? '').trim();
  if (text === '' || text.startsWith('[')) return null;
  const n = Number(text.replace(/\s*(%|MiB|W)$/, ''));
  return Number.isFinite(n) ? n : null;
};

/** Parses one sample's output (one line per GPU); lines that do not have every field are skipped. */
export function parseNvidiaSmiCsv(text: string): GpuReading[] {
  const out: GpuReading[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== nvidiaSmiFields.length) continue;
    const index = num(cells[0]);
    if (index === null) continue;
    out.push({ index, name: cells[1]!, utilization: num(cells[2]), memoryUsedMiB: num(cells[3]), memoryTotalMiB: num(cells[4]), powerW: num(cells[5]) });
  }
  return out;
}

/** One sample over all GPUs at `t` seconds: mean utilisation, total memory used, total power. */
export function combineReadings(t: number, readings: GpuReading[]): GpuSample | undefined {
  if (readings.length === 0) return undefined;
  const sum = (pick: (r: GpuReading) => number | null) => readings.reduce((a, r) => a + (pick(r) ?? 0), 0);
  return {
    t,
    utilization: Math.round((sum((r) => r.utilization) / readings.length) * 100) / 100,
    memoryUsedMiB: sum((r) => r.memoryUsedMiB),
    powerW: Math.round(sum((r) => r.powerW) * 100) / 100,
  };
}

/** Keeps at most `max` samples, evenly spaced, always keeping the first and the last. */
export function downsample<T>(samples: T[], max = maxGpuSamples): T[] {
  if (samples.length <= max) return samples;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(samples[Math.round((i * (samples.length - 1)) / (max - 1))]!);
  return out;
}

/** The report's GPU section: devices, downsampled samples, and the summary (energy by the trapezoid rule). */
export function summarizeGpu(devices: Array<{ name: string; memoryTotalMiB: number }>, samples: GpuSample[]): GpuUsage | null {
  if (samples.length === 0) return null;
  const utilizations = samples.map((s) => s.utilization);
  let energyWs = 0;
  for (let i = 1; i < samples.length; i++) {
    energyWs += ((samples[i]!.powerW + samples[i - 1]!.powerW) / 2) * (samples[i]!.t - samples[i - 1]!.t);
  }
  const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    devices,
    samples: downsample(samples),
    summary: {
      utilizationMean: round(utilizations.reduce((a, b) => a + b, 0) / samples.length),
      utilizationMax: Math.max(...utilizations),
      memoryMaxMiB: Math.max(...samples.map((s) => s.memoryUsedMiB)),
      powerMeanW: round(samples.reduce((a, s) => a + s.powerW, 0) / samples.length),
      energyWh: round(energyWs / 3600, 4),
    },
  };
}
