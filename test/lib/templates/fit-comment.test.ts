import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitComment, githubBodyLimit, truncationNote } from '../../../lib/templates/fit-comment.js';

const url = 'https://github.com/acme/churn/actions/runs/42';
const note = truncationNote(url);

test('the note names the full report', () => {
  assert.equal(note, '… truncated: full report at https://github.com/acme/churn/actions/runs/42');
  assert.equal(note.length, 73);
  assert.equal(githubBodyLimit, 65536);
});

test('text that fits is returned unchanged, exactly at the limit too', () => {
  assert.equal(fitComment('abc\ndef', { limit: 7, fullReportUrl: url }), 'abc\ndef');
  assert.equal(fitComment('x'.repeat(65536), { fullReportUrl: url }), 'x'.repeat(65536));
});

test('cuts at the last whole line that leaves room for a blank line and the note', () => {
  const text = ['0123456789', 'abcdefghij', 'ABCDEFGHIJ', 'z'.repeat(200)].join('\n'); // 233 characters
  // Two lines (21) + "\n\n" (2) + note (73) = 96.
  assert.equal(fitComment(text, { limit: 96, fullReportUrl: url }), `0123456789\nabcdefghij\n\n${note}`);
  assert.equal(fitComment(text, { limit: 95, fullReportUrl: url }), `0123456789\n\n${note}`);
  assert.equal(fitComment(text, { limit: 95, fullReportUrl: url }).length, 85);
  assert.equal(fitComment(text, { limit: 107, fullReportUrl: url }), `0123456789\nabcdefghij\nABCDEFGHIJ\n\n${note}`);
});

test('never cuts inside a code fence when a cut outside fits', () => {
  const text = ['intro', '```', 'code 1', 'code 2', '```', 'z'.repeat(200)].join('\n');
  // Cutting after "code 1" would fit (16 + closing fence 4 + 2 + 73 = 95) but is inside the fence: cut after "intro".
  assert.equal(fitComment(text, { limit: 101, fullReportUrl: url }), `intro\n\n${note}`);
  // With room for the whole block (27 + 2 + 73 = 102) it is kept.
  assert.equal(fitComment(text, { limit: 102, fullReportUrl: url }), `intro\n\`\`\`\ncode 1\ncode 2\n\`\`\`\n\n${note}`);
});

test('inside a fence only when nothing else fits, and then the fence is closed', () => {
  const text = ['~~~~', 'a'.repeat(10), 'b'.repeat(10), '~~~~', 'z'.repeat(200)].join('\n');
  const result = fitComment(text, { limit: 100, fullReportUrl: url });
  assert.equal(result, `~~~~\n${'a'.repeat(10)}\n~~~~\n\n${note}`);
  assert.equal(result.length, 95);
});

test('table rows are kept whole and open <details> blocks are closed before the note', () => {
  const rows = Array.from({ length: 50 }, (_, i) => `| row ${String(i).padStart(2, '0')} | ${'x'.repeat(20)} |`);
  const text = ['<details><summary>Slices</summary>', '', '| a | b |', '|---|---|', ...rows, '', '</details>'].join('\n');
  const result = fitComment(text, { limit: 400, fullReportUrl: url });
  const lines = result.split('\n');
  assert.ok(result.length <= 400);
  assert.deepEqual(lines.slice(-5), [lines.at(-5)!, '', '</details>', '', note]);
  assert.match(lines.at(-5)!, /^\| row \d\d \| x{20} \|$/);
  assert.equal(result.length, 380); // 7 rows: 55 + 34·7 = 293, + 12 closing + 2 + 73
});

test('the result never exceeds the limit', () => {
  const text = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? '```' : `line ${i} ${'y'.repeat(i % 40)}`)).join('\n');
  assert.equal(text.length, 7497);
  for (const limit of [80, 100, 500, 1000, 4000, 7496]) {
    const result = fitComment(text, { limit, fullReportUrl: url });
    assert.ok(result.length <= limit, `${result.length} > ${limit}`);
    assert.ok(result.endsWith(note));
  }
});

test('when not even the note fits, the note is cut to the limit', () => {
  assert.equal(fitComment('x'.repeat(100), { limit: 10, fullReportUrl: url }), '… truncate');
});
