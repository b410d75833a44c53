import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport, type EvaluationReport } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';
import { perColumnRegressionModel, zipMapModel } from './evaluate-models.js';

const dir = mkdtempSync(join(tmpdir(), 'mlops-evaluate-'));

async function cli(argv: string[]) {
  return runInProcess(argv, { cwd: assetPath(), env: {} });
}

const churn = ['--data', 'fixtures/datasets/churn-test.csv', '--target', 'churned'];
const round = (x: number | null | undefined, digits = 4) => (typeof x === 'number' ? Number(x.toFixed(digits)) : x);

test('churn-v2 against churn-v1 on churn-test: the fixture README figures, paired deltas, McNemar, slices, a valid report', async () => {
  const file = join(dir, 'churn.json');
  const r = await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', '--champion', 'fixtures/models/churn-v1.onnx', ...churn, '--slices', 'plan,region', '--bootstrap', '200', '--report', file]);
  assert.equal(r.code, 0, r.stderr);
  const report = await readReport(file, 'mlops/evaluation');
  assert.equal(report.task, 'binary-classification');
  assert.equal(report.rows, 1000);
  assert.equal(report.primaryMetric, 'roc_auc');
  assert.deepEqual([round(report.metrics.accuracy!.value, 3), round(report.metrics.log_loss!.value), round(report.metrics.roc_auc!.value)], [0.787, 0.4462, 0.821]);
  assert.deepEqual([round(report.champion!.metrics.accuracy!.value, 3), round(report.champion!.metrics.log_loss!.value), round(report.champion!.metrics.roc_auc!.value)], [0.788, 0.4956, 0.8189]);
  assert.deepEqual(report.confusionMatrix, { labels: ['0', '1'], matrix: [[653, 78], [135, 134]] });
  assert.equal(report.champion!.deltas.log_loss!.verdict, 'better');
  assert.equal(round(report.champion!.deltas.accuracy!.delta, 3), -0.001);
  assert.ok(report.champion!.mcnemar!.pValue > 0.05);
  assert.deepEqual(report.slices.map((s) => [s.column, s.value, s.rows]), [
    ['plan', 'basic', 452], ['plan', 'standard', 366], ['plan', 'premium', 182],
    ['region', 'north', 326], ['region', 'south', 242], ['region', 'east', 239], ['region', 'west', 193],
  ]);
  assert.equal(report.sliceGaps.find((g) => g.column === 'region' && g.metric === 'roc_auc')!.worst.value, 'north');
  assert.deepEqual(report.model.inputs, [{ name: 'input', type: 'tensor(float)', shape: ['N', 10] }]);
  assert.deepEqual(report.model.operators.find((o) => o.type === 'Sub'), { type: 'Sub', count: 2 });
  assert.equal(report.model.bytes, 1024);
  assert.equal(report.subject.model!.name, 'churn-v2');
  assert.ok(report.latency.rowsPerSecond > 0 && report.latency.row.p50 > 0);
});

test('a champion identical to the challenger: zero deltas, inconclusive everywhere', async () => {
  const r = await cli(['evaluate', '--model', 'fixtures/models/churn-v1.onnx', '--champion', 'fixtures/models/churn-v1.onnx', ...churn, '--bootstrap', '50', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as EvaluationReport;
  for (const [name, d] of Object.entries(report.champion!.deltas)) assert.deepEqual(d, { delta: 0, ci: [0, 0], verdict: 'inconclusive' }, name);
});

test('bootstrap intervals are reproducible with a seed', async () => {
  const run = async (seed: string) => JSON.parse((await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', ...churn, '--bootstrap', '100', '--seed', seed, '--json'])).stdout) as EvaluationReport;
  const [a, b, c] = [await run('11'), await run('11'), await run('12')];
  assert.deepEqual(a.metrics, b.metrics);
  assert.notDeepEqual(a.metrics.roc_auc!.ci, c.metrics.roc_auc!.ci);
});

test('iris: multiclass detected from the probabilities width; string classes from the metadata', async () => {
  const r = await cli(['evaluate', '--model', 'fixtures/models/iris.onnx', '--data', 'fixtures/datasets/iris.csv', '--target', 'species', '--bootstrap', '0', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as EvaluationReport;
  assert.equal(report.task, 'multiclass-classification');
  assert.equal(report.primaryMetric, 'macro_f1');
  assert.equal(round(report.metrics.accuracy!.value), 0.9733);
  assert.deepEqual(report.confusionMatrix!.labels, ['setosa', 'versicolor', 'virginica']);
});

test('one input per column, a regression value output', async () => {
  const model = join(dir, 'affine.onnx');
  writeFileSync(model, perColumnRegressionModel());
  const data = join(dir, 'affine.csv');
  writeFileSync(data, 'x,y\n1,3\n2,5\n3,8\n');
  const r = await cli(['evaluate', '--model', model, '--data', data, '--target', 'y', '--bootstrap', '0', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as EvaluationReport;
  assert.equal(report.task, 'regression');
  assert.deepEqual([report.metrics.mae!.value, report.metrics.mse!.value, report.metrics.median_ae!.value], [1 / 3, 1 / 3, 0]);
});

test('--no-labels: a profile of the predictions, no metrics', async () => {
  const r = await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', '--data', 'fixtures/datasets/churn-test.csv', '--no-labels', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as EvaluationReport;
  assert.deepEqual(report.metrics, {});
  assert.deepEqual(report.predictions!.map((p) => [p.name, p.count]), [['predicted', 1000], ['probability_0', 1000], ['probability_1', 1000]]);
});

test('bad models and mismatches: exit 2 with messages that list both sides', async () => {
  const corrupt = join(dir, 'corrupt.onnx');
  writeFileSync(corrupt, 'this is not a protobuf at all \u0000\u0001\u0002');
  let r = await cli(['evaluate', '--model', corrupt, ...churn]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /corrupt\.onnx: not a readable ONNX model/);

  const zipmap = join(dir, 'zipmap.onnx');
  writeFileSync(zipmap, zipMapModel());
  r = await cli(['evaluate', '--model', zipmap, ...churn, '--features', 'tenure_months,support_calls']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /output 'output_probability' is seq\(map\(int64,tensor\(float\)\)\) \(a ZipMap/);
  assert.match(r.stderr, /hint: re-export without ZipMap: skl2onnx/);

  r = await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', ...churn, '--features', 'tenure_months,plan,region']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /input 'input' takes 10 features, but --features name 3: tenure_months, plan, region/);

  r = await cli(['evaluate', '--model', 'fixtures/models/iris.onnx', ...churn]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /features sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm \(from the model metadata feature_names\) are not columns of the data; model features: .*; data columns: customer_id, tenure_months/);

  r = await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', ...churn, '--max-model-mb', '0.0005']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /the model is 1024 bytes, over the cap of 500 bytes/);

  r = await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', '--data', 'fixtures/datasets/churn-test.csv', '--target', 'churn']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no column 'churn' \(data columns: customer_id,/);
});
