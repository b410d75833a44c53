import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../cli/program.js';
import { parseReport } from '../../lib/contracts/index.js';
import { launchRunner } from '../../runners/launch.js';
import { launchRequest, startRunnerHarness, type RunnerHarness } from '../runners/harness.js';

const root = resolve(import.meta.dirname, '../..');
const shim = join(root, 'fixtures/bin/nvidia-smi');
const trainer = (out: string, extra: string[] = []) => [
  process.execPath, '--import', import.meta.resolve('tsx'), join(root, 'fixtures/trainer/train.ts'),
  '--data', join(root, 'fixtures/datasets/churn-train.csv'), '--target', 'churned', '--epochs', '120', '--lr', '0.02', '--seed', '1',
  '--out', out, '--log-every', '40', ...extra,
];

async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}, out: string[] = []) {
  const err: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), verbose: false };
  const code = await runCli(argv, { io, cwd, env: { PATH: process.env.PATH, ...env } });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

let h: RunnerHarness;
before(async () => (h = await startRunnerHarness()));
after(() => h.close());

test('train: metrics from stdout and JSONL, params, GPU telemetry from nvidia-smi, artifacts with sha256 (exit 0)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-train-'));
  await writeFile(join(dir, 'requirements.txt'), 'numpy==1.26.4\n');
  const r = await cli([
    'train', '--param', 'lr=0.02', '--param', 'note=first try', '--metrics-file', 'metrics.jsonl', '--artifact', 'model.onnx',
    '--nvidia-smi', shim, '--gpu-interval', '50', '--no-imds', '--no-python', '--summary', 'summary.md', '--',
    ...trainer('model.onnx', ['--metrics-file', 'metrics.jsonl']),
  ], dir, { NVIDIA_SMI_SHIM_GPUS: '2', NVIDIA_SMI_SHIM_POWER: '150' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^::mlops-metric name=loss step=40 value=/m, 'the command\'s output passes through');
  const report = parseReport(await readFile(join(dir, 'mlops-training.json'), 'utf8'), 'mlops-training.json', 'mlops/training');
  assert.deepEqual(report.outcome, { status: 'completed', exitCode: 0 });
  assert.deepEqual([...new Set(report.metrics.map((m) => `${m.name}@${m.step}`))].filter((k) => k.startsWith('loss')), ['loss@40', 'loss@80', 'loss@120']);
  // JSONL values have full precision and win over the 6-digit stdout values.
  const jsonl = (await readFile(join(dir, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(report.metrics.find((m) => m.name === 'loss' && m.step === 120)!.value, jsonl.find((m) => m.name === 'loss' && m.step === 120).value);
  assert.equal(report.params.lr, 0.02);
  assert.equal(report.params.note, 'first try');
  assert.equal(report.params.target, 'churned', 'params the trainer reported with ::mlops-param');
  assert.equal(report.params.epochs, 120);
  assert.deepEqual(report.gpu!.devices, [{ name: 'NVIDIA A10G', memoryTotalMiB: 23028 }, { name: 'NVIDIA A10G', memoryTotalMiB: 23028 }]);
  assert.deepEqual(report.gpu!.samples[0]!.utilization, 87);
  assert.deepEqual([report.gpu!.summary.utilizationMean, report.gpu!.summary.memoryMaxMiB, report.gpu!.summary.powerMeanW], [87, 36240, 300]);
  assert.deepEqual(report.artifacts, [{ path: 'model.onnx', sha256: await sha(join(dir, 'model.onnx')), bytes: (await readFile(join(dir, 'model.onnx'))).length }]);
  assert.deepEqual(report.environment.lockfiles, [{ file: 'requirements.txt', sha256: createHash('sha256').update('numpy==1.26.4\n').digest('hex') }]);
  assert.deepEqual([report.runner, report.cost], [{ instanceType: 'local', market: 'on-demand', interruptions: 0 }, { usd: 0, pricePerHour: 0, source: 'no-instance' }]);
  const summary = await readFile(join(dir, 'summary.md'), 'utf8');
  assert.match(summary, /^### Training completed$/m);
  assert.match(summary, /```mermaid\nxychart-beta\n {2}title "loss"\n {2}x-axis \[40, 80, 120\]/);
});

test('train: a failing command → report with outcome failed, exit 1; no command → exit 2', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-train-'));
  const r = await cli(['train', '--no-imds', '--no-python', '--nvidia-smi', '/nonexistent/nvidia-smi', '--', process.execPath, '-e', 'console.log("::mlops-metric name=loss step=1 value=nope"); process.exit(3)'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /the training command exited 3/);
  assert.match(r.stderr, /\(stdout\):1: warning: tracking line ignored: value must be a finite number, got "nope"/);
  const report = parseReport(await readFile(join(dir, 'mlops-training.json'), 'utf8'), 'x', 'mlops/training');
  assert.deepEqual([report.outcome, report.gpu, report.metrics], [{ status: 'failed', exitCode: 3 }, null, []]);
  assert.equal((await cli(['train', '--no-imds'], dir)).code, 2);
});

test('spot interruption → SIGTERM → checkpoint → resumed on a new runner → the same model as an uninterrupted run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-train-spot-'));
  const plain = await cli(['train', '--no-imds', '--no-python', '--report', 'plain.json', '--', ...trainer('plain.onnx')], dir);
  assert.equal(plain.code, 0, plain.stderr);

  const spot = await launchRunner(launchRequest({ market: 'spot', label: 'spot-1', instanceTypes: ['g5.xlarge'], subnets: [] }), h.deps);
  const imds = `${h.sandbox.ec2}/instances/${spot.instanceId}`;
  const args = ['--checkpoint-dir', 'ckpt', '--checkpoint-every', '0', '--log-every', '10', '--epoch-delay-ms', '40'];
  const lines: string[] = [];
  const first = cli(['train', '--imds-endpoint', imds, '--spot-poll', '50', '--no-python', '--checkpoint-dir', 'ckpt', '--report', 'first.json', '--artifact', 'model.onnx', '--', ...trainer('model.onnx', args)], dir, {}, lines);
  // Interrupt once training is under way (the first metric line), well before its 120 epochs end.
  while (!lines.some((l) => l.startsWith('::mlops-metric'))) await new Promise((r) => setTimeout(r, 20));
  await fetch(`${h.sandbox.control}/spot-interruption`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instanceId: spot.instanceId }) });
  const interrupted = await first;
  assert.equal(interrupted.code, 1);
  assert.match(interrupted.stderr, /Spot interruption notice/);
  const r1 = parseReport(await readFile(join(dir, 'first.json'), 'utf8'), 'x', 'mlops/training');
  assert.deepEqual([r1.outcome, r1.runner.market, r1.runner.instanceType, r1.runner.instanceId, r1.runner.interruptions], [{ status: 'interrupted', exitCode: 143 }, 'spot', 'g5.xlarge', spot.instanceId, 1]);
  assert.equal(r1.checkpoint!.last!.path, 'ckpt/checkpoint.json');
  assert.equal(r1.cost.source, 'price-table:2026-11-01:spot');
  assert.ok(r1.metrics.at(-1)!.step < 120, 'stopped before the end');

  const next = await launchRunner(launchRequest({ market: 'on-demand', label: 'resume-1', instanceTypes: ['g4dn.xlarge'], subnets: [] }), h.deps);
  const second = await cli(['train', '--imds-endpoint', `${h.sandbox.ec2}/instances/${next.instanceId}`, '--no-python', '--interruptions', '1', '--checkpoint-dir', 'ckpt', '--report', 'second.json', '--artifact', 'model.onnx', '--', ...trainer('model.onnx', args.slice(0, 6))], dir);
  assert.equal(second.code, 0, second.stderr);
  const r2 = parseReport(await readFile(join(dir, 'second.json'), 'utf8'), 'x', 'mlops/training');
  assert.deepEqual([r2.outcome, r2.runner.interruptions, r2.runner.market, r2.checkpoint!.resumedFrom!.sha256], [{ status: 'completed', exitCode: 0 }, 1, 'on-demand', r1.checkpoint!.last!.sha256]);
  assert.equal(await sha(join(dir, 'model.onnx')), await sha(join(dir, 'plain.onnx')), 'resumed training gives the same model bytes');
  assert.equal(r2.cost.pricePerHour, 0.526);
});
