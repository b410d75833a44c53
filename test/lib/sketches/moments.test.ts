import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mean, variance, min, max } from 'simple-statistics';
import { Moments } from '../../../lib/sketches/moments.js';
import { seeded } from './random.js';

const close = (a: number, b: number, rel = 1e-12) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('moments: Welford add matches simple-statistics on random data to 1e-12 relative', () => {
  const r = seeded(1);
  const data = Array.from({ length: 20_000 }, () => r() * 1000 - 250);
  const m = new Moments();
  for (const x of data) m.add(x);
  assert.equal(m.n, 20_000);
  close(m.mean, mean(data));
  close(m.variance, variance(data));
  assert.equal(m.min, min(data));
  assert.equal(m.max, max(data));
});

test('moments: Chan merge of uneven parts equals the whole to 1e-12; empty parts are neutral', () => {
  const r = seeded(2);
  const data = Array.from({ length: 10_001 }, () => 1e6 + r() * 10);
  const cuts = [0, 1, 3000, 3000, 9999, 10_001];
  const merged = new Moments();
  for (let i = 0; i < cuts.length - 1; i++) {
    const part = new Moments();
    for (const x of data.slice(cuts[i], cuts[i + 1])) part.add(x);
    merged.merge(part);
  }
  close(merged.mean, mean(data));
  close(merged.variance, variance(data), 1e-9);
  assert.equal(merged.n, data.length);
  assert.equal(merged.min, min(data));
  assert.equal(merged.max, max(data));
});

test('moments: toJSON/fromJSON round-trips exactly; empty state has null bounds', () => {
  assert.deepEqual(new Moments().toJSON(), { n: 0, mean: 0, m2: 0, min: null, max: null });
  const m = new Moments();
  for (const x of [3, 1.5, -2, 7.25]) m.add(x);
  const back = Moments.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assert.deepEqual(back.toJSON(), m.toJSON());
  assert.equal(m.mean, 2.4375);
  assert.equal(m.variance, 11.01171875);
  assert.equal(m.sampleVariance, 44.046875 / 3);
});
