/**
 * Rows accumulating into column-major batches of a fixed size, for readers that parse record by record. The parser's
 * hot loop writes the arrays directly (it holds them in locals and re-reads them after `flush`), so they are fields,
 * not methods.
 */
import type { CellValue, DataBatch } from './batch.js';

/** Default rows per batch (small batches keep cell strings in the young generation: ~2x faster than 16k rows). */
export const DEFAULT_BATCH_ROWS = 2_048;

/** The batch being filled, and the batches completed since the last `take`. */
export class BatchBuilder {
  /** `cols[column][row]`, preallocated (a column of numbers then stays an unboxed double array in V8). */
  cols: CellValue[][] = [];
  lines = new Uint32Array(0);
  offsets = new Float64Array(0);
  /** 1 while every cell of the column in this batch is a number (see `DataBatch.numeric`). */
  numeric = new Uint8Array(0);
  /** Rows filled in the current batch. */
  row = 0;
  /** Rows in completed batches. */
  rows = 0;
  private columns: string[] = [];
  private out: DataBatch[] = [];

  constructor(
    private readonly file: string,
    readonly batchRows: number,
  ) {}

  /** Starts the first batch once the columns are known. */
  start(columns: string[]): void {
    this.columns = columns;
    this.reset();
  }

  /** Completes the current batch (its first `row` rows). */
  flush(): void {
    const n = this.row;
    this.rows += n;
    for (const c of this.cols) c.length = n;
    const full = n === this.batchRows;
    this.out.push({
      file: this.file,
      columns: this.columns,
      rowCount: n,
      cells: this.cols,
      lines: full ? this.lines : this.lines.slice(0, n),
      offsets: full ? this.offsets : this.offsets.slice(0, n),
      numeric: this.numeric,
    });
    this.reset();
  }

  /** The batches completed since the last call. */
  take(): DataBatch[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private reset(): void {
    const ncols = this.columns.length;
    this.cols = Array.from({ length: ncols }, () => new Array<CellValue>(this.batchRows));
    this.lines = new Uint32Array(this.batchRows);
    this.offsets = new Float64Array(this.batchRows);
    this.numeric = new Uint8Array(ncols).fill(1);
    this.row = 0;
  }
}
