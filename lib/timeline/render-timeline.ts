/**
 * The lifecycle on one static page: a chart and a table of every event, the rendered PR comment, drift issue and
 * registry dashboard, and the flow metrics with charts. Self-contained (inline CSS and SVG, no script) and locked
 * down by a Content-Security-Policy that allows no network request at all.
 */
import type { FlowMetrics } from '../metrics/types.js';
import { metricRows } from '../metrics/format-metrics.js';
import { scrapReasons } from '../metrics/types.js';
import { escapeHtml } from './escape-html.js';
import type { Lifecycle } from './lifecycle.js';
import { pageStyle } from './page-style.js';
import { renderMarkdown } from './render-markdown.js';
import { barChart, laneChart } from './svg-charts.js';

/** What the page is made of; every part but the lifecycle is optional (the page says what is missing). */
export interface TimelineInput {
  lifecycle: Lifecycle;
  prComment?: string;
  driftIssue?: string;
  dashboard?: string;
  metrics?: FlowMetrics;
  title?: string;
  /** When the page was made (ISO 8601); shown in the footer. */
  generatedAt?: string;
  toolVersion?: string;
}

/** The sections, in page order: id and heading (the browser test looks for these). */
export const timelineSections = [
  ['timeline', 'Lifecycle timeline'],
  ['pr-comment', 'Evaluation comment on the pull request'],
  ['drift-issue', 'Drift incident'],
  ['dashboard', 'Registry dashboard'],
  ['flow-metrics', 'Flow metrics'],
] as const;

const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function detailText(detail: unknown): string {
  if (detail === undefined) return '';
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

function timelineSection(lifecycle: Lifecycle): string {
  const start = Date.parse(lifecycle.startedAt);
  const stages = [...new Set(lifecycle.events.map((e) => e.stage))];
  const failed = new Set(lifecycle.events.filter((e) => e.step === 'failed').map((e) => e.stage));
  const chart = laneChart(lifecycle.events.map((e) => ({ lane: e.stage, t: Math.max(0, Date.parse(e.at) - start), label: e.step, failed: e.step === 'failed' })), { title: 'events per stage over time' });
  const summary = stages.map((s) => `<li><strong>${escapeHtml(s)}</strong> <span class="verdict ${failed.has(s) ? 'bad">failed' : 'ok">ok'}</span></li>`).join('');
  const rows = lifecycle.events.map((e) => `<tr${e.step === 'failed' ? ' class="failed"' : ''}><td>+${((Date.parse(e.at) - start) / 1000).toFixed(1)} s</td><td>${escapeHtml(e.stage)}</td><td>${escapeHtml(e.step)}</td><td class="detail">${escapeHtml(detailText(e.detail))}</td></tr>`).join('');
  return [
    `<p>${lifecycle.events.length} events in ${stages.length} stages, started ${escapeHtml(lifecycle.startedAt)}.</p>`,
    `<ul class="stages">${summary}</ul>`,
    `<figure>${chart}<figcaption>Each dot is an event; red ones are failures.</figcaption></figure>`,
    `<table class="events"><thead><tr><th>time</th><th>stage</th><th>step</th><th>detail</th></tr></thead><tbody>${rows}</tbody></table>`,
  ].join('\n');
}

function markdownSection(markdown: string | undefined, missing: string): string {
  return markdown === undefined ? `<p class="absent">${escapeHtml(missing)}</p>` : `<div class="markdown">${renderMarkdown(markdown)}</div>`;
}

function metricsSection(m: FlowMetrics | undefined): string {
  if (!m) return '<p class="absent">No flow metrics were computed in this run (<code>mlops metrics --format json</code> writes them).</p>';
  const cards = metricRows(m).map(([k, v]) => `<div class="card"><div class="k">${escapeHtml(k)}</div><div class="v">${escapeHtml(v.split(' — ')[0]!.split(';')[0]!)}</div><div class="k">${escapeHtml(v)}</div></div>`).join('');
  const charts = [
    ['Versions reaching production per week', barChart(m.throughput.weekly.map((w) => ({ label: w.weekStart.slice(5), value: w.versions })), { title: 'throughput per week', unit: 'versions' })],
    ['Cycle time per version (hours)', barChart(m.cycleTime.samples.map((s) => ({ label: `${s.model} ${s.version}`, value: Number(s.hours.toFixed(2)) })), { title: 'cycle time per version', unit: 'h' })],
    ['Scrapped candidates by reason', barChart(scrapReasons.map((r) => ({ label: r, value: m.scrap.byReason[r] })), { title: 'scrap by reason', unit: 'candidates' })],
  ].map(([caption, svg]) => `<figure>${svg}<figcaption>${escapeHtml(caption!)}</figcaption></figure>`).join('');
  return `<div class="cards">${cards}</div><div class="charts">${charts}</div>`;
}

/** Renders the whole page (pure: the same input gives the same bytes). */
export function renderTimeline(input: TimelineInput): string {
  const title = input.title ?? 'gh-mlops lifecycle';
  const bodies: Record<(typeof timelineSections)[number][0], string> = {
    timeline: timelineSection(input.lifecycle),
    'pr-comment': markdownSection(input.prComment, 'No pull request comment was captured in this run.'),
    'drift-issue': markdownSection(input.driftIssue, 'No drift issue was captured in this run.'),
    dashboard: markdownSection(input.dashboard, 'No registry dashboard was captured in this run.'),
    'flow-metrics': metricsSection(input.metrics),
  };
  const nav = timelineSections.map(([id, heading]) => `<a href="#${id}">${escapeHtml(heading)}</a>`).join('');
  const sections = timelineSections.map(([id, heading]) => `<section id="${id}" data-section="${id}"><h2>${escapeHtml(heading)}</h2>\n${bodies[id]}\n</section>`).join('\n');
  const footer = `Generated ${escapeHtml(input.generatedAt ?? input.lifecycle.startedAt)}${input.toolVersion ? ` by gh-mlops ${escapeHtml(input.toolVersion)}` : ''}.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>Pull requests as experiment reviews, Actions as pipelines, Releases as the registry — one run, start to end.</p></header>
<nav>${nav}</nav>
<main>
${sections}
</main>
<footer>${footer}</footer>
</body>
</html>
`;
}
