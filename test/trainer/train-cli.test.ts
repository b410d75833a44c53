import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../../lib/package-root.js';
import { datasetPath } from '../../fixtures/datasets/paths.js';
import { checkpointPath } from '../../fixtures/trainer/checkpoint.js';
import { main, trackingLine } from '../../fixtures/trainer/train.js';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs the trainer CLI as its own process; calls `onLine` for each stdout line (with the child, to signal it). */
function spawnTrainer(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', assetPath('fixtures', 'trainer', 'train.ts'), ...args], { cwd: assetPath() });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine?.(line, () => child.kill('SIGTERM'));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('fixture trainer CLI', () => {
  it('formats tracking lines', () => {
    assert.equal(trackingLine('metric', 'loss', 0.310212345, 10), '::mlops-metric name=loss step=10 value=0.310212');
    assert.equal(trackingLine('param', 'lr', 0.1), '::mlops-param name=lr value=0.1');
  });

  it('SIGTERM checkpoints and exits 143; the resumed run writes the same model.onnx as an uninterrupted one', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'trainer-cli-'));
    try {
      const common = ['--data', datasetPath('churn-train'), '--target', 'churned', '--epochs', '150', '--lr', '0.05', '--seed', '3', '--log-every', '10'];

      // Uninterrupted reference, in this process.
      const logged: string[] = [];
      t.mock.method(console, 'log', (line: string) => logged.push(line));
      assert.equal(await main([...common, '--out', join(dir, 'straight.onnx')]), 0);
      t.mock.restoreAll();
      assert.equal(logged.filter((l) => l.startsWith('::mlops-metric name=loss ')).length, 15);
      assert.match(logged[0]!, /^::mlops-metric name=loss step=10 value=0\.\d+$/);
      assert.deepEqual(logged.slice(-4), [
        '::mlops-param name=epochs value=150',
        '::mlops-param name=lr value=0.05',
        '::mlops-param name=l2 value=0.001',
        '::mlops-param name=seed value=3',
      ]);

      const ckpt = join(dir, 'ckpt');
      const metrics = join(dir, 'metrics.jsonl');
      const withCkpt = [...common, '--out', join(dir, 'resumed.onnx'), '--checkpoint-dir', ckpt, '--checkpoint-every', '7', '--metrics-file', metrics];
      let signalled = false;
      const first = await spawnTrainer([...withCkpt, '--epoch-delay-ms', '10'], (line, kill) => {
        if (!signalled && line.startsWith('::mlops-metric name=loss step=30 ')) {
          signalled = true;
          kill();
        }
      });
      assert.equal(first.code, 143, first.stderr);
      const stoppedAt = JSON.parse(readFileSync(checkpointPath(ckpt), 'utf8')).epoch as number;
      assert.ok(stoppedAt >= 30 && stoppedAt < 150, `stopped at ${stoppedAt}`);
      assert.match(first.stderr, new RegExp(`stopped by SIGTERM after epoch ${stoppedAt}`));

      const second = await spawnTrainer(withCkpt);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stderr, new RegExp(`resumed from epoch ${stoppedAt}`));
      assert.equal(sha256(join(dir, 'resumed.onnx')), sha256(join(dir, 'straight.onnx')));

      // The metrics file holds every logged step exactly once across both processes, at full precision.
      const steps = readFileSync(metrics, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; step: number; value: number });
      const lossSteps = steps.filter((m) => m.name === 'loss').map((m) => m.step);
      assert.deepEqual(lossSteps, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad input exits 2 with file and hint', async (t) => {
    const errors: string[] = [];
    t.mock.method(console, 'error', (line: string) => errors.push(line));
    const code = await main(['--data', datasetPath('iris'), '--target', 'kind', '--out', join(tmpdir(), 'never.onnx')]);
    assert.equal(code, 2);
    assert.match(errors[0] ?? '', /iris\.csv: no target column "kind"\n {2}hint: columns are: sepal_length_cm, /);
    t.mock.method(process.stderr, 'write', () => true);
    assert.equal(await main(['--data', 'x.csv', '--target', 'y', '--out', 'o.onnx', '--epochs', 'ten']), 2);
  });
});
