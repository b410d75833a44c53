import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DistinctCounter, DISTINCT_EXACT_LIMIT, HLL_RELATIVE_ERROR } from '../../../lib/sketches/hyperloglog.js';
import { Hasher } from '../../../lib/sketches/hash.js';

test('hash: deterministic known values; 1, "1" and true hash apart; -0 hashes as 0', () => {
  const h = new Hasher();
  const of = (v: string | number | boolean) => (h.hash(v), [h.hi, h.lo]);
  assert.deepEqual(of('abc'), of('abc'));
  assert.notDeepEqual(of(1), of('1'));
  assert.notDeepEqual(of('1'), of(true));
  assert.deepEqual(of(-0), of(0));
  assert.notDeepEqual(of('ab'), of('ba'));
  // pinned: a change of hash would silently break merging with stored profiles
  assert.deepEqual(of(''), [2872998923, 2948274717]);
  assert.deepEqual(of(42), [4214446273, 3586550557]);
});

test('hyperloglog: exact while ≤ 1000 distinct values, then within 3 standard errors', () => {
  assert.equal(HLL_RELATIVE_ERROR, 1.04 / 128);
  const d = new DistinctCounter();
  for (let i = 0; i < DISTINCT_EXACT_LIMIT; i++) d.add(`v${i % 1000}`), d.add(i % 1000);
  assert.equal(d.exact, false); // 2000 distinct values (strings and numbers are different values)
  const e = new DistinctCounter();
  for (let i = 0; i < 5000; i++) e.add(`v${i % 1000}`);
  assert.deepEqual([e.exact, e.estimate(), e.errorBound()], [true, 1000, 0]);
  e.add(-0);
  e.add(0); // -0 and 0 are one value: 1001 distinct, one over the exact limit
  assert.equal(e.exact, false);
  assert.ok(Math.abs(e.estimate() - 1001) <= 3 * HLL_RELATIVE_ERROR * 1001, String(e.estimate()));
  for (const n of [1001, 20_000, 200_000]) {
    const s = new DistinctCounter();
    for (let i = 0; i < n; i++) s.add(`user-${i}`);
    const t = new DistinctCounter();
    for (let i = 0; i < n; i++) t.add(i * 0.37 + 5);
    for (const c of [s, t]) {
      assert.equal(c.errorBound(), HLL_RELATIVE_ERROR);
      assert.ok(Math.abs(c.estimate() - n) / n <= 3 * HLL_RELATIVE_ERROR, `n=${n} estimate ${c.estimate()}`);
    }
  }
});

test('hyperloglog: merging shards gives exactly the sketch of the union (any order); state round-trips', () => {
  const whole = new DistinctCounter();
  const parts = [new DistinctCounter(), new DistinctCounter(), new DistinctCounter()];
  for (let i = 0; i < 30_000; i++) {
    const v = i % 7 === 0 ? i : `k${i % 12_000}`;
    whole.add(v);
    parts[i % 3]!.add(v);
  }
  const merged = new DistinctCounter().merge(parts[2]!).merge(parts[0]!).merge(parts[1]!);
  assert.equal(merged.toJSON().exact, false);
  assert.deepEqual(merged.toJSON(), whole.toJSON());
  assert.equal(merged.estimate(), whole.estimate());
  const back = DistinctCounter.fromJSON(JSON.parse(JSON.stringify(whole.toJSON())));
  assert.deepEqual(back.toJSON(), whole.toJSON());
  const small = new DistinctCounter();
  for (const v of ['a', 'b', 1, true]) small.add(v);
  assert.deepEqual(DistinctCounter.fromJSON(small.toJSON()).toJSON(), { exact: true, values: ['a', 'b', 1, true] });
  assert.throws(() => DistinctCounter.fromJSON({ exact: false, p: 12, registers: '' }), /precision 12/);
});
