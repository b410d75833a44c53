/**
 * One column's profile as it streams: every non-missing value is classified once (number, boolean, datetime or text;
 * see infer-type.ts), parsed once, and fed to the sketches that apply. Nothing is decided until `finish`, so profilers
 * of shards merge into exactly what one pass over the concatenation would hold.
 *
 * Missing: null, or text that is empty or only whitespace (CSV cannot tell an empty string from a missing one),
 * and non-finite native numbers (NaN from Parquet). Text is trimmed, but only when an end is whitespace, so the common
 * case allocates nothing.
 */
import type { CellValue } from '../data/batch.js';
import type { ColumnProfile } from '../contracts/profile.js';
import { DistinctCounter } from '../sketches/hyperloglog.js';
import { KllSketch, KLL_RANK_ERROR } from '../sketches/kll.js';
import { Moments } from '../sketches/moments.js';
import { StringLengths } from '../sketches/string-lengths.js';
import { FrequentItems } from '../sketches/top-k.js';
import { histogramFromSketch } from './histogram.js';
import { decideType, type KindCounts } from './infer-type.js';

/** Top-k lists every distinct value (exact: true) while exact and at most this many; else the TOPK_ITEMS largest. */
export const TOPK_LIST_ALL = 1000;
/** How many items an incomplete top-k lists. */
export const TOPK_ITEMS = 50;

/**
 * Epoch milliseconds of an ISO 8601 date `YYYY-MM-DD`, optionally with `[T ]hh:mm[:ss[.fff…]]` and a zone `Z` /
 * `±hh[:]mm`, or NaN. No zone means UTC, so profiles agree across machines. Hand-parsed from char codes: Date.parse
 * behind a regex cost ~200 ns a value, a third of a datetime column's profiling time.
 */
export function parseIsoDateMs(t: string): number {
  const n = t.length;
  if (n < 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return Number.NaN;
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let offset = 0;
  let i = 10;
  if (n > 10) {
    const sep = t.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || n < 16 || t.charCodeAt(13) !== 58) return Number.NaN;
    h = digits(t, 11, 2);
    mi = digits(t, 14, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59) return Number.NaN;
    i = 16;
    if (i < n && t.charCodeAt(i) === 58) {
      sec = digits(t, 17, 2);
      if (sec < 0 || sec > 59) return Number.NaN;
      i = 19;
      if (i < n && t.charCodeAt(i) === 46) {
        const start = ++i;
        let scale = 100;
        for (let c = t.charCodeAt(i); c >= 48 && c <= 57; c = t.charCodeAt(++i)) {
          ms += (c - 48) * scale;
          scale /= 10;
        }
        if (i === start) return Number.NaN;
        ms = Math.floor(ms);
      }
    }
    if (i < n) {
      const z = t.charCodeAt(i);
      if (z === 90) i++;
      else if (z === 43 || z === 45) {
        const oh = digits(t, i + 1, 2);
        let j = i + 3;
        if (t.charCodeAt(j) === 58) j++;
        const om = digits(t, j, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
        offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
        i = j + 2;
      } else return Number.NaN;
    }
  }
  if (i !== n) return Number.NaN;
  let x = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (y < 100) {
    // Date.UTC reads years 0–99 as 1900–1999
    const date = new Date(x);
    date.setUTCFullYear(y);
    x = date.getTime();
  }
  return x - offset * 60_000;
}

function digits(t: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Streaming profile of one column. Fields are the sketches' live state; `ColumnState` (column-state.ts) serializes them. */
export class ColumnProfiler {
  readonly name: string;
  missing = 0;
  readonly kinds: KindCounts = { integer: 0, number: 0, boolean: 0, datetime: 0, text: 0 };
  moments = new Moments();
  /** Numbers and datetimes (epoch ms); only one family survives typing, so they share the sketch. */
  quantiles = new KllSketch();
  dateMin = Number.POSITIVE_INFINITY;
  dateMax = Number.NEGATIVE_INFINITY;
  /**
   * Lexicographic bounds and lengths of the non-missing values that are not numbers (they are reported for text
   * columns only; numbers in a mixed column do not count, the same whichever form — CSV text or native — they came in).
   */
  textMin: string | undefined;
  textMax: string | undefined;
  lengths = new StringLengths();
  distinct = new DistinctCounter();
  topK = new FrequentItems();

  constructor(name: string) {
    this.name = name;
  }

  /** Non-missing values seen. */
  get count(): number {
    const k = this.kinds;
    return k.integer + k.number + k.boolean + k.datetime + k.text;
  }

  /** Profiles the first `rowCount` cells of this column. */
  addCells(cells: readonly CellValue[], rowCount: number): void {
    const kinds = this.kinds;
    const moments = this.moments;
    const quantiles = this.quantiles;
    const lengths = this.lengths;
    const topK = this.topK;
    const distinct = this.distinct;
    let textMin = this.textMin;
    let textMax = this.textMax;
    for (let row = 0; row < rowCount; row++) {
      const cell = cells[row];
      let key: string | number | boolean;
      let text: string;
      if (typeof cell === 'string') {
        text = cell;
        let length = text.length;
        if (length === 0) {
          this.missing++;
          continue;
        }
        if (text.charCodeAt(0) <= 32 || text.charCodeAt(length - 1) <= 32) {
          text = text.trim();
          length = text.length;
          if (length === 0) {
            this.missing++;
            continue;
          }
        }
        const c0 = text.charCodeAt(0);
        key = text;
        if ((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) {
          const x = +text;
          // Number() also reads 0x1f, 0b1, 0o7: those stay text
          if (x - x === 0 && !(c0 === 48 && length > 2 && isRadixPrefix(text.charCodeAt(1) | 32))) {
            if (Number.isInteger(x) && text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) kinds.integer++;
            else kinds.number++;
            moments.add(x);
            quantiles.add(x);
            if (topK.add(x)) distinct.add(x);
            continue;
          } else if (length >= 10 && text.charCodeAt(4) === 45) {
            const ms = parseIsoDateMs(text);
            if (ms === ms) {
              kinds.datetime++;
              quantiles.add(ms);
              if (ms < this.dateMin) this.dateMin = ms;
              if (ms > this.dateMax) this.dateMax = ms;
            } else kinds.text++;
          } else kinds.text++;
        } else if ((length === 4 || length === 5) && ((c0 | 32) === 116 || (c0 | 32) === 102) && isBooleanText(text)) {
          kinds.boolean++;
          key = (c0 | 32) === 116;
        } else kinds.text++;
      } else if (typeof cell === 'number') {
        if (cell - cell !== 0) {
          this.missing++;
          continue;
        }
        if (Number.isInteger(cell)) kinds.integer++;
        else kinds.number++;
        moments.add(cell);
        quantiles.add(cell);
        // Numbers have no text statistics (see the class comment): a String() per cell would double a numeric column's cost.
        if (topK.add(cell)) distinct.add(cell);
        continue;
      } else if (typeof cell === 'boolean') {
        kinds.boolean++;
        key = cell;
        text = cell ? 'true' : 'false';
      } else {
        this.missing++;
        continue;
      }
      lengths.add(text.length);
      if (textMin === undefined || text < textMin) textMin = text;
      if (textMax === undefined || text > textMax) textMax = text;
      // Distinct counting is idempotent, so it only needs values the top-k does not already hold.
      if (topK.add(key)) distinct.add(key);
    }
    this.textMin = textMin;
    this.textMax = textMax;
  }

  /**
   * Profiles the first `rowCount` cells of a batch column the reader marked all-numeric (`DataBatch.numeric`): the same
   * result as `addCells`, without classifying each cell.
   */
  addNumbers(cells: readonly number[], rowCount: number): void {
    const moments = this.moments;
    const quantiles = this.quantiles;
    const topK = this.topK;
    const distinct = this.distinct;
    let integers = 0;
    for (let row = 0; row < rowCount; row++) {
      const x = cells[row]!;
      if (Number.isInteger(x)) integers++;
      moments.add(x);
      quantiles.add(x);
      if (topK.add(x)) distinct.add(x);
    }
    this.kinds.integer += integers;
    this.kinds.number += rowCount - integers;
  }

  /** Folds `other` (a profiler of the same column over other rows) into this. */
  merge(other: ColumnProfiler): this {
    this.missing += other.missing;
    for (const k of Object.keys(this.kinds) as Array<keyof KindCounts>) this.kinds[k] += other.kinds[k];
    this.moments.merge(other.moments);
    this.quantiles.merge(other.quantiles);
    if (other.dateMin < this.dateMin) this.dateMin = other.dateMin;
    if (other.dateMax > this.dateMax) this.dateMax = other.dateMax;
    if (other.textMin !== undefined && (this.textMin === undefined || other.textMin < this.textMin)) this.textMin = other.textMin;
    if (other.textMax !== undefined && (this.textMax === undefined || other.textMax > this.textMax)) this.textMax = other.textMax;
    this.lengths.merge(other.lengths);
    this.distinct.merge(other.distinct);
    this.topK.merge(other.topK);
    return this;
  }

  /** The column's profile (without the mergeable `state`, which column-state.ts adds). */
  finish(): ColumnProfile {
    const distinctEstimate = this.distinct.estimate();
    const type = decideType(this.kinds, distinctEstimate);
    const profile: ColumnProfile = {
      name: this.name,
      type,
      count: this.count,
      missing: this.missing,
      distinct: { estimate: distinctEstimate, errorBound: this.distinct.errorBound(), exact: this.distinct.exact },
    };
    if (type === 'integer' || type === 'number') {
      const m = this.moments;
      Object.assign(profile, { min: m.min, max: m.max, mean: m.mean, variance: m.variance, n: m.n });
    } else if (type === 'datetime') {
      Object.assign(profile, { min: new Date(this.dateMin).toISOString(), max: new Date(this.dateMax).toISOString() });
    } else if (type !== 'boolean' && this.textMin !== undefined && this.textMax !== undefined) {
      Object.assign(profile, { min: this.textMin, max: this.textMax });
    }
    if (type === 'integer' || type === 'number' || type === 'datetime') {
      profile.quantiles = { kind: 'kll', rankError: KLL_RANK_ERROR, state: this.quantiles.toJSON() as unknown as Record<string, unknown> };
      const histogram = histogramFromSketch(this.quantiles, type === 'integer');
      if (histogram) profile.histogram = histogram;
    }
    if (this.count > 0) {
      const completeList = this.topK.exact && this.topK.size <= TOPK_LIST_ALL;
      profile.topK = { exact: completeList, items: this.topK.top(completeList ? TOPK_LIST_ALL : TOPK_ITEMS) };
    }
    if (type === 'categorical' || type === 'string') {
      const lengths = this.lengths.summary();
      if (lengths) profile.stringLength = lengths;
    }
    return profile;
  }
}

function isBooleanText(text: string): boolean {
  return text.length === 4 ? text === 'true' || text.toLowerCase() === 'true' : text === 'false' || text.toLowerCase() === 'false';
}

// x, b, o after a leading 0 (lower-cased): hex / binary / octal literals that Number() reads but data files do not mean.
function isRadixPrefix(c: number): boolean {
  return c === 120 || c === 98 || c === 111;
}
