/** Renders benchmark results: the Markdown table kept between markers in bench/README.md. */
import type { BenchResult } from './types.js';

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

const number = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

/** Numeric details as `key value` pairs joined for one table cell (nested details stay in results.json). */
function detailCell(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${number(v as number)}`)
    .join(', ')
    .replace(/\|/g, '\\|');
}

/** The results table (header, one row per benchmark) and the machine line under it. */
export function renderTable(results: BenchResult[], machine: string): string {
  const rows = results.map((r) => {
    const status = r.ratio === undefined ? '' : r.ratio >= 1 ? ' ✅' : ' ❌';
    return `| ${r.name} | ${number(r.figure)} ${r.unit} | ${number(r.target)} ${r.unit} | ${r.ratio === undefined ? '–' : `${r.ratio}×${status}`} | ${detailCell(r.details)} |`;
  });
  return ['| Benchmark | Figure | Target | Ratio | Details |', '| --- | --- | --- | --- | --- |', ...rows, '', `Measured on ${machine}.`].join('\n');
}

/** `text` with everything between the markers replaced by `table`; throws when the markers are missing. */
export function replaceBetweenMarkers(text: string, table: string): string {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) throw new Error(`bench/README.md needs ${START_MARKER} … ${END_MARKER} markers`);
  return `${text.slice(0, start + START_MARKER.length)}\n${table}\n${text.slice(end)}`;
}
