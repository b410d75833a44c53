/**
 * Number, date and link formatting for templates. Every function returns Markdown that is safe to place anywhere
 * on a line (the helpers hand it to handlebars as already-escaped).
 */
import { escapeMarkdown, escapeMarkdownTableCell } from './markdown-escape.js';

/** Shown for a missing value. */
export const missingValue = '—';

/** `digits` decimals (3 when not given), `—` for null/undefined/NaN, `∞` for infinities; `-0.000` becomes `0.000`. */
export function formatNumber(value: unknown, digits?: number): string {
  if (value === null || value === undefined) return missingValue;
  if (typeof value !== 'number') return escapeMarkdownTableCell(String(value));
  if (Number.isNaN(value)) return missingValue;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (digits === undefined && Number.isInteger(value)) return String(value);
  const text = value.toFixed(digits ?? 3);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** A 0–1 fraction as a percentage with `digits` decimals (1 when not given): `0.1234` → `12.3%`. */
export function formatPercent(value: unknown, digits = 1): string {
  if (typeof value !== 'number') return formatNumber(value);
  const text = formatNumber(value * 100, digits);
  return Number.isFinite(value) ? `${text}%` : text;
}

/** A signed difference: `+0.012`, `-0.012`; `0.000` when it rounds to zero. */
export function formatDelta(value: unknown, digits?: number): string {
  const text = formatNumber(value, digits ?? 3);
  if (typeof value !== 'number' || !Number.isFinite(value)) return text;
  return /^[-0.]+$/.test(text) || text.startsWith('-') ? text : `+${text}`;
}

/** An interval as `[low, high]`, `—` when absent. */
export function formatInterval(interval: unknown, digits?: number): string {
  if (!Array.isArray(interval) || interval.length !== 2) return missingValue;
  return `[${formatNumber(interval[0], digits ?? 3)}, ${formatNumber(interval[1], digits ?? 3)}]`;
}

/** An ISO date-time as `2025-01-31 14:05 UTC` (`style` `date`: `2025-01-31`); unparseable text is shown escaped. */
export function formatDate(value: unknown, style: 'datetime' | 'date' = 'datetime'): string {
  if (value === null || value === undefined || value === '') return missingValue;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return escapeMarkdownTableCell(String(value));
  const iso = date.toISOString();
  return style === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * `[text](url)` when `url` is an absolute http(s) URL, otherwise just the escaped text: a view model can never
 * produce a `javascript:` link. The text stays on one line (links sit in table cells). Characters that would end the destination early are percent-encoded.
 */
export function formatLink(text: unknown, url: unknown): string {
  const label = escapeMarkdown(text === null || text === undefined ? String(url ?? '') : String(text)).replace(/\r\n|\r|\n/g, ' ');
  if (typeof url !== 'string') return label;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return label;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return label;
  // `|` too: inside a table cell GFM would split the row at it, and the rest of the URL would become a live autolink.
  const href = parsed.href.replace(/[()<>\s`|]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  return `[${label === '' ? escapeMarkdown(href) : label}](${href})`;
}

/**
 * A value for a hidden marker `<!-- mlops:kind key=VALUE -->`: percent-encoded (`encodeURIComponent`), so it holds no
 * space (no extra key) and no `>` (cannot end the comment); plain model and stage names stay as they are.
 */
export function markerValue(value: unknown): string {
  return encodeURIComponent(String(value ?? ''));
}

/** A byte count in binary units: `1536` → `1.5 KiB`; `—` when absent. */
export function formatBytes(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return formatNumber(value);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${units[unit]}`;
}
