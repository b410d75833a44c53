import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegexSafety } from '../../../lib/validation/regex-safety.js';

test('regex safety: the classic catastrophic shapes are refused, with the offset of the offending part', () => {
  assert.deepEqual(checkRegexSafety('^(a+)+$'), {
    message: "the quantifier 'a+' is nested in a repetition and can match what follows it (catastrophic backtracking, as in (a+)+)",
    offset: 2,
  });
  assert.deepEqual(checkRegexSafety('(a|a)*'), { message: "the alternatives 'a' and 'a' can match the same text inside a repetition (catastrophic backtracking)", offset: 1 });
  assert.equal(checkRegexSafety('(.*a){12}')?.offset, 1);
  assert.equal(checkRegexSafety('^(\\w+\\s?)*$')?.offset, 2);
  assert.equal(checkRegexSafety('(\\d|[0-9a-f])+')?.offset, 1);
  assert.equal(checkRegexSafety('(?:a{1,3})+')?.offset, 3);
  assert.equal(checkRegexSafety('^([a-z0-9]+\\.?)*@x$')?.offset, 2);
  assert.equal(checkRegexSafety('(A+)+', true)?.offset, 1);
});

test('regex safety: patterns people write for data pass', () => {
  for (const p of ['^C\\d{6}$', '^\\d{4}-\\d{2}-\\d{2}$', '^(\\d+\\.){3}\\d+$', '(ab+)+', '(cat|car)+', '^[a-z]+@[a-z]+\\.com$', '^(?=.*\\d)\\w+$', '(?<code>[A-Z]{2})-\\d+', '^[\\p{L} ]+$']) {
    assert.equal(checkRegexSafety(p), undefined, p);
  }
});

test('regex safety: backreferences and invalid syntax are refused', () => {
  assert.deepEqual(checkRegexSafety('(a)\\1'), { message: 'backreferences are not supported in schema patterns', offset: 3 });
  assert.equal(checkRegexSafety('[a-')?.message.startsWith('not a valid regular expression'), true);
});

test('regex safety: a refused pattern really is slow, and an accepted rewrite is fast', () => {
  const input = 'a'.repeat(22) + '!';
  let start = performance.now();
  /^a+$/.test(input);
  assert.ok(performance.now() - start < 50);
  start = performance.now();
  /^(a+)+$/.test(input);
  // 2^22 backtracking steps: far slower than the linear rewrite (guards the premise of the check, not its speed).
  assert.ok(performance.now() - start > 20);
});
