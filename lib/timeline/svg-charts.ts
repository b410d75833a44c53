/**
 * Small inline SVG charts for the timeline page, drawn by hand: the page must work offline with no script, so a chart
 * library that renders in the browser is not an option, and these are a few rectangles and labels.
 */
import { escapeHtml } from './escape-html.js';

/** One bar. */
export interface Bar {
  label: string;
  value: number;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** A vertical bar chart with value labels; `title` is the accessible name. */
export function barChart(bars: Bar[], options: { title: string; unit?: string; width?: number; height?: number }): string {
  const width = options.width ?? 480;
  const height = options.height ?? 200;
  const top = 20;
  const bottom = 40;
  const plot = height - top - bottom;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const slot = bars.length === 0 ? width : width / bars.length;
  const barWidth = Math.max(4, slot * 0.6);
  const parts = bars.map((b, i) => {
    const h = max === 0 ? 0 : (b.value / max) * plot;
    const x = i * slot + (slot - barWidth) / 2;
    const y = top + plot - h;
    const label = `${b.label}: ${fmt(b.value)}${options.unit ? ` ${options.unit}` : ''}`;
    return [
      `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(label)}</title></rect>`,
      `<text class="value" x="${(x + barWidth / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${escapeHtml(fmt(b.value))}</text>`,
      `<text class="label" x="${(x + barWidth / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(b.label)}</text>`,
    ].join('');
  });
  const empty = bars.length === 0 ? `<text class="label" x="${width / 2}" y="${height / 2}" text-anchor="middle">no data</text>` : '';
  return `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title><line class="axis" x1="0" y1="${top + plot}" x2="${width}" y2="${top + plot}"/>${parts.join('')}${empty}</svg>`;
}

/** A point on the lifecycle chart. */
export interface LanePoint {
  lane: string;
  /** Milliseconds since the start. */
  t: number;
  label: string;
  failed: boolean;
}

/** One row per lane (stage), one dot per event along a shared time axis. */
export function laneChart(points: LanePoint[], options: { title: string; width?: number }): string {
  const lanes = [...new Set(points.map((p) => p.lane))];
  const width = options.width ?? 900;
  const left = 150;
  const rowHeight = 28;
  const height = 30 + lanes.length * rowHeight;
  const span = Math.max(1, ...points.map((p) => p.t));
  const x = (t: number) => left + (t / span) * (width - left - 20);
  const rows = lanes.map((lane, i) => {
    const y = 20 + i * rowHeight + rowHeight / 2;
    const dots = points.filter((p) => p.lane === lane).map((p) => `<circle class="${p.failed ? 'dot failed' : 'dot'}" cx="${x(p.t).toFixed(1)}" cy="${y}" r="6"><title>${escapeHtml(`${lane} · ${p.label} (+${(p.t / 1000).toFixed(1)} s)`)}</title></circle>`);
    return `<text class="lane" x="0" y="${y + 4}">${escapeHtml(lane)}</text><line class="grid" x1="${left}" y1="${y}" x2="${width - 10}" y2="${y}"/>${dots.join('')}`;
  });
  return `<svg class="chart lanes" role="img" aria-label="${escapeHtml(options.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(options.title)}</title>${rows.join('')}<text class="label" x="${left}" y="${height - 2}">0 s</text><text class="label" x="${width - 20}" y="${height - 2}" text-anchor="end">${escapeHtml((span / 1000).toFixed(1))} s</text></svg>`;
}
