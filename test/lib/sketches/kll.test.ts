import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KllSketch, KLL_K, KLL_RANK_ERROR } from '../../../lib/sketches/kll.js';
import { seeded } from './random.js';

/** Largest distance between q and the true rank interval [count(<x), count(≤x)]/n of the returned quantile x. */
function worstRankError(sketch: KllSketch, data: number[]): number {
  const sorted = Float64Array.from(data).sort();
  const n = sorted.length;
  let worst = 0;
  for (let i = 1; i < 200; i++) {
    const q = i / 200;
    const x = sketch.quantile(q);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    let up = lo;
    while (up < n && sorted[up] === x) up++;
    const err = q < lo / n ? lo / n - q : q > up / n ? q - up / n : 0;
    worst = Math.max(worst, err);
  }
  return worst;
}

test('kll: stated rank error is ≤ 1 % (k = 400)', () => {
  assert.equal(KLL_K, 400);
  assert.equal(KLL_RANK_ERROR, 0.0086);
});

test('kll: every quantile of 1e5 values within the stated rank error (random, sorted, reversed, heavy ties)', () => {
  const r = seeded(3);
  const random = Array.from({ length: 100_000 }, () => r() * 1e4);
  const datasets = {
    random,
    sorted: [...random].sort((a, b) => a - b),
    reversed: [...random].sort((a, b) => b - a),
    ties: Array.from({ length: 100_000 }, () => Math.floor(r() * 30)),
  };
  for (const [name, data] of Object.entries(datasets)) {
    const s = new KllSketch();
    for (const x of data) s.add(x);
    assert.equal(s.n, 100_000);
    const err = worstRankError(s, data);
    assert.ok(err <= KLL_RANK_ERROR, `${name}: worst rank error ${err}`);
  }
});

test('kll: exact while small; quantile, rank and cdf conventions', () => {
  const s = new KllSketch();
  for (const x of [5, 1, 4, 2, 3]) s.add(x);
  assert.equal(s.exact, true);
  assert.deepEqual([0, 0.2, 0.21, 0.5, 0.8, 1].map((q) => s.quantile(q)), [1, 1, 2, 3, 4, 5]);
  assert.deepEqual([s.rank(3), s.rank(3, true), s.rank(0), s.rank(9)], [0.4, 0.6, 0, 1]);
  assert.deepEqual(s.cdf([1, 2.5, 6]), [0, 0.4, 1]);
  assert.ok(Number.isNaN(new KllSketch().quantile(0.5)));
});

test('kll: merged shards stay within the rank error; state round-trips and continues identically', () => {
  const r = seeded(4);
  const data = Array.from({ length: 60_000 }, () => r() ** 3 * 500);
  const parts = [new KllSketch(), new KllSketch(), new KllSketch()];
  data.forEach((x, i) => parts[i < 10_000 ? 0 : i < 45_000 ? 1 : 2]!.add(x));
  const merged = parts[0]!.merge(parts[1]!).merge(parts[2]!);
  assert.equal(merged.n, 60_000);
  assert.equal(merged.min, Math.min(...data));
  assert.equal(merged.max, Math.max(...data));
  assert.ok(worstRankError(merged, data) <= KLL_RANK_ERROR);

  const restored = KllSketch.fromJSON(JSON.parse(JSON.stringify(merged.toJSON())));
  assert.deepEqual(restored.toJSON(), merged.toJSON());
  for (let i = 0; i < 5000; i++) {
    restored.add(i);
    merged.add(i);
  }
  assert.deepEqual(restored.toJSON(), merged.toJSON());
});
