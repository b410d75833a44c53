import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnProfiler, parseIsoDateMs } from '../../../lib/profile/column-profiler.js';
import { decideType, joinTypes } from '../../../lib/profile/infer-type.js';
import type { CellValue } from '../../../lib/data/batch.js';

function profile(cells: CellValue[]) {
  const p = new ColumnProfiler('c');
  p.addCells(cells, cells.length);
  return p.finish();
}

test('infer: CSV text kinds — integers, numbers (exponent, leading dot), booleans (true/false only), datetimes, text', () => {
  assert.equal(profile(['1', ' -2 ', '+3', '', null]).type, 'integer');
  assert.equal(profile(['1', '1.0', '.5', '2e-3', '-4E2']).type, 'number');
  assert.equal(profile(['true', 'FALSE', 'True']).type, 'boolean');
  assert.equal(profile(['yes', 'no', 'yes', 'no']).type, 'categorical');
  assert.equal(profile(['2024-01-31', '2024-02-01T10:00:00Z', '2024-02-01 10:00']).type, 'datetime');
  assert.equal(profile(['0x1f', '0x1f', '0b1', '0b1']).type, 'categorical');
  assert.equal(profile(['1', 'N/A', '1', 'N/A']).type, 'categorical');
  assert.equal(profile(['1', '2', 'N/A', 'N/A']).type, 'string'); // 3 distinct in 4 values: not repeating enough
  assert.equal(profile(['alpha', 'beta', 'gamma']).type, 'string');
  assert.equal(profile([null, '', '  ']).type, 'string');
  assert.equal(profile([1, 2.5, Number.NaN]).type, 'number');
  assert.equal(profile([true, false]).type, 'boolean');
});

test('infer: the decision and the lattice', () => {
  const none = { integer: 0, number: 0, boolean: 0, datetime: 0, text: 0 };
  assert.equal(decideType({ ...none, integer: 3, number: 1 }, 4), 'number');
  assert.equal(decideType({ ...none, integer: 3, boolean: 1 }, 2), 'categorical');
  assert.equal(decideType({ ...none, integer: 3, boolean: 1 }, 3), 'string');
  assert.equal(decideType({ ...none, text: 10 }, 5), 'categorical');
  assert.equal(decideType({ ...none, text: 10 }, 6), 'string');
  assert.equal(decideType({ ...none, text: 5000 }, 1001), 'string');
  assert.equal(joinTypes('integer', 'number'), 'number');
  assert.equal(joinTypes('datetime', 'datetime'), 'datetime');
  assert.equal(joinTypes('categorical', 'string'), 'string');
  assert.equal(joinTypes('boolean', 'integer'), 'string');
});

test('column profile: numeric fields, exact top-k, histogram by value for small integer ranges', () => {
  const c = profile(['3', '1', '2', '3', '', '3', null]);
  assert.deepEqual(
    { ...c, state: undefined, quantiles: undefined },
    {
      name: 'c', type: 'integer', count: 5, missing: 2,
      distinct: { estimate: 3, errorBound: 0, exact: true },
      min: 1, max: 3, mean: 2.4, variance: 0.64, n: 5,
      histogram: { edges: [0.5, 1.5, 2.5, 3.5], counts: [1, 1, 3] },
      topK: { exact: true, items: [{ value: 3, count: 3 }, { value: 1, count: 1 }, { value: 2, count: 1 }] },
      state: undefined, quantiles: undefined,
    },
  );
  assert.equal(c.quantiles?.kind, 'kll');
});

test('column profile: datetime bounds as ISO strings; strings get lexicographic bounds and lengths', () => {
  const d = profile(['2024-01-02', '2023-12-31T23:00:00+01:00']);
  assert.deepEqual([d.type, d.min, d.max], ['datetime', '2023-12-31T22:00:00.000Z', '2024-01-02T00:00:00.000Z']);
  assert.deepEqual(d.histogram?.counts.reduce((a, b) => a + b), 2);
  const s = profile(['pro', 'basic', 'pro', 'team', 'pro', 'basic']);
  assert.deepEqual([s.type, s.min, s.max, s.stringLength], ['categorical', 'basic', 'team', { min: 3, max: 5, mean: 23 / 6 }]);
});

test('parseIsoDateMs: accepted forms (no zone = UTC) and rejected ones', () => {
  assert.equal(parseIsoDateMs('2024-02-29'), Date.UTC(2024, 1, 29));
  assert.equal(parseIsoDateMs('2024-01-31 10:20:30.5'), Date.UTC(2024, 0, 31, 10, 20, 30, 500));
  assert.equal(parseIsoDateMs('2024-01-31T10:20:30-0130'), Date.UTC(2024, 0, 31, 11, 50, 30));
  assert.equal(parseIsoDateMs('0099-01-01'), Date.parse('0099-01-01T00:00:00Z'));
  for (const bad of ['2023-02-29', '2024-13-01', '2024-01-31T', '2024-01-31T25:00', '2024-01-31Z', '2024-1-31', '20240131']) {
    assert.ok(Number.isNaN(parseIsoDateMs(bad)), bad);
  }
});
