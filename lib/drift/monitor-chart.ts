/**
 * The job summary's chart: a Mermaid `xychart-beta` of drift scores (statistic in threshold units, 1 = at the
 * threshold) over the retained windows, one line per column for the few columns that matter most. GitHub renders
 * Mermaid in job summaries; xychart lines carry no legend, so a caption lists the columns in line order.
 */
import type { HistoryWindow } from './monitor-history.js';

/** At most this many lines. */
export const CHART_MAX_LINES = 4;

/** The Markdown (a mermaid fence and its caption) for the windows, or '' with fewer than two windows. */
export function renderDriftChart(windows: readonly HistoryWindow[]): string {
  if (windows.length < 2) return '';
  const columns = new Map<string, number>();
  for (const w of windows) for (const c of w.columns) columns.set(c.column, Math.max(columns.get(c.column) ?? 0, c.score));
  const chosen = [...columns].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CHART_MAX_LINES).map(([name]) => name);
  const label = (s: string) => `"${s.replace(/["\\\n\r]/g, ' ')}"`;
  const top = Math.max(1.5, Math.ceil(Math.max(...chosen.map((c) => columns.get(c)!)) * 2) / 2);
  const lines = [
    '```mermaid',
    'xychart-beta',
    '    title "Drift score by window (1 = threshold)"',
    `    x-axis [${windows.map((w) => label(w.label)).join(', ')}]`,
    `    y-axis "score" 0 --> ${top}`,
    ...chosen.map((name) => `    line [${windows.map((w) => round(w.columns.find((c) => c.column === name)?.score ?? 0)).join(', ')}]`),
    '```',
    '',
    `Lines, in order: ${chosen.map((c) => `\`${c.replace(/`/g, "'")}\``).join(', ')}.`,
  ];
  return lines.join('\n');
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
