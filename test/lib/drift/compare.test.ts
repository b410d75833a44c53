import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnValues } from '../../../lib/drift/column-values.js';
import { compareRawColumn } from '../../../lib/drift/compare-raw.js';
import { defaultDriftOptions, routeMethod } from '../../../lib/drift/drift-options.js';
import { sortFloat64 } from '../../../lib/drift/sort-float64.js';
import { BadInputError } from '../../../lib/errors.js';

function side(name: string, cells: Array<string | number | boolean | null>) {
  const v = new ColumnValues(name);
  v.addCells(cells, cells.length);
  return v.finish(sortFloat64);
}

const options = defaultDriftOptions();

test('routeMethod: auto by family, baseline size and distinct count; explicit methods override', () => {
  assert.deepEqual(routeMethod('numeric', 1000, 6, options), { method: 'ks', asCategories: false });
  assert.deepEqual(routeMethod('numeric', 1001, 6, options), { method: 'wasserstein', asCategories: false });
  assert.deepEqual(routeMethod('numeric', 1001, 5, options), { method: 'jensenshannon', asCategories: true });
  assert.deepEqual(routeMethod('numeric', 10, 5, options), { method: 'chisquare', asCategories: true });
  assert.deepEqual(routeMethod('categorical', 1000, 900, options), { method: 'chisquare', asCategories: false });
  assert.deepEqual(routeMethod('numeric', 10, 2, defaultDriftOptions({ numericMethod: 'psi' })), { method: 'psi', asCategories: false });
});

test('ColumnValues: the profile rules for missing values and types (blank, NaN, booleans, dates, mixed → text)', () => {
  const n = side('n', [1, '2', ' 3 ', '', null, Number.NaN, '4.5']);
  assert.deepEqual([n.type, n.count, n.missing, Array.from(n.values!)], ['number', 4, 3, [1, 2, 3, 4.5]]);
  const b = side('b', [true, 'FALSE', 'true']);
  assert.deepEqual([b.type, [...b.categories!]], ['boolean', [['true', 2], ['false', 1]]]);
  const d = side('d', ['2024-01-02', '2024-01-01T12:00:00Z']);
  assert.deepEqual([d.type, Array.from(d.values!)], ['datetime', [Date.UTC(2024, 0, 1, 12), Date.UTC(2024, 0, 2)]]);
  const m = side('m', ['a', 1, 'a', 1]);
  assert.deepEqual([m.type, [...m.categories!]], ['categorical', [['a', 2], ['1', 2]]]);
});

test('compareRawColumn: a constant baseline gives a defined, unscaled Wasserstein distance (no division by zero)', () => {
  const base = side('x', Array.from({ length: 1500 }, () => 2));
  const same = compareRawColumn(base, side('x', Array.from({ length: 10 }, () => 2)), defaultDriftOptions({ numericMethod: 'wasserstein' }));
  assert.deepEqual([same.statistic, same.drifted, same.warning], [0, false, 'the baseline is constant (std 0): the Wasserstein distance is reported unscaled']);
  const moved = compareRawColumn(base, side('x', [2, 3, 4, 5]), defaultDriftOptions({ numericMethod: 'wasserstein' }));
  assert.deepEqual([moved.statistic, moved.drifted, moved.severity], [1.5, true, 'high']);
});

test('compareRawColumn: no values on either side is no drift; values on one side only is drift with statistic 1', () => {
  const none = compareRawColumn(side('e', [null, '']), side('e', ['']), options);
  assert.deepEqual([none.statistic, none.pValue, none.drifted, none.warning], [0, 1, false, 'no values on either side: nothing to compare']);
  const gone = compareRawColumn(side('e', [1, 2, 3, 4, 5, 6, 7]), side('e', [null]), options);
  assert.deepEqual([gone.method, gone.statistic, gone.pValue, gone.drifted, gone.type], ['ks', 1, 0, true, 'integer']);
});

test('compareRawColumn: new and vanished categories enter the chi-square table over the union', () => {
  const r = compareRawColumn(side('c', ['a', 'a', 'b', 'b', 'c']), side('c', ['a', 'b', 'd', 'd', 'd']), options);
  // table [[2,2,1,0],[1,1,0,3]]: scipy.stats.chi2_contingency(correction=False) gives 4.6667, p 0.19790, dof 3
  assert.equal(r.method, 'chisquare');
  assert.ok(Math.abs(r.statistic - 4.666666666666667) < 1e-12, String(r.statistic));
  assert.ok(Math.abs(r.pValue! - 0.1978971262103671) < 1e-12, String(r.pValue));
});

test('compareRawColumn: numeric against text is bad input naming the column', () => {
  assert.throws(() => compareRawColumn(side('z', [1, 2]), side('z', ['x', 'y']), options), (e: unknown) => e instanceof BadInputError && /column 'z' is integer in the baseline but string/.test(e.message));
});
