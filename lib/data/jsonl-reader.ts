/**
 * JSON Lines reader: one JSON object per line, split on bytes so every record keeps its exact byte offset and invalid
 * UTF-8 is caught per line. Columns are the keys of the first object; a later object missing a key gets null, one with
 * a key the first did not have is malformed ("unknown key"). Nested arrays/objects become their JSON text.
 */
import { isUtf8 } from 'node:buffer';
import { BadInputError } from '../errors.js';
import type { CellValue, DataBatch } from './batch.js';
import { checkHeader } from './column-names.js';
import { DEFAULT_BATCH_ROWS } from './batch-builder.js';
import { DEFAULT_MAX_RECORD_BYTES } from './csv-reader.js';
import type { MalformedBudget } from './malformed.js';

/** What the JSON Lines reader needs to know. */
export interface JsonlOptions {
  file: string;
  batchRows?: number;
  maxRecordBytes?: number;
  malformed: MalformedBudget;
  onColumns?: (columns: string[]) => void;
}

/** Reads one JSON Lines stream of (decompressed) bytes as batches. */
export async function* readJsonl(chunks: AsyncIterable<Buffer>, options: JsonlOptions): AsyncGenerator<DataBatch> {
  const { file, malformed } = options;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const maxRecord = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let columns: string[] | null = null;
  let index = new Map<string, number>();
  let cols: CellValue[][] = [];
  let lines: number[] = [];
  let offsets: number[] = [];
  let line = 1;
  let offset = 0;
  let sawByte = false;
  let pieces: Buffer[] = [];
  let pendingBytes = 0;

  const flush = (): DataBatch => {
    const batch: DataBatch = { file, columns: columns!, rowCount: lines.length, cells: cols, lines: Uint32Array.from(lines), offsets: Float64Array.from(offsets) };
    cols = columns!.map(() => []);
    lines = [];
    offsets = [];
    return batch;
  };

  /** Handles one line (without its newline); returns a batch when one fills up. */
  const record = (bytes: Buffer): DataBatch | null => {
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const body = bytes.subarray(0, end);
    if (body.every((b) => b === 0x20 || b === 0x09)) return null;
    const bad = (reason: string) => malformed.report({ file, line, offset, reason });
    if (!isUtf8(body)) {
      bad('invalid UTF-8');
      return null;
    }
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (error) {
      bad(`invalid JSON: ${(error as Error).message}`);
      return null;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      bad(`expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
      return null;
    }
    const obj = value as Record<string, unknown>;
    if (columns === null) {
      columns = checkHeader(file, Object.keys(obj));
      index = new Map(columns.map((c, i) => [c, i]));
      cols = columns.map(() => []);
      options.onColumns?.(columns);
    }
    const unknown = Object.keys(obj).filter((k) => !index.has(k));
    if (unknown.length > 0) {
      bad(`unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')} (columns come from the first record: ${columns.join(', ')})`);
      return null;
    }
    const row = lines.length;
    for (let c = 0; c < columns.length; c++) {
      const v = obj[columns[c]!];
      cols[c]![row] = v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as CellValue);
    }
    lines.push(line);
    offsets.push(offset);
    return lines.length === batchRows ? flush() : null;
  };

  for await (const chunk of chunks) {
    if (chunk.length > 0) sawByte = true;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const part = chunk.subarray(start, nl);
      const bytes = pieces.length === 0 ? part : Buffer.concat([...pieces, part]);
      pieces = [];
      pendingBytes = 0;
      const batch = record(bytes);
      if (batch) yield batch;
      offset += bytes.length + 1;
      line++;
      start = nl + 1;
    }
    if (start < chunk.length) {
      pieces.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxRecord) {
        throw new BadInputError('record-too-long', `${file}:${line}: line ${line} is longer than ${Math.round((maxRecord / 1024 / 1024) * 100) / 100} MiB (byte offset ${offset}); stopped rather than buffering it`, {
          location: { file, line, offset },
          hint: 'JSON Lines needs one object per line; pretty-printed JSON is not JSON Lines',
        });
      }
    }
  }
  if (pieces.length > 0) {
    const batch = record(Buffer.concat(pieces));
    if (batch) yield batch;
  }
  if (columns === null) {
    throw new BadInputError('empty-file', `${file}: empty file (no JSON object in it)`, {
      location: { file },
      hint: sawByte ? 'the file holds no readable record' : 'the file has 0 bytes; check the export that wrote it',
    });
  }
  if (lines.length > 0) yield flush();
}
