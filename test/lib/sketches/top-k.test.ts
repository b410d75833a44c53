import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrequentItems, kthLargest } from '../../../lib/sketches/top-k.js';
import { seeded } from './random.js';

test('top-k: exact counts, ordered by count then value (numbers, booleans, strings)', () => {
  const f = new FrequentItems();
  for (const v of ['b', 'a', 2, true, 'b', 1, 'a', 'b', 2, -0, 0]) f.add(v);
  assert.equal(f.exact, true);
  assert.deepEqual(f.top(), [
    { value: 'b', count: 3 },
    { value: 0, count: 2 },
    { value: 2, count: 2 },
    { value: 'a', count: 2 },
    { value: 1, count: 1 },
    { value: true, count: 1 },
  ]);
  assert.deepEqual(f.top(2).map((i) => i.value), ['b', 0]);
});

test('top-k: beyond 2·capacity distinct values counts are lower bounds within n/(capacity+1); heavy hitters survive', () => {
  const capacity = 50;
  const f = new FrequentItems(capacity);
  const truth = new Map<number, number>();
  const r = seeded(5);
  for (let i = 0; i < 20_000; i++) {
    const v = r() < 0.3 ? Math.floor(r() * 5) : 1000 + Math.floor(r() * 5000);
    f.add(v);
    truth.set(v, (truth.get(v) ?? 0) + 1);
  }
  assert.equal(f.exact, false);
  assert.ok(f.undercount > 0 && f.undercount <= 20_000 / (capacity + 1), String(f.undercount));
  for (const { value, count } of f.top()) {
    const t = truth.get(value as number)!;
    assert.ok(count <= t && count >= t - f.undercount, `${value}: ${count} vs ${t}`);
  }
  assert.deepEqual(f.top(5).map((i) => i.value).sort(), [0, 1, 2, 3, 4]);
});

test('top-k: exact + exact merges exactly while the union is small, and becomes approximate past it', () => {
  const a = new FrequentItems(3);
  const b = new FrequentItems(3);
  for (const v of ['x', 'y', 'x', 1]) a.add(v);
  for (const v of ['y', 'z', 1, 1]) b.add(v);
  const merged = FrequentItems.fromJSON(a.toJSON()).merge(b);
  assert.equal(merged.exact, true);
  assert.deepEqual(merged.top(), [{ value: 1, count: 3 }, { value: 'x', count: 2 }, { value: 'y', count: 2 }, { value: 'z', count: 1 }]);
  const c = new FrequentItems(3);
  for (const v of ['p', 'q', 'r']) c.add(v);
  merged.merge(c); // 7 distinct > 2·3
  assert.equal(merged.exact, false);
  assert.equal(merged.n, 11);
  assert.deepEqual(merged.top(), [{ value: 1, count: 2 }, { value: 'x', count: 1 }, { value: 'y', count: 1 }]);
  assert.deepEqual(FrequentItems.fromJSON(JSON.parse(JSON.stringify(merged.toJSON()))).toJSON(), merged.toJSON());
});

test('kthLargest: quickselect agrees with sorting', () => {
  const r = seeded(6);
  const values = Array.from({ length: 1001 }, () => Math.floor(r() * 100));
  const sorted = [...values].sort((a, b) => b - a);
  for (const k of [1, 2, 500, 1001]) assert.equal(kthLargest(Float64Array.from(values), k), sorted[k - 1]);
});
