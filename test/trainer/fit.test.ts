import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadInputError } from '../../lib/errors.js';
import { datasetPath } from '../../fixtures/datasets/paths.js';
import { checkpointPath } from '../../fixtures/trainer/checkpoint.js';
import { fit } from '../../fixtures/trainer/fit.js';
import { loadDataset, trainFile } from '../../fixtures/trainer/train-file.js';
import { predict, standardization } from '../../fixtures/trainer/model.js';

const CONFIG = { epochs: 120, lr: 0.1, l2: 0.001, seed: 7 };


describe('fit', () => {
  it('loss decreases at every logged step on churn (binary) and iris (multiclass)', async () => {
    for (const [file, target] of [['churn-train', 'churned'], ['iris', 'species']] as const) {
      const losses: number[] = [];
      const steps: number[] = [];
      await fit(loadDataset(datasetPath(file), target), CONFIG, {
        logEvery: 20,
        onMetric: (name, step, value) => {
          if (name === 'loss') (losses.push(value), steps.push(step));
        },
      });
      assert.deepEqual(steps, [20, 40, 60, 80, 100, 120]);
      for (let i = 1; i < losses.length; i += 1) assert.ok(losses[i]! < losses[i - 1]!, `${file}: loss went up at ${steps[i]}`);
    }
  });

  it('two runs with the same seed give identical weights; another seed starts elsewhere', async () => {
    const data = loadDataset(datasetPath('breast-cancer'), 'diagnosis');
    const a = await fit(data, CONFIG);
    const b = await fit(data, CONFIG);
    const c = await fit(data, { ...CONFIG, seed: 8 });
    assert.deepEqual(a.model, b.model);
    assert.notDeepEqual(a.model.weights, c.model.weights);
  });

  it('standardization: population mean and std, std 1 for a constant column', () => {
    assert.deepEqual(standardization([[1, 5], [3, 5]], 2), { mean: [2, 5], std: [1, 1] });
  });

  it('stopping and resuming from a checkpoint gives the exact same model as one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fit-ckpt-'));
    try {
      const data = datasetPath('iris');
      const straight = await trainFile({ data, target: 'species', ...CONFIG });
      let epochs = 0;
      const first = await trainFile({
        data,
        target: 'species',
        ...CONFIG,
        checkpointDir: dir,
        checkpointEvery: 25,
        shouldStop: () => ++epochs > 53,
      });
      assert.equal(first.stopped, true);
      assert.equal(first.onnx, undefined);
      assert.equal(JSON.parse(readFileSync(checkpointPath(dir), 'utf8')).epoch, 53);
      const resumed = await trainFile({ data, target: 'species', ...CONFIG, checkpointDir: dir });
      assert.equal(resumed.resumedFrom, 53);
      assert.deepEqual(resumed.model, straight.model);
      assert.ok(Buffer.from(resumed.onnx!).equals(Buffer.from(straight.onnx!)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a checkpoint every N epochs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fit-every-'));
    try {
      let epochs = 0;
      // shouldStop is polled before each epoch: stop before epoch 31, after the save at 30.
      const seen: number[] = [];
      await fit(loadDataset(datasetPath('iris'), 'species'), CONFIG, {
        checkpointDir: dir,
        checkpointEvery: 10,
        shouldStop: () => {
          if (existsSync(checkpointPath(dir))) seen.push(JSON.parse(readFileSync(checkpointPath(dir), 'utf8')).epoch);
          return ++epochs > 30;
        },
      });
      assert.deepEqual([...new Set(seen)], [10, 20, 30]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a checkpoint written with other hyperparameters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fit-mismatch-'));
    try {
      const data = datasetPath('iris');
      await trainFile({ data, target: 'species', ...CONFIG, epochs: 5, checkpointDir: dir });
      await assert.rejects(trainFile({ data, target: 'species', ...CONFIG, lr: 0.2, checkpointDir: dir }), (e: unknown) => {
        assert.ok(e instanceof BadInputError);
        assert.equal(e.code, 'checkpoint-mismatch');
        assert.equal(e.exitCode, 2);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('predict: binary probabilities are [1 - p, p] from the logit', () => {
    const model = { featureNames: ['a'], target: 't', classes: ['no', 'yes'], mean: [1], std: [2], weights: [[2]], bias: [0.5] };
    const { probabilities, labels } = predict(model, [[1], [3], [-3]]);
    // logits: 0.5, 2.5, -3.5
    const p = [1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2.5)), Math.exp(-3.5) / (1 + Math.exp(-3.5))];
    assert.deepEqual(probabilities.map((r) => r[1]), p);
    assert.deepEqual(labels, [1, 1, 0]);
  });
});
