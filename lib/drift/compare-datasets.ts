/**
 * Dataset-level comparison: which columns are compared (common to both sides, minus --ignore, limited to --columns),
 * each column's result, and the dataset decision — drifted when the share of drifted columns reaches the threshold.
 */
import type { ColumnDrift, ProfileBody } from '../contracts/index.js';
import type { DataBatch } from '../data/batch.js';
import { BadInputError } from '../errors.js';
import { ColumnValues, type ColumnSide } from './column-values.js';
import { compareProfileColumn } from './compare-profiles.js';
import { compareRawColumn } from './compare-raw.js';
import type { DriftOptions } from './drift-options.js';
import { sortFloat64 } from './sort-float64.js';

/** --columns / --ignore. */
export interface ColumnSelection {
  columns?: readonly string[];
  ignore?: readonly string[];
}

/** The dataset decision over column results. */
export interface DatasetDecision {
  drifted: boolean;
  share: number;
  threshold: number;
  columns: ColumnDrift[];
}

/** Names of the columns to compare, in baseline order; BadInputError when none remain or a requested one is absent. */
export function selectColumns(baseline: readonly string[], current: readonly string[], selection: ColumnSelection, files: { baseline: string; current: string }): string[] {
  const inCurrent = new Set(current);
  for (const name of selection.columns ?? []) {
    const where = !baseline.includes(name) ? files.baseline : !inCurrent.has(name) ? files.current : undefined;
    if (where) throw new BadInputError('drift-unknown-column', `--columns names '${name}', which ${where} does not have`, { location: { file: where }, hint: `columns there: ${(where === files.baseline ? baseline : current).join(', ')}` });
  }
  const ignore = new Set(selection.ignore ?? []);
  const wanted = selection.columns && selection.columns.length > 0 ? new Set(selection.columns) : undefined;
  const common = baseline.filter((c) => inCurrent.has(c));
  if (common.length === 0) {
    throw new BadInputError('drift-no-common-columns', `${files.baseline} and ${files.current} have no column in common`, {
      location: { file: files.current },
      hint: `baseline columns: ${baseline.join(', ') || '(none)'}; current columns: ${current.join(', ') || '(none)'}`,
    });
  }
  const selected = common.filter((c) => !ignore.has(c) && (!wanted || wanted.has(c)));
  if (selected.length === 0) throw new BadInputError('drift-no-columns', 'every common column is excluded by --columns / --ignore', { hint: `common columns: ${common.join(', ')}` });
  return selected;
}

/** Share of drifted columns and the dataset decision. */
export function decideDataset(columns: ColumnDrift[], threshold: number): DatasetDecision {
  const drifted = columns.filter((c) => c.drifted).length;
  const share = columns.length === 0 ? 0 : drifted / columns.length;
  return { drifted: columns.length > 0 && share >= threshold, share, threshold, columns };
}

/** One side read in full: its columns' values and the row count. */
export interface RawDataset {
  columns: string[];
  rows: number;
  sides: Map<string, ColumnSide>;
}

/**
 * Reads every batch of one side into per-column values (columns `skip` rejects are not kept). `sort` orders each
 * numeric column (the benchmark passes a no-op to time sorting with the statistics).
 */
export async function collectRaw(batches: AsyncIterable<DataBatch>, skip: (column: string) => boolean = () => false, sort: (values: Float64Array, n: number) => Float64Array = sortFloat64): Promise<RawDataset> {
  let columns: string[] = [];
  let collectors: Array<ColumnValues | undefined> = [];
  let rows = 0;
  for await (const batch of batches) {
    if (rows === 0 && collectors.length === 0) {
      columns = batch.columns;
      collectors = columns.map((c) => (skip(c) ? undefined : new ColumnValues(c)));
    }
    for (let c = 0; c < collectors.length; c++) collectors[c]?.addCells(batch.cells[c]!, batch.rowCount, batch.numeric?.[c] === 1);
    rows += batch.rowCount;
  }
  const sides = new Map<string, ColumnSide>();
  for (const collector of collectors) if (collector) sides.set(collector.name, collector.finish(sort));
  return { columns, rows, sides };
}

/** Compares two raw datasets column by column. */
export function compareRaw(baseline: RawDataset, current: RawDataset, options: DriftOptions, selection: ColumnSelection, files: { baseline: string; current: string }): DatasetDecision {
  if (current.rows === 0) throw emptyCurrent(files.current);
  const names = withoutFreeText(selectColumns(baseline.columns, current.columns, selection, files), selection, (n) => [baseline.sides.get(n)!.type, current.sides.get(n)!.type]);
  return decideDataset(names.map((n) => compareRawColumn(baseline.sides.get(n)!, current.sides.get(n)!, options)), options.datasetDriftShare);
}

/** Compares two profiles column by column. */
export function compareProfiles(baseline: ProfileBody, current: ProfileBody, options: DriftOptions, selection: ColumnSelection, files: { baseline: string; current: string }): DatasetDecision {
  if (current.rows === 0) throw emptyCurrent(files.current);
  const byName = (body: ProfileBody) => new Map(body.columns.map((c) => [c.name, c]));
  const b = byName(baseline);
  const c = byName(current);
  const names = withoutFreeText(selectColumns([...b.keys()], [...c.keys()], selection, files), selection, (n) => [b.get(n)!.type, c.get(n)!.type]);
  return decideDataset(names.map((n) => compareProfileColumn(b.get(n)!, c.get(n)!, options, files)), options.datasetDriftShare);
}

/**
 * Free text and identifiers (type `string` on both sides: too many distinct values to be categorical) are not
 * compared unless --columns names them: every new ID would read as drift.
 */
function withoutFreeText(names: string[], selection: ColumnSelection, types: (name: string) => [string, string]): string[] {
  const named = new Set(selection.columns ?? []);
  const kept = names.filter((n) => named.has(n) || types(n).some((t) => t !== 'string'));
  if (kept.length === 0) throw new BadInputError('drift-no-columns', `only free-text columns are in common (${names.join(', ')}); they are compared only when --columns names them`, { hint: `e.g. --columns ${names[0]}` });
  return kept;
}

function emptyCurrent(file: string): BadInputError {
  return new BadInputError('drift-empty-current', `${file} has no rows: there is nothing to compare with the baseline`, {
    location: { file },
    hint: 'check that the monitored window produced data (an empty export, a filter that matched nothing)',
  });
}
