/**
 * Turns column-major data batches into the typed input buffers of one model, `capacity` rows at a time, so the
 * inference batch size is independent of the reader's batch size. Values are converted as the input's element type
 * wants (float32, float64, int64); a cell that is not a number is a BadInputError pointing at its file and line.
 */
import * as ort from 'onnxruntime-node';
import type { CellValue, DataBatch } from '../../lib/data/batch.js';
import { BadInputError } from '../../lib/errors.js';
import type { InputFeed } from '../../lib/evaluation/signature.js';

type Buffer = Float32Array | Float64Array | BigInt64Array;

/** Fills the inputs of one model from batches. */
export class FeedBuilder {
  /** Rows filled so far in the current buffers. */
  filled = 0;
  private readonly buffers: Buffer[];
  private indices: number[][] = [];
  private boundTo: readonly string[] | undefined;

  constructor(
    private readonly feeds: InputFeed[],
    readonly capacity: number,
  ) {
    this.buffers = feeds.map((f) => allocate(f, capacity));
  }

  /** Copies rows [from, from + count) of `batch` into the buffers; returns how many fit. */
  add(batch: DataBatch, from: number, count: number): number {
    if (batch.columns !== this.boundTo) {
      this.indices = this.feeds.map((f) => f.columns.map((c) => batch.columns.indexOf(c)));
      this.boundTo = batch.columns;
    }
    const take = Math.min(count, this.capacity - this.filled);
    for (let f = 0; f < this.feeds.length; f++) {
      const feed = this.feeds[f]!;
      const width = feed.columns.length;
      const buffer = this.buffers[f]!;
      const columns = this.indices[f]!;
      for (let j = 0; j < width; j++) {
        const cells = batch.cells[columns[j]!]!;
        const numeric = batch.numeric?.[columns[j]!] === 1;
        let at = this.filled * width + j;
        if (buffer instanceof BigInt64Array) {
          for (let r = from; r < from + take; r++, at += width) buffer[at] = toInteger(cells[r]!, batch, r, feed.columns[j]!);
        } else if (numeric) {
          for (let r = from; r < from + take; r++, at += width) buffer[at] = cells[r] as number;
        } else {
          for (let r = from; r < from + take; r++, at += width) buffer[at] = toNumber(cells[r]!, batch, r, feed.columns[j]!);
        }
      }
    }
    this.filled += take;
    return take;
  }

  /** Whether the buffers are full. */
  get full(): boolean {
    return this.filled === this.capacity;
  }

  /** Tensors over the filled rows (views: valid until the next `add` after `reset`). */
  tensors(): Record<string, ort.Tensor> {
    const out: Record<string, ort.Tensor> = {};
    this.feeds.forEach((feed, f) => {
      const width = feed.columns.length;
      const data = this.buffers[f]!.subarray(0, this.filled * width);
      const dims = feed.rank === 2 ? [this.filled, width] : [this.filled];
      out[feed.name] = new ort.Tensor(elementOf(feed), data as Float32Array, dims);
    });
    return out;
  }

  /** Tensors holding copies of rows [row, row + 1) of the filled buffers: single-row requests for row latency. */
  rowTensors(row: number): Record<string, ort.Tensor> {
    const out: Record<string, ort.Tensor> = {};
    this.feeds.forEach((feed, f) => {
      const width = feed.columns.length;
      const data = this.buffers[f]!.slice(row * width, (row + 1) * width);
      out[feed.name] = new ort.Tensor(elementOf(feed), data as Float32Array, feed.rank === 2 ? [1, width] : [1]);
    });
    return out;
  }

  /** Starts a new set of rows. */
  reset(): void {
    this.filled = 0;
  }
}

function allocate(feed: InputFeed, capacity: number): Buffer {
  const size = capacity * feed.columns.length;
  return feed.element === 'float32' ? new Float32Array(size) : feed.element === 'float64' ? new Float64Array(size) : new BigInt64Array(size);
}

function elementOf(feed: InputFeed): 'float32' | 'float64' | 'int64' {
  return feed.element;
}

function toNumber(cell: CellValue, batch: DataBatch, row: number, column: string): number {
  if (typeof cell === 'number') return cell;
  if (cell === null) return NaN; // missing: NaN, which tree ensembles route by their missing-value rule
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  const parsed = Number(cell);
  if (cell.trim() !== '' && Number.isFinite(parsed)) return parsed;
  throw notNumeric(cell, batch, row, column);
}

function toInteger(cell: CellValue, batch: DataBatch, row: number, column: string): bigint {
  const n = toNumber(cell, batch, row, column);
  if (!Number.isInteger(n)) {
    throw new BadInputError('not-integer', `${batch.file}:${batch.lines[row]}: column '${column}' is ${cell === null ? 'missing' : `'${String(cell)}'`}; the model's int64 input needs an integer`, {
      location: { file: batch.file, line: batch.lines[row]! },
      hint: 'fill or drop missing values before evaluating',
    });
  }
  return BigInt(n);
}

function notNumeric(cell: string, batch: DataBatch, row: number, column: string): BadInputError {
  return new BadInputError('not-numeric', `${batch.file}:${batch.lines[row]}: column '${column}' holds '${cell.slice(0, 80)}', which is not a number; the model's input is numeric`, {
    location: { file: batch.file, line: batch.lines[row]! },
    hint: 'encode the column as numbers, or leave it out of the features (--features a,b,…)',
  });
}
