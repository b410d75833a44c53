/**
 * Slices: the rows grouped by the value of a column, metrics per group, and per metric the gap between the best and
 * the worst group (a fairness signal). Groups smaller than `minRows` are pooled into one `(other)` group, which gets
 * metrics but takes no part in the gaps (it mixes unrelated values). At most `maxSlices` groups per column, largest first.
 */
import type { EvaluationSlice, Scalar, SliceGap } from '../contracts/index.js';
import type { MetricSuite } from './metric-suite.js';
import { metricHigherIsBetter } from './verdict.js';

/** The value the pooled small groups are reported under. */
export const otherSlice = '(other)';

/** Options of the slicing. */
export interface SliceOptions {
  /** Smallest group reported on its own (default 30). */
  minRows?: number;
  /** Most groups per column (default 50); the rest pool into `(other)`. */
  maxSlices?: number;
}

/** One group of rows: the slice value and the row indices. */
export interface SliceGroup {
  value: Scalar;
  rows: Uint32Array;
}

/** A column already interned: distinct values and one value id per row (what the streaming pass collects). */
export interface InternedValues {
  values: Scalar[];
  ids: Int32Array;
}

/** Interns values: equal values (same type and text) share an id; null for missing. */
export function internValues(values: ArrayLike<Scalar>): InternedValues {
  const lookup = new Map<string, number>();
  const distinct: Scalar[] = [];
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    const key = value === null ? 'null' : `${typeof value}:${String(value)}`;
    let id = lookup.get(key);
    if (id === undefined) {
      id = distinct.length;
      distinct.push(value);
      lookup.set(key, id);
    }
    ids[i] = id;
  }
  return { values: distinct, ids };
}

/** Groups row indices by value (null for missing), largest groups first, small ones pooled into `(other)`. */
export function groupRows(column: ArrayLike<Scalar> | InternedValues, options: SliceOptions = {}): SliceGroup[] {
  const { values, ids } = 'ids' in column ? column : internValues(column);
  const minRows = options.minRows ?? 30;
  const maxSlices = options.maxSlices ?? 50;
  const counts = new Uint32Array(values.length);
  for (let i = 0; i < ids.length; i++) counts[ids[i]!]!++;
  const order = values.map((_, id) => id).sort((a, b) => counts[b]! - counts[a]! || String(values[a]).localeCompare(String(values[b])));
  // Each distinct value goes to its own group or to the pooled one; rows are then placed in one pass, in row order.
  const target = new Int32Array(values.length).fill(-1);
  const sizes: number[] = [];
  const groupValues: Scalar[] = [];
  for (const id of order) {
    if (counts[id]! >= minRows && groupValues.length < maxSlices) {
      target[id] = groupValues.length;
      groupValues.push(values[id]!);
      sizes.push(counts[id]!);
    }
  }
  const pooled = ids.length - sizes.reduce((a, b) => a + b, 0);
  if (pooled > 0) {
    for (let id = 0; id < values.length; id++) if (target[id] === -1) target[id] = groupValues.length;
    groupValues.push(otherSlice);
    sizes.push(pooled);
  }
  const rows = sizes.map((n) => new Uint32Array(n));
  const filled = new Uint32Array(sizes.length);
  for (let i = 0; i < ids.length; i++) {
    const g = target[ids[i]!]!;
    rows[g]![filled[g]!++] = i;
  }
  return groupValues.map((value, g) => ({ value, rows: rows[g]! }));
}

/** Metrics of each group of one column. */
export function sliceMetrics(suite: MetricSuite, column: string, groups: SliceGroup[]): EvaluationSlice[] {
  return groups.map((group) => {
    const values = suite.subset(group.rows).compute();
    const metrics: EvaluationSlice['metrics'] = {};
    for (const [name, value] of Object.entries(values)) metrics[name] = { value: value !== null && Number.isFinite(value) ? value : null };
    return { column, value: group.value, rows: group.rows.length, metrics };
  });
}

/** Per column and metric, the best and worst slice (excluding `(other)`) when at least two slices have a value. */
export function sliceGaps(slices: EvaluationSlice[]): SliceGap[] {
  const gaps: SliceGap[] = [];
  const columns = [...new Set(slices.map((s) => s.column))];
  for (const column of columns) {
    const own = slices.filter((s) => s.column === column && s.value !== otherSlice);
    const metrics = [...new Set(own.flatMap((s) => Object.keys(s.metrics)))];
    for (const metric of metrics) {
      const scored = own.filter((s) => typeof s.metrics[metric]?.value === 'number');
      if (scored.length < 2) continue;
      const up = metricHigherIsBetter(metric);
      let best = scored[0]!;
      let worst = scored[0]!;
      for (const s of scored) {
        const v = s.metrics[metric]!.value!;
        if (up ? v > best.metrics[metric]!.value! : v < best.metrics[metric]!.value!) best = s;
        if (up ? v < worst.metrics[metric]!.value! : v > worst.metrics[metric]!.value!) worst = s;
      }
      const b = best.metrics[metric]!.value!;
      const w = worst.metrics[metric]!.value!;
      gaps.push({ column, metric, gap: Math.abs(b - w), best: { value: best.value, score: b }, worst: { value: worst.value, score: w } });
    }
  }
  return gaps;
}
