import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argsortAscending } from '../../../lib/evaluation/argsort.js';
import { binarySuite, thresholdPredictions } from '../../../lib/evaluation/binary-metrics.js';
import { drawCounts, pairedBootstrap } from '../../../lib/evaluation/bootstrap.js';
import { mcnemarFromCounts, mcnemarTest } from '../../../lib/evaluation/mcnemar.js';
import { chiSquareSf } from '../../../lib/statistics/gamma.js';
import { percentile } from '../../../lib/evaluation/percentile.js';
import { mulberry32 } from '../../../lib/evaluation/prng.js';
import { close, referenceCases } from './reference.js';

const cases = referenceCases();

test('percentile: numpy linear rule', () => {
  for (const c of cases.percentile) assert.ok(close(percentile(c.values, c.q), c.expected), `${c.q} of ${c.values.length}`);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('McNemar with continuity correction equals scipy chi2.sf', () => {
  for (const c of cases.mcnemar) {
    const r = mcnemarFromCounts(c.b, c.c);
    assert.ok(close(r.statistic, c.statistic), `stat b=${c.b} c=${c.c}`);
    assert.ok(close(r.pValue, c.pValue, 1e-12), `p b=${c.b} c=${c.c}: ${r.pValue} ≠ ${c.pValue}`);
  }
  // Large statistics go through the continued fraction: scipy.stats.chi2.sf(30, 1) and (0.5, 1).
  assert.ok(close(chiSquareSf(30, 1), 4.3204630578274955e-8, 1e-10));
  assert.ok(close(chiSquareSf(0.5, 1), 0.47950012218695337, 1e-12));
  assert.deepEqual(mcnemarTest(Uint8Array.from([1, 1, 0, 0, 1]), Uint8Array.from([0, 1, 1, 0, 0])), { ...mcnemarFromCounts(2, 1), b: 2, c: 1 });
});

test('argsort: radix path equals a comparator sort, stable on ties, -0 = 0, NaN last', () => {
  const rand = mulberry32(3);
  const n = 50_000;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.round((rand() - 0.3) * 2000) / 100; // negatives, many ties
  keys[10] = -0;
  keys[11] = 0;
  keys[12] = NaN;
  keys[13] = -Infinity;
  const order = argsortAscending(keys);
  const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
    return x - y || a - b;
  });
  assert.deepEqual(Array.from(order), expected);
  assert.equal(order[0], 13);
  assert.equal(order[n - 1], 12);
  assert.deepEqual(Array.from(argsortAscending(Float64Array.from([3, -1, 2, -1]))), [1, 3, 2, 0]);
});

test('mulberry32 and the resample draws are the ones the Python reference replays', () => {
  const c = cases.bootstrap[0]!;
  const counts = drawCounts(mulberry32(c.seed), c.y.length, new Float64Array(c.y.length));
  const rand = mulberry32(c.seed);
  const first = Array.from({ length: 10 }, () => Math.floor(rand() * c.y.length));
  assert.deepEqual(first, c.firstIndices);
  assert.equal(counts.reduce((a, b) => a + b, 0), c.y.length);
});

test('paired bootstrap: the intervals of sklearn on the same resamples, reproducible by seed', () => {
  const c = cases.bootstrap[0]!;
  const suite = (p: number[]) => {
    const score = Float64Array.from(p);
    return binarySuite({ truth: Uint8Array.from(c.y), predicted: thresholdPredictions(score, 0.5), score });
  };
  const run = (seed: number) => pairedBootstrap(suite(c.challenger), suite(c.champion), c.y.length, { resamples: c.resamples, seed });
  const result = run(c.seed);
  for (const [name, [low, high]] of Object.entries(c.ci)) {
    assert.ok(close(result.deltas[name]![0], low, 1e-10) && close(result.deltas[name]![1], high, 1e-10), `${name}: ${result.deltas[name]} ≠ ${[low, high]}`);
  }
  assert.deepEqual(run(c.seed), result);
  assert.notDeepEqual(run(c.seed + 1).deltas.accuracy, result.deltas.accuracy);
  const [low, high] = result.values.roc_auc!;
  assert.ok(low < high && low > 0.5 && high <= 1, `${low} ${high}`);
});
