import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProfileBody } from '../../../lib/contracts/profile.js';
import type { DataBatch } from '../../../lib/data/batch.js';
import { baselineMeanExpectation, baselineMissingExpectation, baselineNewCategoriesExpectation } from '../../../lib/validation/expectations/baseline.js';
import { classBalanceExpectation } from '../../../lib/validation/expectations/class-balance.js';
import { compareExpectation } from '../../../lib/validation/expectations/compare.js';
import { lengthExpectation } from '../../../lib/validation/expectations/length.js';
import { splitOverlapExpectation, targetLeakageExpectation } from '../../../lib/validation/expectations/leakage.js';
import { maxMissingExpectation, notNullExpectation } from '../../../lib/validation/expectations/missing.js';
import { rangeExpectation } from '../../../lib/validation/expectations/range.js';
import { regexExpectation } from '../../../lib/validation/expectations/regex.js';
import { typeExpectation } from '../../../lib/validation/expectations/type.js';
import { uniqueExpectation } from '../../../lib/validation/expectations/unique.js';
import { allowedExpectation } from '../../../lib/validation/expectations/allowed.js';
import type { Evaluator } from '../../../lib/validation/types.js';
import { batch } from './batches.js';

function run(evaluator: Evaluator, batches: DataBatch[], split?: (b: DataBatch) => string) {
  for (const b of batches) {
    const columns = new Map(b.columns.map((n, i) => [n, i]));
    evaluator.addBatch(b, split ? { columns, split: split(b) } : { columns });
  }
  return evaluator.finish();
}
const meta = (expectation: string, mostly = 1) => ({ id: `x.${expectation}`, column: 'x', expectation, mostly });

test('in_range: counts values outside, keeps examples with file and line, skips missing cells', () => {
  const r = run(rangeExpectation(meta('in_range'), { min: 0, max: 10 }), [batch({ x: ['1', '11', null, '-2', 'abc', 5] })]);
  assert.deepEqual(r, {
    id: 'x.in_range',
    column: 'x',
    expectation: 'in_range',
    passed: false,
    observed: { min: -2, max: 11, outOfRange: 3 },
    unexpectedCount: 3,
    unexpectedPercent: 60,
    mostly: 1,
    examples: [
      { file: 'data.csv', line: 3, value: '11' },
      { file: 'data.csv', line: 5, value: '-2' },
      { file: 'data.csv', line: 6, value: 'abc' },
    ],
  });
});

test('mostly: 2 bad of 100 passes with mostly 0.98 and fails with 0.99', () => {
  const values = Array.from({ length: 100 }, (_, i) => (i < 2 ? '-1' : '1'));
  assert.equal(run(rangeExpectation(meta('in_range', 0.98), { min: 0 }), [batch({ x: values })]).passed, true);
  assert.equal(run(rangeExpectation(meta('in_range', 0.99), { min: 0 }), [batch({ x: values })]).passed, false);
});

test('examples: at most the first 20, across batches, in order', () => {
  const b1 = batch({ x: Array.from({ length: 15 }, () => 'bad') }, 'a.csv', 2);
  const b2 = batch({ x: Array.from({ length: 15 }, () => 'bad') }, 'a.csv', 17);
  const r = run(typeExpectation(meta('type'), 'integer'), [b1, b2]);
  assert.equal(r.unexpectedCount, 30);
  assert.equal(r.examples.length, 20);
  assert.deepEqual(r.examples.at(-1), { file: 'a.csv', line: 21, value: 'bad' });
});

test('type: integer, number, boolean, datetime parse text and native values', () => {
  assert.equal(run(typeExpectation(meta('type'), 'integer'), [batch({ x: ['1', ' -2 ', 3, '4.5', 6.5] })]).unexpectedCount, 2);
  assert.equal(run(typeExpectation(meta('type'), 'number'), [batch({ x: ['1e3', '.5', 'NaN', true] })]).unexpectedCount, 2);
  assert.equal(run(typeExpectation(meta('type'), 'boolean'), [batch({ x: ['TRUE', false, '1'] })]).unexpectedCount, 1);
  assert.equal(run(typeExpectation(meta('type'), 'datetime'), [batch({ x: ['2024-01-31', '2024-01-31T10:00:00Z', '31/01/2024'] })]).unexpectedCount, 1);
});

test('not_null and max_missing: empty strings and nulls are missing', () => {
  const b = batch({ x: ['a', '', null, 'b'] });
  const nn = run(notNullExpectation(meta('not_null')), [b]);
  assert.deepEqual([nn.passed, nn.unexpectedCount, nn.unexpectedPercent, nn.examples.map((e) => e.line)], [false, 2, 50, [3, 4]]);
  assert.equal(run(maxMissingExpectation(meta('max_missing'), 0.5), [b]).passed, true);
  assert.equal(run(maxMissingExpectation(meta('max_missing'), 0.49), [b]).passed, false);
});

test('in_set compares canonically (1, 1.0 and "1" are one value) and lists unexpected values', () => {
  const r = run(allowedExpectation(meta('in_set'), [0, 1]), [batch({ x: ['1', '1.0', 0, '2', 'yes', '2'] })]);
  assert.deepEqual([r.unexpectedCount, r.observed], [3, { unexpectedValues: { '2': 2, yes: 1 } }]);
});

test('regex and length', () => {
  const re = run(regexExpectation(meta('regex'), '^C\\d{3}$'), [batch({ x: ['C123', 'C12', 'c123'] })]);
  assert.deepEqual(re.examples.map((e) => e.value), ['C12', 'c123']);
  assert.equal(run(regexExpectation(meta('regex'), '^C\\d{3}$', true), [batch({ x: ['C123', 'c123'] })]).unexpectedCount, 0);
  const len = run(lengthExpectation(meta('length'), { min: 2, max: 3 }), [batch({ x: ['ab', 'a', 'abcd', 'é€'] })]);
  assert.deepEqual([len.unexpectedCount, len.observed], [2, { minLength: 1, maxLength: 4 }]);
});

test('unique: every repeat after the first occurrence is unexpected, across batches', () => {
  const long = 'x'.repeat(100);
  const r = run(uniqueExpectation(meta('unique')), [batch({ x: ['a', 'b', long] }), batch({ x: ['a', 1, '1.0', long] }, 'data.csv', 5)]);
  assert.deepEqual([r.unexpectedCount, r.observed, r.examples.map((e) => e.line)], [3, { distinct: 4, duplicates: 3 }, [5, 7, 8]]);
});

test('compare: numbers and ISO dates; missing sides are not counted; examples name both values', () => {
  const r = run(compareExpectation({ id: 'c', expectation: 'compare', mostly: 1 }, 'a', '<=', 'b'), [
    batch({ a: ['1', '5', null, '2024-01-02', '3'], b: ['2', '4', '1', '2024-01-01', 'x'] }),
  ]);
  assert.equal(r.unexpectedCount, 3);
  assert.equal(r.unexpectedPercent, 75);
  assert.deepEqual(r.examples.map((e) => e.value), ['a=5, b=4', 'a=2024-01-02, b=2024-01-01', 'a=3, b=x']);
});

test('class_balance: shares per class against global and per-class bounds; absent listed classes count 0', () => {
  const y = [...Array(7).fill('0'), ...Array(3).fill('1')];
  const ok = run(classBalanceExpectation('b', 'y', { min: 0.2, max: 0.8 }), [batch({ y })]);
  assert.deepEqual([ok.passed, ok.observed], [true, { shares: { '0': 0.7, '1': 0.3 }, rows: 10, outOfBounds: [] }]);
  const bad = run(classBalanceExpectation('b', 'y', { min: 0.1, classes: { '1': { min: 0.4 }, '2': { min: 0.05 } } }), [batch({ y })]);
  assert.deepEqual([bad.passed, bad.unexpectedCount, (bad.observed as { outOfBounds: string[] }).outOfBounds], [false, 2, ['1', '2']]);
});

test('target_leakage: identical and one-to-one features leak; a merely correlated one does not', () => {
  const r = run(targetLeakageExpectation('t', 'y'), [
    batch({ y: ['1', '0', '1', '0'], copy: [1, 0, 1, 0], label: ['yes', 'no', 'yes', 'no'], noisy: ['1', '0', '1', '1'], id: ['a', 'b', 'c', 'd'] }),
  ]);
  assert.deepEqual([r.passed, r.observed, r.unexpectedCount, r.unexpectedPercent], [false, { identical: ['copy'], oneToOne: ['label'], features: 4 }, 2, 50]);
  assert.equal(run(targetLeakageExpectation('t', 'y'), [batch({ y: ['1', '1'], same: ['1', '1'] })]).passed, true);
});

test('split_overlap: rows of a later split that occur in an earlier one, ignoring listed columns', () => {
  const train = batch({ id: ['a', 'b', 'c'], v: ['1', '2', '3'] }, 'train.csv');
  const test_ = batch({ id: ['x', 'y', 'z'], v: ['2', '9', '3.0'] }, 'test.csv');
  const split = (b: DataBatch) => (b.file === 'train.csv' ? 'train' : 'test');
  const r = run(splitOverlapExpectation('s', { maxOverlapRows: 0, ignoreColumns: ['id'] }), [train, test_], split);
  assert.deepEqual([r.passed, r.unexpectedCount, r.observed, r.examples], [
    false,
    2,
    { splits: ['train', 'test'], overlapping: { 'train∩test': 2 }, maxOverlapRows: 0 },
    [{ file: 'test.csv', line: 2, value: 'row also in train' }, { file: 'test.csv', line: 4, value: 'row also in train' }],
  ]);
  assert.equal(run(splitOverlapExpectation('s', { maxOverlapRows: 0, ignoreColumns: [] }), [train, test_], split).passed, true);
});

test('baseline: mean within k std, missing increase, new category share', () => {
  const profile: ProfileBody['columns'][number] = { name: 'x', type: 'number', count: 100, missing: 0, distinct: { estimate: 50, errorBound: 0 }, mean: 10, variance: 4 };
  const data = [batch({ x: ['15', '15', null, '15'] })];
  const mean = run(baselineMeanExpectation('m', 'x', profile, 3), data);
  assert.deepEqual([mean.passed, mean.observed], [true, { mean: 15, baselineMean: 10, baselineStd: 2, k: 3, deviations: 2.5 }]);
  assert.equal(run(baselineMeanExpectation('m', 'x', profile, 2), data).passed, false);
  const missing = run(baselineMissingExpectation('n', 'x', profile, 0.2), data);
  assert.deepEqual([missing.passed, missing.observed], [false, { missingRate: 0.25, baselineMissingRate: 0, increase: 0.25, maxIncrease: 0.2 }]);
  const cat = { ...profile, type: 'categorical' as const, topK: { exact: true, items: [{ value: 'a', count: 60 }, { value: 'b', count: 40 }] } };
  const fresh = run(baselineNewCategoriesExpectation('c', 'x', cat, 0.2), [batch({ x: ['a', 'b', 'c', 'a', 'a'] })]);
  assert.deepEqual([fresh.passed, fresh.unexpectedCount, fresh.examples], [true, 1, [{ file: 'data.csv', line: 4, value: 'c' }]]);
  assert.equal(run(baselineNewCategoriesExpectation('c', 'x', cat, 0.1), [batch({ x: ['a', 'b', 'c', 'a', 'a'] })]).passed, false);
  const inexact = run(baselineNewCategoriesExpectation('c', 'x', { ...cat, topK: { exact: false, items: [] } }, 0), [batch({ x: ['z'] })]);
  assert.deepEqual([inexact.passed, inexact.observed], [true, { skipped: 'the baseline profile has no exact top-k for this column' }]);
});
