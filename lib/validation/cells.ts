/**
 * How validation reads a cell. CSV gives text and JSON Lines / Parquet give native values, so every check goes through
 * these functions and treats `42`, `'42'` and `' 42 '` alike.
 */
import type { CellValue } from '../data/batch.js';
import type { DataType } from './types.js';

const integerText = /^[+-]?\d+$/;
const numberText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const booleanText = /^(?:true|false)$/i;
// ISO 8601 calendar date, optionally with a time and a zone: what `datetime` columns and date bounds accept.
const isoDateText = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Missing = null or an empty / blank string (CSV cannot tell an empty string from a missing one). */
export function isMissing(cell: CellValue | undefined): cell is null | undefined | '' {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  // Hot path (every cell of every row): only a string that starts with whitespace can be blank, so most cells cost one
  // length check and one character code instead of a trim() allocation.
  return cell.length === 0 || (isSpace(cell.charCodeAt(0)) && cell.trim() === '');
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0xfeff || code === 0x2028 || code === 0x2029 || (code >= 0x1680 && code <= 0x3000);
}

/** The cell as a finite number, or undefined when it is not a numeral. Booleans are not numbers. */
export function toNumber(cell: CellValue | undefined): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  // Hot path: Number() is the parser, and it rejects almost everything the numeral grammar does (NaN). It also
  // accepts three things data numerals are not — blanks (as 0), `Infinity`, and 0x/0o/0b literals — so those, and
  // only those, are ruled out here; anything else still goes through the exact grammar below.
  const n = Number(cell);
  if (!Number.isFinite(n)) return undefined;
  let i = 0;
  while (i < cell.length && isSpace(cell.charCodeAt(i))) i++;
  if (i === cell.length) return undefined;
  const first = cell.charCodeAt(i);
  if (first === 48 /* 0 */ && i + 1 < cell.length) {
    const second = cell.charCodeAt(i + 1) | 0x20;
    if (second === 120 /* x */ || second === 111 /* o */ || second === 98 /* b */) return undefined;
  }
  if ((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46) return n;
  return numberText.test(cell.trim()) ? n : undefined;
}

/** Milliseconds since the epoch for an ISO 8601 date / date-time, or undefined. */
export function toDateMs(cell: CellValue | undefined): number | undefined {
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  if (!isoDateText.test(text)) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** A number or an ISO date as one comparable number: numbers as they are, dates as epoch milliseconds. */
export function toComparable(cell: CellValue | undefined): { kind: 'number' | 'date'; value: number } | undefined {
  const n = toNumber(cell);
  if (n !== undefined) return { kind: 'number', value: n };
  const d = toDateMs(cell);
  return d === undefined ? undefined : { kind: 'date', value: d };
}

/** The cell as text for sets, lengths and regexes: trimmed strings, numbers in JavaScript's shortest form. */
export function toText(cell: CellValue): string {
  if (typeof cell === 'string') return cell.trim();
  return String(cell);
}

/**
 * A key under which equal values meet: numerals by numeric value (`1`, `1.0`, `'1'`), booleans case-blind, other text
 * as is. Used by `in_set`, `unique`, class balance and leakage so CSV and JSON Lines agree.
 */
export function canonicalKey(cell: CellValue): string {
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string' && cell.length > 0) {
    // Hot path (every cell of a categorical column): text that starts with a letter other than t/f cannot be a numeral
    // or a boolean, so it skips Number() and the boolean pattern.
    const c0 = cell.charCodeAt(0) | 32;
    if (c0 >= 97 && c0 <= 122 && c0 !== 116 && c0 !== 102) return isSpace(cell.charCodeAt(cell.length - 1)) ? cell.trim() : cell;
  }
  const n = toNumber(cell);
  if (n !== undefined) return String(n);
  if (typeof cell === 'boolean') return String(cell);
  const text = toText(cell);
  return booleanText.test(text) ? text.toLowerCase() : text;
}

/** Whether a non-missing cell parses as `type`. `categorical` and `string` accept any value. */
export function matchesType(cell: CellValue, type: DataType): boolean {
  switch (type) {
    case 'integer':
      return typeof cell === 'number' ? Number.isInteger(cell) : typeof cell === 'string' && integerText.test(cell.trim());
    case 'number':
      return toNumber(cell) !== undefined;
    case 'boolean':
      return typeof cell === 'boolean' || (typeof cell === 'string' && booleanText.test(cell.trim()));
    case 'datetime':
      return toDateMs(cell) !== undefined;
    case 'categorical':
    case 'string':
      return true;
  }
}

/** Whether a string is an ISO 8601 date or date-time (for schema bounds). */
export function isIsoDate(text: string): boolean {
  return toDateMs(text) !== undefined;
}
