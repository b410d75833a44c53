// Escaping gaps found in review: each test pins the exact output of a case the first tests did not cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdownEnvironment } from '../../../lib/templates/environment.js';
import { formatLink, formatNumber } from '../../../lib/templates/format.js';
import { escapeHtmlText, escapeMarkdown, inlineCode } from '../../../lib/templates/markdown-escape.js';

test('escapeHtmlText keeps a value on one line: a blank line would end <summary>’s HTML block and make the rest live Markdown', () => {
  assert.equal(escapeHtmlText('id\n\n[x](/acme/repo/settings)\r\n# h'), 'id  [x](/acme/repo/settings) # h');
  const env = createMarkdownEnvironment();
  assert.equal(env.compile('<details><summary>{{html x}}</summary>')({ x: 'a\n\n**b**' }), '<details><summary>a  **b**</summary>');
});

test('{{x}} turns line breaks into <br>, so a value cannot break the table row (or list item) an override puts it in', () => {
  const env = createMarkdownEnvironment();
  assert.equal(env.compile('| {{x}} | {{fmt s}} | {{join list}} |')({ x: 'a\n| b |', s: 'q\r\nr', list: ['u\nv', 'w'] }),
    '| a<br>\\| b \\| | q<br>r | u<br>v, w |');
  assert.equal(env.compile('- {{x}}')({ x: 'one\n\n# two' }), '- one<br><br>\\# two');
});

test('formatLink percent-encodes | so a URL cannot split its table cell', () => {
  assert.equal(formatLink('v1', 'https://github.com/a/b/releases/tag/v1|https://evil.example'),
    '[v1](https://github.com/a/b/releases/tag/v1%7Chttps://evil.example)');
});

test('invisible controls and bidi overrides show as U+FFFD instead of reordering or hiding text', () => {
  assert.equal(escapeMarkdown('ok\u202Edeliaf\u0007'), 'ok\uFFFDdeliaf\uFFFD');
  assert.equal(escapeHtmlText('a\u2066b\u0000'), 'a\uFFFDb\uFFFD');
  assert.equal(inlineCode('x\u202Ey'), '`x\uFFFDy`');
  assert.equal(escapeMarkdown('tab\there'), 'tab\there');
});

test('formatNumber shows a non-number on one line', () => {
  assert.equal(formatNumber('n/a\nmore'), 'n/a<br>more');
});
