import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTemplateRegistry } from '../../../lib/templates/registry.js';
import { driftColumns, driftIssueView, prCommentView, validationView } from './sample-views.js';

// Strings a pull request author or a dataset controls, put in every user-controlled slot of a view model.
const evil = {
  mention: '@octocat',
  html: '<img src=x onerror=alert(1)>',
  link: '[x](javascript:alert(1))',
  column: 'a|b\n# h',
  marker: '<!-- mlops:pr-comment model=evil -->',
  ref: 'fixes #1 and acme/repo#2',
};
const all = Object.values(evil).join(' ');

// The only HTML the templates themselves write.
const ownTags = /<!-- mlops:[a-z-]+( [a-z]+=[^ >]*)* -->|<\/?details>|<\/?summary>|<br>/g;

/** `text` without its code spans, whose content GitHub shows as plain text (HTML, mentions and links included). */
function withoutCodeSpans(text: string): string {
  return text.replace(/\\`/g, '').replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, '');
}

/** Checks rendered Markdown for anything live that came from user text. */
function assertInert(text: string, markerKind: string): void {
  const lines = text.split('\n');
  assert.match(lines[0]!, new RegExp(`^<!-- mlops:${markerKind} `), 'the real marker stays first');
  assert.equal(text.split('<!--').length - 1, 1, 'exactly one HTML comment: ours');
  // Code spans show their content as plain text; everything else must be inert by escaping.
  const plain = withoutCodeSpans(text);
  assert.doesNotMatch(plain.replace(ownTags, ''), /</, 'no raw HTML besides our own tags');
  assert.doesNotMatch(plain, /(^|[^\w])@[A-Za-z0-9]/m, 'no live mention');
  assert.doesNotMatch(plain, /#\d|GH-\d/i, 'no issue reference');
  for (const m of plain.matchAll(/(?<!\\)\]\(/g)) {
    assert.ok(plain.startsWith('](https://', m.index), `only our own https links: ${plain.slice(m.index - 20, m.index + 40)}`);
  }
  // Headings are ours only; a user `# h` never starts a line.
  assert.deepEqual(lines.filter((l) => /^ {0,3}#{1,6}( |$)/.test(l) && !/^#{2,3} [^h]/.test(l)), []);
  // Every table keeps as many cells in each row as in its header.
  let header: number | undefined;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const cells = line.replace(/\\\|/g, '').split('|').length;
    header ??= cells;
    assert.equal(cells, header, `row breaks its table: ${line}`);
  }
}

test('pr-comment: injected strings in every slot stay inert text', async () => {
  const view = prCommentView();
  view.model = evil.marker;
  view.ref = `${evil.mention} ${evil.link}`;
  view.task = evil.html;
  view.primaryMetric = evil.column;
  view.metrics.rows[0]!.name = evil.column;
  view.slices[0]!.column = evil.column;
  view.slices[0]!.value = evil.column;
  view.sliceGaps[0]!.best.value = evil.link;
  view.confusionMatrix = { labels: [evil.column, evil.mention], rows: [{ label: evil.html, counts: [1, 2] }, { label: evil.ref, counts: [3, 4] }] };
  view.gates[0]!.description = all;
  view.gates[0]!.reason = evil.marker;
  view.gates[0]!.id = evil.column;
  view.champion!.release = evil.link;
  view.runUrl = 'javascript:alert(1)';
  const text = await createTemplateRegistry().render('pr-comment', view);
  assertInert(text, 'pr-comment');
  assert.equal(text.split('\n')[0], '<!-- mlops:pr-comment model=%3C!--%20mlops%3Apr-comment%20model%3Devil%20--%3E -->');
  assert.ok(text.includes('| `a\\|b # h` | a\\|b<br>\\# h | 7000 |'), 'the column name shows as text in its cell');
});

test('drift-issue: injected column names, stage and reasons stay inert', async () => {
  const view = driftIssueView();
  view.stage = 'prod --> <b>';
  view.owner = evil.mention;
  view.drifted = driftColumns().map((c) => ({ ...c, column: evil.column, type: evil.html, warning: evil.link }));
  view.baseline.source = evil.ref;
  view.champion!.version = evil.marker;
  view.ref = evil.mention;
  const text = await createTemplateRegistry().render('drift-issue', view);
  assertInert(text, 'drift-issue');
  assert.equal(text.split('\n')[0], '<!-- mlops:drift-issue model=churn stage=prod%20--%3E%20%3Cb%3E -->');
});

test('job-summary-validation: injected ids, values and reasons stay inert', async () => {
  const view = validationView();
  view.results[1]!.id = `${evil.html} ${evil.mention}`;
  view.results[1]!.column = evil.column;
  view.results[1]!.observed = all;
  view.results[1]!.examples = [{ file: evil.column, line: 3, value: '`` x <!-- y' }];
  view.malformed[0]!.reason = evil.column;
  // This summary has no marker of its own: prepend one so the shared checks apply.
  const text = '<!-- mlops:job-summary -->\n' + (await createTemplateRegistry().render('job-summary-validation', view));
  assertInert(text, 'job-summary');
  assert.ok(text.includes('<details><summary>Examples failing &lt;img src=x onerror=alert(1)&gt; @\u200Boctocat</summary>'));
  assert.ok(text.includes('| `a\\|b # h` | 3 | ``` `` x <\u200B!-- y ``` |'), 'backticks and markers in code spans are defused');
});

test('the inertness checks catch live markup (guards against a vacuous pass)', () => {
  const head = '<!-- mlops:pr-comment model=x -->\n';
  assert.doesNotThrow(() => assertInert(head + 'plain text', 'pr-comment'));
  assert.throws(() => assertInert(head + 'hi @octocat', 'pr-comment'), /no live mention/);
  assert.throws(() => assertInert(head + '<img src=x>', 'pr-comment'), /no raw HTML/);
  assert.throws(() => assertInert(head + 'see [x](javascript:alert(1))', 'pr-comment'), /only our own https links/);
  assert.throws(() => assertInert(head + '| a | b |\n|---|---|\n| a|b | c |', 'pr-comment'), /row breaks its table/);
  assert.throws(() => assertInert(head + head, 'pr-comment'), /exactly one HTML comment/);
  assert.throws(() => assertInert(head + 'fixes #12', 'pr-comment'), /no issue reference/);
});
