import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binarySuite, thresholdPredictions } from '../../../lib/evaluation/binary-metrics.js';
import { evaluateSuites } from '../../../lib/evaluation/evaluate-suites.js';
import { regressionSuite } from '../../../lib/evaluation/regression-metrics.js';
import { groupRows, otherSlice, sliceGaps, sliceMetrics } from '../../../lib/evaluation/slices.js';
import { deltaVerdict } from '../../../lib/evaluation/verdict.js';
import { referenceCases } from './reference.js';

const c = referenceCases().bootstrap[0]!;
const suite = (p: number[]) => {
  const score = Float64Array.from(p);
  return binarySuite({ truth: Uint8Array.from(c.y), predicted: thresholdPredictions(score, 0.5), score });
};

test('a champion identical to the challenger: every delta 0 with interval [0, 0], verdict inconclusive, McNemar p = 1', () => {
  const result = evaluateSuites({ task: 'binary-classification', challenger: suite(c.challenger), champion: suite(c.challenger), rows: c.y.length, bootstrap: { resamples: 50, seed: 7 } });
  const deltas = result.champion!.deltas;
  assert.deepEqual(Object.keys(deltas), suite(c.challenger).names);
  for (const [name, d] of Object.entries(deltas)) assert.deepEqual(d, { delta: 0, ci: [0, 0], verdict: 'inconclusive' }, name);
  assert.deepEqual(result.champion!.mcnemar, { statistic: 0, pValue: 1 });
});

test('challenger against champion: verdicts follow the interval and the metric direction', () => {
  const result = evaluateSuites({ task: 'binary-classification', challenger: suite(c.challenger), champion: suite(c.champion), rows: c.y.length, bootstrap: { resamples: 200, seed: 7 }, classLabels: ['0', '1'] });
  const d = result.champion!.deltas;
  assert.equal(d.roc_auc!.verdict, 'better');
  assert.equal(d.accuracy!.verdict, 'better');
  assert.equal(d.log_loss!.verdict, 'better'); // lower loss: the interval lies below zero
  assert.ok(d.log_loss!.ci[1] < 0);
  assert.deepEqual(result.confusionMatrix!.labels, ['0', '1']);
  assert.equal(result.confusionMatrix!.matrix.flat().reduce((a, b) => a + b, 0), c.y.length);
  assert.ok(result.metrics.roc_auc!.ci![0] < result.metrics.roc_auc!.value! && result.metrics.roc_auc!.value! < result.metrics.roc_auc!.ci![1]);
});

test('deltaVerdict: higher-is-better and lower-is-better metrics, zero inside the interval', () => {
  assert.equal(deltaVerdict('roc_auc', [0.01, 0.03]), 'better');
  assert.equal(deltaVerdict('roc_auc', [-0.03, -0.01]), 'worse');
  assert.equal(deltaVerdict('rmse', [-0.03, -0.01]), 'better');
  assert.equal(deltaVerdict('ece', [0.01, 0.02]), 'worse');
  assert.equal(deltaVerdict('f1', [0, 0.02]), 'inconclusive');
  assert.equal(deltaVerdict('f1', [-0.01, 0.02]), 'inconclusive');
});

test('slices: small groups pool into (other), missing values are their own slice, gaps skip (other)', () => {
  const values = ['a', 'a', 'a', 'b', 'b', 'b', 'c', null, null, null, 'd'];
  const groups = groupRows(values, { minRows: 3 });
  assert.deepEqual(groups.map((g) => [g.value, Array.from(g.rows)]), [
    ['a', [0, 1, 2]],
    ['b', [3, 4, 5]],
    [null, [7, 8, 9]],
    [otherSlice, [6, 10]],
  ]);
  const truth = Float64Array.from([1, 2, 3, 1, 2, 3, 5, 1, 1, 1, 9]);
  const predicted = Float64Array.from([1, 2, 3, 2, 3, 4, 0, 1, 1, 3, 0]);
  const slices = sliceMetrics(regressionSuite({ truth, predicted }), 'segment', groups);
  assert.deepEqual(slices.map((s) => [s.value, s.rows, s.metrics.mae!.value]), [
    ['a', 3, 0],
    ['b', 3, 1],
    [null, 3, 2 / 3],
    [otherSlice, 2, 7],
  ]);
  const gap = sliceGaps(slices).find((g) => g.metric === 'mae')!;
  assert.deepEqual(gap, { column: 'segment', metric: 'mae', gap: 1, best: { value: 'a', score: 0 }, worst: { value: 'b', score: 1 } });
  assert.deepEqual(groupRows([1, 1, '1'], { minRows: 1 }).map((g) => g.value), [1, '1'], 'number 1 and text "1" are different values');
});

test('maxSlices keeps the largest groups', () => {
  const groups = groupRows(['x', 'y', 'y', 'z', 'z', 'z'], { minRows: 1, maxSlices: 2 });
  assert.deepEqual(groups.map((g) => g.value), ['z', 'y', otherSlice]);
});
