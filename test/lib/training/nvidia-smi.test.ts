import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineReadings, downsample, parseNvidiaSmiCsv, summarizeGpu } from '../../../lib/training/nvidia-smi.js';
import { trainingSummaryMarkdown } from '../../../lib/training/training-summary.js';
import { trainingBody } from '../../../lib/training/training-report.js';

test('nvidia-smi CSV: two GPUs, units and [N/A] cells', () => {
  const readings = parseNvidiaSmiCsv('0, NVIDIA A100-SXM4-40GB, 93 %, 30001 MiB, 40960 MiB, 301.12 W\n1, NVIDIA A100-SXM4-40GB, 71, 12000, 40960, [N/A]\ngarbage line\n');
  assert.deepEqual(readings, [
    { index: 0, name: 'NVIDIA A100-SXM4-40GB', utilization: 93, memoryUsedMiB: 30001, memoryTotalMiB: 40960, powerW: 301.12 },
    { index: 1, name: 'NVIDIA A100-SXM4-40GB', utilization: 71, memoryUsedMiB: 12000, memoryTotalMiB: 40960, powerW: null },
  ]);
  assert.deepEqual(combineReadings(2.5, readings), { t: 2.5, utilization: 82, memoryUsedMiB: 42001, powerW: 301.12 });
  assert.equal(combineReadings(0, []), undefined);
});

test('GPU summary: mean/max, peak memory, energy by the trapezoid rule; downsampling keeps both ends', () => {
  const samples = [0, 10, 20].map((t, i) => ({ t, utilization: [50, 100, 90][i]!, memoryUsedMiB: [1000, 3000, 2000][i]!, powerW: [100, 200, 300][i]! }));
  assert.deepEqual(summarizeGpu([{ name: 'T4', memoryTotalMiB: 15360 }], samples)!.summary, { utilizationMean: 80, utilizationMax: 100, memoryMaxMiB: 3000, powerMeanW: 200, energyWh: 1.1111 });
  assert.equal(summarizeGpu([], []), null);
  assert.deepEqual(downsample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4), [1, 4, 7, 10]);
});

test('training body and summary: cost from the price, outcome, curves', () => {
  const body = trainingBody({
    code: { sha: 'a'.repeat(40), dirty: true }, data: [], params: { lr: 0.1 }, environment: { node: 'v20.0.0', lockfiles: [] }, gpu: null,
    durationSeconds: 1800, price: { pricePerHour: 1.006, source: 'price-table:2026-11-01:on-demand', gpus: 1 },
    metrics: [{ name: 'loss', step: 0, value: 0.7 }, { name: 'loss', step: 10, value: 0.3 }], artifacts: [{ path: 'b', sha256: 'b'.repeat(64), bytes: 2 }, { path: 'a', sha256: 'a'.repeat(64), bytes: 1 }],
    runner: { instanceType: 'g5.xlarge', market: 'on-demand', instanceId: 'i-1' }, interruptions: 0, exitCode: 0, interrupted: false,
  });
  assert.deepEqual([body.gpuHours, body.cost, body.outcome, body.artifacts.map((a) => a.path)], [0.5, { usd: 0.5, pricePerHour: 1.006, source: 'price-table:2026-11-01:on-demand' }, { status: 'completed', exitCode: 0 }, ['a', 'b']]);
  const md = trainingSummaryMarkdown(body);
  assert.match(md, /^\| cost \| \$0\.50 at \$1\.006\/h \(price-table:2026-11-01:on-demand\) \|$/m);
  assert.match(md, /^\| code \| aaaaaaaaaaaa \(dirty\) \|$/m);
  assert.match(md, /```mermaid\nxychart-beta\n {2}title "loss"\n {2}x-axis \[0, 10\]\n {2}line \[0\.7, 0\.3\]\n```/);
});
