/**
 * Samples GPU telemetry with `nvidia-smi` every interval while training runs. No nvidia-smi (a CPU machine) means no
 * GPU section in the report, not an error.
 */
import { execFile } from 'node:child_process';
import type { GpuSample } from '../../lib/contracts/training.js';
import { combineReadings, nvidiaSmiArgs, parseNvidiaSmiCsv } from '../../lib/training/nvidia-smi.js';

export interface GpuSampler {
  /** Stops sampling (after one last sample) and returns what was seen; devices empty when there is no GPU. */
  stop(): Promise<{ devices: Array<{ name: string; memoryTotalMiB: number }>; samples: GpuSample[] }>;
}

function query(binary: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(binary, nvidiaSmiArgs, { env, timeout: 10_000 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/** Starts sampling now (t = 0) and every `intervalMs`. */
export function startGpuSampler(options: { binary: string; intervalMs: number; env: NodeJS.ProcessEnv; now(): number }): GpuSampler {
  const started = options.now();
  const samples: GpuSample[] = [];
  const devices = new Map<number, { name: string; memoryTotalMiB: number }>();
  let pending: Promise<void> = Promise.resolve();
  let available = true;
  const sample = () => {
    if (!available) return pending;
    pending = pending.then(async () => {
      const t = (options.now() - started) / 1000;
      const text = await query(options.binary, options.env);
      if (text === undefined) {
        available = samples.length > 0;
        return;
      }
      const readings = parseNvidiaSmiCsv(text);
      for (const r of readings) if (!devices.has(r.index)) devices.set(r.index, { name: r.name, memoryTotalMiB: r.memoryTotalMiB ?? 0 });
      const combined = combineReadings(Math.round(t * 1000) / 1000, readings);
      if (combined) samples.push(combined);
    });
    return pending;
  };
  void sample();
  const timer = setInterval(() => void sample(), options.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return { devices: [...devices.entries()].sort(([a], [b]) => a - b).map(([, d]) => d), samples };
    },
  };
}
