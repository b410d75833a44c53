import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binarySuite, thresholdPredictions } from '../../../lib/evaluation/binary-metrics.js';
import { confusionRows } from '../../../lib/evaluation/confusion.js';
import { argmaxRows, multiclassSuite } from '../../../lib/evaluation/multiclass-metrics.js';
import { regressionSuite } from '../../../lib/evaluation/regression-metrics.js';
import { close, referenceCases } from './reference.js';

const cases = referenceCases();

for (const c of cases.binary) {
  test(`binary metrics equal sklearn 1.2: ${c.name}`, () => {
    const score = Float64Array.from(c.p);
    const suite = binarySuite({ truth: Uint8Array.from(c.y), predicted: thresholdPredictions(score, c.threshold), score });
    const values = suite.compute();
    for (const [name, expected] of Object.entries(c.expected)) assert.ok(close(values[name], expected), `${name}: ${values[name]} ≠ ${expected}`);
    assert.deepEqual(Object.keys(values).sort(), Object.keys(c.expected).sort());
    assert.deepEqual(confusionRows(suite.confusion!()), c.confusion);
  });
}

for (const c of cases.multiclass) {
  test(`multiclass metrics equal sklearn 1.2: ${c.name}`, () => {
    const classes = c.proba[0]!.length;
    const proba = Float64Array.from(c.proba.flat());
    const suite = multiclassSuite({ classes, truth: Int32Array.from(c.y), predicted: argmaxRows(proba, classes), proba });
    const values = suite.compute();
    for (const [name, expected] of Object.entries(c.expected)) assert.ok(close(values[name], expected), `${name}: ${values[name]} ≠ ${expected}`);
    assert.deepEqual(confusionRows(suite.confusion!()), c.confusion);
  });
}

for (const c of cases.regression) {
  test(`regression metrics equal sklearn 1.2: ${c.name}`, () => {
    const values = regressionSuite({ truth: Float64Array.from(c.y), predicted: Float64Array.from(c.pred) }).compute();
    for (const [name, expected] of Object.entries(c.expected)) assert.ok(close(values[name], expected), `${name}: ${values[name]} ≠ ${expected}`);
  });
}

test('integer weights give exactly the metrics of the rows repeated (what the bootstrap relies on)', () => {
  const c = cases.binary[0]!;
  const n = c.y.length;
  const weights = new Float64Array(n);
  const expandedY: number[] = [];
  const expandedP: number[] = [];
  for (let i = 0; i < n; i++) {
    weights[i] = i % 4; // 0, 1, 2, 3 copies
    for (let k = 0; k < weights[i]!; k++) {
      expandedY.push(c.y[i]!);
      expandedP.push(c.p[i]!);
    }
  }
  const score = Float64Array.from(c.p);
  const weighted = binarySuite({ truth: Uint8Array.from(c.y), predicted: thresholdPredictions(score, 0.5), score }).compute(weights);
  const expandedScore = Float64Array.from(expandedP);
  const expanded = binarySuite({ truth: Uint8Array.from(expandedY), predicted: thresholdPredictions(expandedScore, 0.5), score: expandedScore }).compute();
  for (const name of Object.keys(expanded)) assert.ok(close(weighted[name], expanded[name]!), `${name}: ${weighted[name]} ≠ ${expanded[name]}`);

  const r = cases.regression[0]!;
  const rw = new Float64Array(r.y.length).map((_, i) => (i * 7) % 3);
  const ry: number[] = [];
  const rp: number[] = [];
  r.y.forEach((y, i) => {
    for (let k = 0; k < rw[i]!; k++) {
      ry.push(y);
      rp.push(r.pred[i]!);
    }
  });
  const rWeighted = regressionSuite({ truth: Float64Array.from(r.y), predicted: Float64Array.from(r.pred) }).compute(rw);
  const rExpanded = regressionSuite({ truth: Float64Array.from(ry), predicted: Float64Array.from(rp) }).compute();
  for (const name of Object.keys(rExpanded)) assert.ok(close(rWeighted[name], rExpanded[name]!, 1e-10), `${name}: ${rWeighted[name]} ≠ ${rExpanded[name]}`);
});

test('binary without scores: only the threshold metrics, accuracy first', () => {
  const suite = binarySuite({ truth: Uint8Array.from([1, 0, 1, 1]), predicted: Uint8Array.from([1, 0, 0, 1]) });
  assert.deepEqual(suite.names, ['accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'mcc']);
  const values = suite.compute();
  const expected = { accuracy: 0.75, balanced_accuracy: 5 / 6, precision: 1, recall: 2 / 3, f1: 0.8, mcc: Math.sqrt(1 / 3) };
  assert.deepEqual(Object.keys(values), Object.keys(expected));
  for (const [name, value] of Object.entries(expected)) assert.ok(close(values[name], value), `${name}: ${values[name]} ≠ ${value}`);
});
