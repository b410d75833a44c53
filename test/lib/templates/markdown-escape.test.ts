import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, escapeMarkdownTableCell, inlineCode } from '../../../lib/templates/markdown-escape.js';

const zw = '\u200B';

test('escapeMarkdown: mentions get a zero-width space after @ (a backslash would not stop GitHub notifying)', () => {
  assert.equal(escapeMarkdown('@octocat'), `@${zw}octocat`);
  assert.equal(escapeMarkdown('ping @acme/ml-team'), `ping @${zw}acme/ml-team`);
  assert.equal(escapeMarkdown('a@b.com'), `a@${zw}b.com`);
});

test('escapeMarkdown: issue references #123, GH-123, owner/repo#1 are broken', () => {
  assert.equal(escapeMarkdown('fixes #123'), `fixes #${zw}123`);
  assert.equal(escapeMarkdown('see GH-42 and gh-7'), `see GH-${zw}42 and gh-${zw}7`);
  assert.equal(escapeMarkdown('acme/repo#1'), `acme/repo#${zw}1`);
  assert.equal(escapeMarkdown('a#b'), 'a#b');
});

test('escapeMarkdown: HTML becomes entities, so <!-- cannot open a comment', () => {
  assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert\\(1\\)&gt;');
  assert.equal(escapeMarkdown('a & b'), 'a &amp; b');
  assert.equal(escapeMarkdown('&#64;octocat'), `&amp;#${zw}64;octocat`);
  assert.equal(escapeMarkdown('<!-- mlops:pr-comment model=evil -->'), '&lt;\\!-- mlops:pr-comment model=evil --&gt;');
});

test('escapeMarkdown: links, images and autolinks are neutralised', () => {
  assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\]\\(javascript:alert\\(1\\)\\)');
  assert.equal(escapeMarkdown('![i](u)'), '\\!\\[i\\]\\(u\\)');
  assert.equal(escapeMarkdown('https://evil.example'), `https:${zw}//evil.example`);
  assert.equal(escapeMarkdown('www.evil.example'), `www${zw}.evil.example`);
});

test('escapeMarkdown: emphasis, code, strikethrough, math, pipes and backslashes', () => {
  assert.equal(escapeMarkdown('*a* _b_ `c` ~d~ $e$ f|g \\h'), '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\$e\\$ f\\|g \\\\h');
  assert.equal(escapeMarkdown('churn-v2.1'), 'churn-v2.1');
});

test('escapeMarkdown: block markers at the start of any line', () => {
  assert.equal(escapeMarkdown('# h'), '\\# h');
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('+ item'), '\\+ item');
  assert.equal(escapeMarkdown('> quote'), '&gt; quote');
  assert.equal(escapeMarkdown('1. first'), '1\\. first');
  assert.equal(escapeMarkdown('a\n  ## b\n==='), 'a\n  \\## b\n\\===');
  assert.equal(escapeMarkdown('1.'), '1\\.');
  assert.equal(escapeMarkdown('---'), '\\---');
  assert.equal(escapeMarkdown('#tag'), '#tag');
  // Not block markers: numbers and versions stay readable.
  assert.equal(escapeMarkdown('-0.5'), '-0.5');
  assert.equal(escapeMarkdown('0.1.0'), '0.1.0');
});

test('escapeMarkdownTableCell: pipes escaped, line breaks become <br>', () => {
  assert.equal(escapeMarkdownTableCell('a|b\n# h'), 'a\\|b<br>\\# h');
  assert.equal(escapeMarkdownTableCell('x\r\ny\rz'), 'x<br>y<br>z');
  assert.equal(escapeMarkdownTableCell('@bob'), `@${zw}bob`);
});

test('inlineCode: the fence is longer than any backtick run inside', () => {
  assert.equal(inlineCode('main'), '`main`');
  assert.equal(inlineCode('a`b'), '``a`b``');
  assert.equal(inlineCode('a``b`c'), '```a``b`c```');
  assert.equal(inlineCode('`x`'), '`` `x` ``');
  assert.equal(inlineCode(' x '), '`  x  `');
  assert.equal(inlineCode(''), '` `');
});

test('inlineCode: line breaks become spaces, marker look-alikes are broken, pipes escaped in cells', () => {
  assert.equal(inlineCode('a\nb\r\nc'), '`a b c`');
  assert.equal(inlineCode('<!-- mlops:x -->'), `\`<${zw}!-- mlops:x -->\``);
  assert.equal(inlineCode('a|b'), '`a|b`');
  assert.equal(inlineCode('a|b', { tableCell: true }), '`a\\|b`');
});
