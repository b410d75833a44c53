import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMissing, toNumber } from '../../../lib/validation/cells.js';

test('toNumber accepts data numerals only (the fast path must agree with the grammar)', () => {
  const accepted: Array<[string, number]> = [
    ['42', 42], ['-7', -7], ['+3.5', 3.5], ['.5', 0.5], ['1.', 1], ['1e3', 1000], ['-2.5E-2', -0.025], [' 12 ', 12], ['00012', 12], ['0', 0], ['-0.0', -0],
  ];
  for (const [text, value] of accepted) assert.equal(toNumber(text), value, text);
  for (const text of ['', '   ', '0x1F', '0b101', '0o17', '0X1f', 'Infinity', '-Infinity', 'NaN', '1_000', '1,000', 'abc', '12abc', '1 2', 'e5', '+', '-', '.']) {
    assert.equal(toNumber(text), undefined, JSON.stringify(text));
  }
  assert.equal(toNumber(3.25), 3.25);
  assert.equal(toNumber(Number.POSITIVE_INFINITY), undefined);
  assert.equal(toNumber(true), undefined);
  assert.equal(toNumber(null), undefined);
});

test('isMissing: null, empty and blank strings are missing; everything else is not', () => {
  for (const cell of [null, undefined, '', ' ', '\t', '\u00a0 ']) assert.equal(isMissing(cell), true, JSON.stringify(cell));
  for (const cell of ['0', ' x', 'x ', 0, false, 'null']) assert.equal(isMissing(cell), false, JSON.stringify(cell));
});
