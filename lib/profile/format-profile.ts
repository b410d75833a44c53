/** Human-readable views of a profile: a compact per-column table for the terminal and a Markdown table for job summaries. */
import type { ColumnProfile, ProfileBody } from '../contracts/profile.js';
import { KllSketch, type KllState } from '../sketches/kll.js';

const headers = ['column', 'type', 'count', 'missing', 'distinct', 'min', 'max', 'mean', 'p50', 'top'];

/** The terminal table: a header line, one aligned line per column, and a summary line. */
export function formatProfileText(body: ProfileBody): string[] {
  const rows = [headers, ...body.columns.map(cells)];
  const widths = headers.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.push(`${body.rows} rows, ${body.columns.length} columns, fingerprint ${body.fingerprint}`);
  return lines;
}

/** The Markdown table (pipes in values escaped). */
export function formatProfileMarkdown(body: ProfileBody): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`];
  for (const c of body.columns) lines.push(`| ${cells(c).map(escape).join(' | ')} |`);
  lines.push('', `${body.rows} rows, ${body.columns.length} columns, fingerprint \`${body.fingerprint}\``);
  return lines.join('\n');
}

function cells(c: ColumnProfile): string[] {
  const distinct = `${c.distinct.exact ? '' : '~'}${c.distinct.estimate}`;
  const top = c.topK?.items[0];
  const median = c.quantiles && typeof c.quantiles.state === 'object' ? medianOf(c) : undefined;
  return [
    c.name,
    c.type,
    String(c.count),
    String(c.missing),
    distinct,
    show(c.min),
    show(c.max),
    c.mean === undefined ? '' : short(c.mean),
    median ?? '',
    top === undefined ? '' : `${show(top.value)} (${top.count})`,
  ];
}

function medianOf(c: ColumnProfile): string | undefined {
  const sketch = KllSketch.fromJSON(c.quantiles!.state as unknown as KllState);
  if (sketch.n === 0) return undefined;
  const median = sketch.quantile(0.5);
  return c.type === 'datetime' ? new Date(median).toISOString() : short(median);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return short(v);
  const s = String(v);
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

function short(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
