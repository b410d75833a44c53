/** Flow metrics as text for a terminal and as markdown for an issue, a job summary or the timeline page. */
import { scrapReasons, type FlowMetrics, type Spread } from './types.js';

const hours = (h: number | null) => (h === null ? '—' : h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`);
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
const money = (usd: number | null) => (usd === null ? '—' : `$${usd.toFixed(2)}`);
const num = (n: number | null, digits = 2) => (n === null ? '—' : n.toFixed(digits));
const spreadText = (s: Spread) => `median ${hours(s.median)}, p90 ${hours(s.p90)} (n=${s.count})`;

/** The headline rows: [label, value] pairs shared by both formats. */
export function metricRows(m: FlowMetrics): Array<[string, string]> {
  const reasons = scrapReasons.map((r) => `${r} ${m.scrap.byReason[r]}`).join(', ');
  return [
    ['Cycle time (PR opened → production)', spreadText(m.cycleTime)],
    ['Throughput (versions to production)', `${m.throughput.versions} in ${num(m.window.days, 1)} days = ${num(m.throughput.perWeek)} / week`],
    ['Scrap rate (candidates)', `${percent(m.scrap.rate)} — ${m.scrap.scrapped} scrapped, ${m.scrap.shipped} shipped, ${m.scrap.inProgress} in progress (${reasons})`],
    ['Scrap rate (training runs)', `${percent(m.scrap.trainingRuns.rate)} of ${m.scrap.trainingRuns.total} runs`],
    ['Change-failure rate', `${percent(m.changeFailure.rate)} — ${m.changeFailure.rollbacks} rollbacks / ${m.changeFailure.promotions} promotions`],
    ['Drift time to resolve', `${spreadText(m.drift.hoursToResolve)}; ${m.drift.opened} opened, ${m.drift.resolved} resolved, ${m.drift.open} open`],
    ['GPU per production version', `${num(m.cost.gpuHoursPerVersion)} GPU-h, ${money(m.cost.usdPerVersion)} (total ${num(m.cost.gpuHours)} GPU-h, ${money(m.cost.usd)} over ${m.cost.trainingRuns} runs)`],
  ];
}

function heading(m: FlowMetrics): string {
  return `Flow metrics ${m.model === null ? 'for every model' : `for ${m.model}`}, ${m.window.since.slice(0, 10)} → ${m.window.until.slice(0, 10)} (production stage: ${m.productionStage})`;
}

/** Plain text, one metric per line. */
export function metricsText(m: FlowMetrics): string {
  const rows = metricRows(m);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [heading(m), ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n') + '\n';
}

/** Escapes text for a markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown: a heading, the metric table and the weekly throughput. */
export function metricsMarkdown(m: FlowMetrics): string {
  const lines = [`### ${cell(heading(m))}`, '', '| metric | value |', '|---|---|', ...metricRows(m).map(([l, v]) => `| ${cell(l)} | ${cell(v)} |`)];
  if (m.throughput.weekly.length > 0) {
    lines.push('', '| week of | versions to production |', '|---|---:|', ...m.throughput.weekly.map((w) => `| ${w.weekStart} | ${w.versions} |`));
  }
  return lines.join('\n') + '\n';
}
