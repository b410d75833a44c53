import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatDate, formatDelta, formatInterval, formatLink, formatNumber, formatPercent, markerValue } from '../../../lib/templates/format.js';

test('formatNumber: digits, integers, missing values, infinities, negative zero', () => {
  assert.equal(formatNumber(0.87314), '0.873');
  assert.equal(formatNumber(0.87314, 2), '0.87');
  assert.equal(formatNumber(12000), '12000');
  assert.equal(formatNumber(3, 2), '3.00');
  assert.equal(formatNumber(null), '—');
  assert.equal(formatNumber(undefined), '—');
  assert.equal(formatNumber(Number.NaN), '—');
  assert.equal(formatNumber(-Infinity), '-∞');
  assert.equal(formatNumber(-0.0001), '0.000');
  assert.equal(formatNumber('a_b'), 'a\\_b');
});

test('formatPercent and formatDelta', () => {
  assert.equal(formatPercent(0.1234), '12.3%');
  assert.equal(formatPercent(0.5, 0), '50%');
  assert.equal(formatPercent(null), '—');
  assert.equal(formatDelta(0.0123), '+0.012');
  assert.equal(formatDelta(-0.0123), '-0.012');
  assert.equal(formatDelta(0.00001), '0.000');
  assert.equal(formatDelta(-0.00001), '0.000');
  assert.equal(formatDelta(0.5, 1), '+0.5');
  assert.equal(formatDelta(undefined), '—');
});

test('formatInterval, formatBytes, formatDate', () => {
  assert.equal(formatInterval([0.004, 0.0191]), '[0.004, 0.019]');
  assert.equal(formatInterval([1, 2], 1), '[1.0, 2.0]');
  assert.equal(formatInterval(undefined), '—');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1_572_864), '1.5 MiB');
  assert.equal(formatBytes(undefined), '—');
  assert.equal(formatDate('2025-03-14T09:26:53Z'), '2025-03-14 09:26 UTC');
  assert.equal(formatDate('2025-03-14T09:26:53+02:00', 'date'), '2025-03-14');
  assert.equal(formatDate('soon_ish'), 'soon\\_ish');
  assert.equal(formatDate(undefined), '—');
});

test('formatLink: only http(s) URLs become links; the text is escaped and kept on one line', () => {
  assert.equal(formatLink('run 42', 'https://github.com/acme/x/actions/runs/42'), '[run 42](https://github.com/acme/x/actions/runs/42)');
  assert.equal(formatLink('x', 'javascript:alert(1)'), 'x');
  assert.equal(formatLink('[x]', 'not a url'), '\\[x\\]');
  assert.equal(formatLink('a\nb', 'https://e.example/p(1) q'), '[a b](https://e.example/p%281%29%20q)');
});

test('markerValue: percent-encoded so it cannot end the comment or add a key', () => {
  assert.equal(markerValue('churn'), 'churn');
  assert.equal(markerValue('churn-v2_a.b'), 'churn-v2_a.b');
  assert.equal(markerValue('evil --> <b> x=1'), 'evil%20--%3E%20%3Cb%3E%20x%3D1');
});
