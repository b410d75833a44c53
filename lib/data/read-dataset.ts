/**
 * Reads a dataset named by files, directories or globs as one stream of batches: detects each file's format, gunzips
 * `.gz`, checks that every shard has the same columns, fingerprints every file (sha256 of its stored bytes) and shares
 * one `--max-malformed` budget across the shards. Memory is bounded by the batch size (Parquet: the row group size).
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BadInputError, MlopsError } from '../errors.js';
import type { DataBatch, FileSummary, ReadOptions } from './batch.js';
import { readCsv } from './csv-reader.js';
import { fileChunks } from './file-chunks.js';
import { expandPaths } from './expand-paths.js';
import { readJsonl } from './jsonl-reader.js';
import { MalformedBudget } from './malformed.js';
import { readParquet } from './parquet-reader.js';

/** Options beyond the shared ReadOptions contract. */
export interface DatasetReadOptions extends ReadOptions {
  /** Longest record accepted (bytes; default 64 MiB) before the read stops with BadInputError. */
  maxRecordBytes?: number;
  /**
   * CSV files of at least this many stored bytes (default 16 MiB) are read, hashed and gunzipped on a worker thread
   * while this one parses; smaller ones are not worth the worker's start.
   */
  offThreadBytes?: number;
}

/** Default size from which CSV files are decoded on a worker thread. */
export const DEFAULT_OFF_THREAD_BYTES = 16 * 1024 * 1024;

/** How one file is stored. */
export interface FileFormat {
  format: FileSummary['format'];
  compressed: boolean;
  delimiter: string;
}

/** Decides a file's format from its name (or the forced `format`); throws BadInputError when it cannot tell. */
export function detectFormat(file: string, options: ReadOptions = {}): FileFormat {
  const compressed = /\.gz$/i.test(file);
  const name = file.replace(/\.gz$/i, '').toLowerCase();
  const ext = name.slice(name.lastIndexOf('.') + 1);
  let format: FileSummary['format'] | undefined;
  if (options.format !== undefined && options.format !== 'auto') format = options.format;
  else if (ext === 'csv' || ext === 'tsv') format = 'csv';
  else if (ext === 'jsonl' || ext === 'ndjson') format = 'jsonl';
  else if (ext === 'parquet') format = 'parquet';
  if (format === undefined) {
    throw new BadInputError('unknown-format', `${file}: cannot tell the format from the name (expected .csv, .tsv, .jsonl, .ndjson or .parquet, optionally .gz)`, {
      location: { file },
      hint: 'rename the file or pass --format csv|jsonl|parquet',
    });
  }
  if (format === 'parquet' && compressed) {
    throw new BadInputError('unsupported-compression', `${file}: gzip-compressed Parquet is not supported`, {
      location: { file },
      hint: 'Parquet compresses its own pages; gunzip the file or write it with snappy/zstd/gzip page compression',
    });
  }
  return { format, compressed, delimiter: options.delimiter ?? (ext === 'tsv' ? '\t' : ',') };
}

/** Turns a stream or zlib failure into a BadInputError naming the file. */
function inputError(file: string, error: unknown): Error {
  if (error instanceof MlopsError) return error;
  const e = error as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (code.startsWith('Z_')) {
    return new BadInputError('bad-gzip', `${file}: the gzip data is truncated or corrupt: ${e.message}`, {
      location: { file },
      hint: 'the download or copy was probably cut short; fetch the file again (gzip -t checks it)',
      cause: error,
    });
  }
  if (!code.startsWith('E')) return error as Error;
  const what = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : e.message;
  return new BadInputError('unreadable-file', `${file}: cannot read: ${what}`, { location: { file }, hint: 'check the path and its permissions', cause: error });
}

/** Streams a file's stored bytes (hashing them) and, for `.gz`, gunzips them. */
function openBytes(path: string, compressed: boolean, hash: ReturnType<typeof createHash>, counter: { bytes: number }): AsyncIterable<Buffer> {
  const raw = createReadStream(path, { highWaterMark: 128 * 1024 });
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  });
  const last = compressed ? pipeline(raw, tap, createGunzip({ chunkSize: 128 * 1024 }), () => {}) : pipeline(raw, tap, () => {});
  return last as AsyncIterable<Buffer>;
}

/** sha256 and size of a file's stored bytes. */
async function fingerprint(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Names the difference between two column lists for an error message. */
export function describeColumnDifference(expected: string[], found: string[]): string {
  const missing = expected.filter((c) => !found.includes(c));
  const extra = found.filter((c) => !expected.includes(c));
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`extra ${extra.join(', ')}`);
  if (parts.length === 0) parts.push(`same columns in a different order (${found.join(', ')} instead of ${expected.join(', ')})`);
  return parts.join('; ');
}

/** Reads every file the paths name, in order, as one stream of batches; see the module comment. */
export async function* readDataset(paths: string[], options: DatasetReadOptions = {}): AsyncGenerator<DataBatch> {
  const files = expandPaths(paths);
  const formats = files.map((f) => detectFormat(f, options));
  const budget = new MalformedBudget(options.maxMalformed ?? 0, options.onMalformed);
  let first: { file: string; columns: string[] } | null = null;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const { format, compressed, delimiter } = formats[i]!;
    const onColumns = (columns: string[]) => {
      if (first === null) first = { file, columns };
      else if (columns.length !== first.columns.length || columns.some((c, j) => c !== first!.columns[j])) {
        throw new BadInputError('column-mismatch', `${file}: its columns differ from ${first.file}: ${describeColumnDifference(first.columns, columns)}`, {
          location: { file, line: 1 },
          hint: 'every shard of a dataset must have the same columns in the same order',
        });
      }
    };
    const common = { file, batchRows: options.batchRows, maxRecordBytes: options.maxRecordBytes, onColumns };
    let rows = 0;
    let summary: FileSummary;
    try {
      if (format === 'parquet') {
        for await (const batch of readParquet({ ...common, path: file })) {
          rows += batch.rowCount;
          yield batch;
        }
        summary = { file, format, compressed, ...(await fingerprint(file)), rows };
      } else if (format === 'csv' && statSync(file).size >= (options.offThreadBytes ?? DEFAULT_OFF_THREAD_BYTES)) {
        const source = fileChunks(file, compressed);
        for await (const batch of readCsv(source.chunks, { ...common, delimiter, malformed: budget })) {
          rows += batch.rowCount;
          yield batch;
        }
        summary = { file, format, compressed, ...source.digest(), rows };
      } else {
        const hash = createHash('sha256');
        const counter = { bytes: 0 };
        const bytes = openBytes(file, compressed, hash, counter);
        const batches = format === 'csv' ? readCsv(bytes, { ...common, delimiter, malformed: budget }) : readJsonl(bytes, { ...common, malformed: budget });
        for await (const batch of batches) {
          rows += batch.rowCount;
          yield batch;
        }
        summary = { file, format, compressed, sha256: hash.digest('hex'), bytes: counter.bytes, rows };
      }
    } catch (error) {
      throw inputError(file, error);
    }
    options.onFile?.(summary);
  }
}
