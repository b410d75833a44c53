import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { assetPath } from '../../lib/package-root.js';
import type { Stage } from '../stage.js';

/** Runs the fixture trainer (what the GPU runner runs in later stages) and collects its tracking lines. */
function train(args: string[]): Promise<{ code: number; metrics: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [assetPath('dist', 'fixtures', 'trainer', 'train.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`trainer exited ${code}: ${err}`));
      else resolve({ code: code ?? -1, metrics: out.split('\n').filter((l) => l.startsWith('::mlops-metric')) });
    });
  });
}

/** Stage: train the churn model with the fixture trainer and run the exported ONNX in onnxruntime-node. */
export const trainStage: Stage = {
  name: 'train: fixture trainer fits churn and exports ONNX',
  async run(ctx) {
    const out = join(ctx.outDir, 'churn.onnx');
    const data = assetPath('fixtures', 'datasets', 'churn-train.csv');
    const { metrics } = await train(['--data', data, '--target', 'churned', '--epochs', '200', '--lr', '0.02', '--seed', '1', '--out', out, '--log-every', '50']);
    const losses = metrics.filter((l) => l.includes('name=loss'));
    if (losses.length < 2) throw new Error('the trainer logged no loss curve');
    ctx.record(`trained: ${losses.length} loss points, last ${losses.at(-1)}`);
    const bytes = await readFile(out);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const committed = createHash('sha256').update(await readFile(assetPath('fixtures', 'models', 'churn-v1.onnx'))).digest('hex');
    if (sha !== committed) throw new Error('training is not deterministic: churn.onnx differs from fixtures/models/churn-v1.onnx');
    ctx.record(`model.onnx sha256 ${sha.slice(0, 12)}… identical to the committed churn-v1 (deterministic training)`);
    const session = await ort.InferenceSession.create(bytes);
    const input = new ort.Tensor('float32', new Float32Array(10).fill(1), [1, 10]);
    const result = await session.run({ [session.inputNames[0]!]: input });
    const probabilities = result['probabilities'];
    if (!probabilities || probabilities.dims[1] !== 2) throw new Error('the ONNX model has no [N, 2] probabilities output');
    ctx.record(`onnxruntime-node ran the model: outputs ${session.outputNames.join(', ')}`);
  },
};
