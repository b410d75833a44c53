/** A whole dataset's profile as batches stream in: one ColumnProfiler per column plus the row count. */
import type { ProfileBody } from '../contracts/profile.js';
import type { DataBatch } from '../data/batch.js';
import { BadInputError } from '../errors.js';
import { ColumnProfiler } from './column-profiler.js';
import { finishColumn, restoreColumn } from './column-state.js';
import { datasetFingerprint } from './fingerprint.js';

/** A profiled file as lineage records it: path as named, stored bytes and their sha256 (hex). */
export interface FileDigest {
  path: string;
  bytes: number;
  sha256: string;
}

/** Streaming, mergeable dataset profiler. */
export class DatasetProfiler {
  readonly columns: readonly string[];
  rows = 0;
  private readonly profilers: ColumnProfiler[];
  private checkedColumns: readonly string[] | undefined;

  constructor(columns: readonly string[], profilers?: ColumnProfiler[]) {
    this.columns = [...columns];
    this.profilers = profilers ?? columns.map((name) => new ColumnProfiler(name));
  }

  /** Profiles one batch; its columns must be this profiler's, in order (BadInputError naming the file otherwise). */
  addBatch(batch: DataBatch): void {
    if (batch.columns !== this.checkedColumns) {
      const mismatch = firstMismatch(this.columns, batch.columns);
      if (mismatch !== undefined) {
        throw new BadInputError('column-mismatch', `${batch.file}: ${mismatch}`, {
          location: { file: batch.file },
          hint: 'every file of a dataset must have the same columns in the same order',
        });
      }
      this.checkedColumns = batch.columns;
    }
    const numeric = batch.numeric;
    for (let c = 0; c < this.profilers.length; c++) {
      if (numeric?.[c] === 1) this.profilers[c]!.addNumbers(batch.cells[c] as readonly number[], batch.rowCount);
      else this.profilers[c]!.addCells(batch.cells[c]!, batch.rowCount);
    }
    this.rows += batch.rowCount;
  }

  /** Folds `other` (same columns, other rows) into this; `other` must not be used afterwards. */
  merge(other: DatasetProfiler): this {
    const mismatch = firstMismatch(this.columns, other.columns);
    if (mismatch !== undefined) throw new BadInputError('column-mismatch', `cannot merge profiles: ${mismatch}`, { hint: 'merge profiles of shards of one dataset' });
    for (let c = 0; c < this.profilers.length; c++) this.profilers[c]!.merge(other.profilers[c]!);
    this.rows += other.rows;
    return this;
  }

  /** The profile body; the fingerprint covers `files` (in order) and this profiler's rows. */
  finish(files: ReadonlyArray<Pick<FileDigest, 'sha256'>>): ProfileBody {
    return {
      rows: this.rows,
      fingerprint: datasetFingerprint(files.map((f) => f.sha256), this.rows),
      columns: this.profilers.map(finishColumn),
    };
  }

  /** Restores a profiler from a body written by `finish` (its columns' state); `file` names it in errors. */
  static fromBody(body: ProfileBody, file: string): DatasetProfiler {
    const profiler = new DatasetProfiler(
      body.columns.map((c) => c.name),
      body.columns.map((c, index) => restoreColumn(c, { file, index })),
    );
    profiler.rows = body.rows;
    return profiler;
  }
}

/** A profiler for a dataset with these columns (file order). */
export function createProfiler(columns: readonly string[]): DatasetProfiler {
  return new DatasetProfiler(columns);
}

/** Describes the first difference between two column lists, or undefined when they are equal. */
export function firstMismatch(expected: readonly string[], actual: readonly string[]): string | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) {
      const want = expected[i] === undefined ? 'no column' : `'${expected[i]}'`;
      const got = actual[i] === undefined ? 'no column' : `'${actual[i]}'`;
      return `column ${i + 1} is ${got}, expected ${want} (expected columns: ${expected.join(', ')})`;
    }
  }
  return undefined;
}
