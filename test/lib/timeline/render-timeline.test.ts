import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FlowMetrics } from '../../../lib/metrics/types.js';
import { parseLifecycle } from '../../../lib/timeline/lifecycle.js';
import { renderMarkdown } from '../../../lib/timeline/render-markdown.js';
import { renderTimeline, timelineSections } from '../../../lib/timeline/render-timeline.js';
import { barChart } from '../../../lib/timeline/svg-charts.js';

const fixture = (name: string) => readFileSync(`fixtures/timeline/${name}`, 'utf8');
const lifecycle = parseLifecycle(fixture('sample-lifecycle.json'), 'sample-lifecycle.json');
const full = renderTimeline({
  lifecycle, prComment: fixture('pr-comment.md'), driftIssue: fixture('drift-issue.md'), dashboard: fixture('dashboard.md'),
  metrics: JSON.parse(fixture('metrics.json')) as FlowMetrics, generatedAt: '2026-11-23T09:10:00.000Z', toolVersion: '0.1.0',
});

test('every section is on the page, in order, with the lifecycle chart and one table row per event', () => {
  const positions = timelineSections.map(([id]) => full.indexOf(`<section id="${id}"`));
  assert.ok(positions.every((p) => p > 0));
  assert.deepEqual([...positions].sort((a, b) => a - b), positions);
  assert.equal((full.match(/<tr[ >]/g) ?? []).length - (full.match(/<thead>/g) ?? []).length, lifecycle.events.length + 3 /* PR comment table */ + 2 /* slices */ + 2 /* drift */ + 1 /* dashboard */);
  assert.equal((full.match(/<circle class="dot/g) ?? []).length, lifecycle.events.length);
  assert.equal((full.match(/<circle class="dot failed"/g) ?? []).length, 1);
  assert.match(full, /18 events in 11 stages/);
});

test('untrusted text is escaped or removed: no script, no javascript: link, no remote image', () => {
  assert.ok(!/<script/i.test(full), 'no script element');
  assert.match(full, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the event detail shows the text, escaped');
  assert.ok(!full.includes('javascript:'));
  assert.ok(!full.includes('img.shields.io'), 'the remote badge is dropped');
  assert.ok(!full.includes('mlops:evaluation churn'), 'hidden markers (HTML comments) are dropped');
  assert.match(full, /<a href="https:\/\/github\.com\/acme\/churn-model\/actions\/runs\/4242" rel="noopener noreferrer">Run 4242<\/a>/);
  assert.match(full, /<details><summary>Slices<\/summary>/);
});

test('the page can load nothing: a CSP that allows no network, and no resource-loading attribute pointing out', () => {
  assert.match(full, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;/);
  assert.deepEqual(full.match(/\b(src|srcset|poster|data)=["']?https?:/gi), null);
  assert.deepEqual(full.match(/<link\b|<iframe\b|<object\b|<embed\b|@import|url\(/gi), null);
});

test('the page is deterministic, and says what was not produced', () => {
  const minimal = renderTimeline({ lifecycle });
  assert.equal(minimal, renderTimeline({ lifecycle }));
  assert.match(minimal, /No pull request comment was captured in this run\./);
  assert.match(minimal, /No flow metrics were computed in this run/);
});

test('renderMarkdown keeps data: images and drops every other image source', () => {
  assert.equal(renderMarkdown('![a](data:image/png;base64,AAAA)'), '<p><img src="data:image/png;base64,AAAA" alt="a" /></p>\n');
  assert.equal(renderMarkdown('![a](https://example.com/x.png) text'), '<p> text</p>\n');
  assert.equal(renderMarkdown('<img src="//example.com/x.png">'), '');
});

test('barChart scales bars to the largest value and escapes labels', () => {
  const svg = barChart([{ label: '<a>', value: 2 }, { label: 'b', value: 1 }], { title: 't', width: 200, height: 100 });
  // plot height 100 − 20 − 40 = 40: the larger bar is 40 high, the other 20
  assert.match(svg, /height="40\.0"><title>&lt;a&gt;: 2<\/title>/);
  assert.match(svg, /height="20\.0"><title>b: 1<\/title>/);
  assert.match(barChart([], { title: 't' }), />no data</);
});

test('parseLifecycle says which field is wrong', () => {
  assert.throws(() => parseLifecycle('{"startedAt":"2026-11-23T09:00:00Z","events":[{"at":"x","stage":"s","step":"t"}]}', 'l.json'), /l\.json: events\[0\]\.at must be an ISO 8601 time/);
  assert.throws(() => parseLifecycle('[', 'l.json'), /l\.json: not JSON/);
  assert.throws(() => parseLifecycle('{"events":[]}', 'l.json'), /startedAt must be an ISO 8601 time/);
});
