/**
 * Parquet reader on hyparquet. Reads one row group at a time through an AsyncBuffer over a file handle, so memory is
 * bounded by the largest row group, not by the file. Values become CellValues: bigint → number when exact (else its
 * decimal text), Date → ISO string, bytes → hex, nested values → JSON text.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { BadInputError } from '../errors.js';
import type { CellValue, DataBatch } from './batch.js';
import { checkHeader } from './column-names.js';
import { DEFAULT_BATCH_ROWS } from './batch-builder.js';

/** What the Parquet reader needs to know. */
export interface ParquetOptions {
  file: string;
  /** The path to open (the `file` label may differ). */
  path: string;
  batchRows?: number;
  onColumns?: (columns: string[]) => void;
}

/** An AsyncBuffer that reads byte ranges from an open file handle. */
export function fileHandleBuffer(handle: FileHandle, byteLength: number): AsyncBuffer {
  return {
    byteLength,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? byteLength, byteLength);
      const out = new Uint8Array(Math.max(0, stop - start));
      let done = 0;
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return out.buffer;
    },
  };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Maps one decoded Parquet value to a CellValue. */
export function toCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
    case 'string':
    case 'boolean':
      return v;
    case 'bigint':
      return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
    default:
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
      if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
      return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  }
}

/** Reads one Parquet file as batches, a row group at a time. */
export async function* readParquet(options: ParquetOptions): AsyncGenerator<DataBatch> {
  const { file } = options;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const handle = await open(options.path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new BadInputError('empty-file', `${file}: empty file`, { location: { file }, hint: 'the file has 0 bytes; check the export that wrote it' });
    const buffer = fileHandleBuffer(handle, size);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (error) {
      throw new BadInputError('bad-parquet', `${file}: not a readable Parquet file: ${(error as Error).message}`, {
        location: { file },
        hint: 'check the file is complete (a Parquet file ends with its footer) and really Parquet',
        cause: error,
      });
    }
    const columns = checkHeader(file, parquetSchema(metadata).children.map((c) => c.element.name));
    options.onColumns?.(columns);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const groupRows = Number(group.num_rows);
      const groupOffset = Number(group.file_offset ?? group.columns[0]?.meta_data?.data_page_offset ?? 0n);
      let rows: unknown[][] = [];
      try {
        await parquetRead({ file: buffer, metadata, rowStart, rowEnd: rowStart + groupRows, onComplete: (r: unknown[][]) => (rows = r) });
      } catch (error) {
        throw new BadInputError('bad-parquet', `${file}: cannot read row group at row ${rowStart + 1}: ${(error as Error).message}`, {
          location: { file, line: rowStart + 1, offset: groupOffset },
          hint: 'the file may be truncated or written with an unsupported codec',
          cause: error,
        });
      }
      for (let from = 0; from < rows.length; from += batchRows) {
        const to = Math.min(rows.length, from + batchRows);
        const cells: CellValue[][] = columns.map(() => new Array<CellValue>(to - from));
        const lines = new Uint32Array(to - from);
        for (let r = from; r < to; r++) {
          const row = rows[r]!;
          for (let c = 0; c < columns.length; c++) cells[c]![r - from] = toCell(row[c]);
          lines[r - from] = rowStart + r + 1;
        }
        yield { file, columns, rowCount: to - from, cells, lines, offsets: new Float64Array(to - from).fill(groupOffset) };
      }
      rowStart += groupRows;
    }
  } finally {
    await handle.close();
  }
}
