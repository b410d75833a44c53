// Builds DataBatch objects by hand so these tests do not depend on lib/data's readers. The fixture CSVs have no
// quoting, so splitting on commas is exact for them; empty cells become null, as the readers report missing values.
import { readFileSync } from 'node:fs';
import type { CellValue, DataBatch } from '../../../lib/data/batch.js';

/** Batches of `batchRows` rows from CSV text (header on line 1). */
export function csvBatches(text: string, file: string, batchRows = 64): DataBatch[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const columns = lines[0]!.split(',');
  const out: DataBatch[] = [];
  let offset = lines[0]!.length + 1;
  for (let start = 1; start < lines.length; start += batchRows) {
    const chunk = lines.slice(start, start + batchRows);
    const cells: CellValue[][] = columns.map(() => []);
    const lineNumbers = new Uint32Array(chunk.length);
    const offsets = new Float64Array(chunk.length);
    chunk.forEach((line, r) => {
      const fields = line.split(',');
      columns.forEach((_, c) => cells[c]!.push(fields[c] === '' || fields[c] === undefined ? null : fields[c]!));
      lineNumbers[r] = start + r + 1;
      offsets[r] = offset;
      offset += line.length + 1;
    });
    out.push({ file, columns, rowCount: chunk.length, cells, lines: lineNumbers, offsets });
  }
  return out;
}

/** Batches of a CSV file; `file` in the batches is `name` (what reports show). */
export function fileBatches(path: string, name = path, batchRows = 64): DataBatch[] {
  return csvBatches(readFileSync(path, 'utf8'), name, batchRows);
}

/** Batches as the async stream validateDataset reads. */
export async function* stream(...batches: DataBatch[][]): AsyncGenerator<DataBatch> {
  for (const list of batches) for (const b of list) yield b;
}

/** One batch from column-major literal data; lines start at 2 (after a header). */
export function batch(columns: Record<string, CellValue[]>, file = 'data.csv', firstLine = 2): DataBatch {
  const names = Object.keys(columns);
  const rowCount = columns[names[0]!]!.length;
  return {
    file,
    columns: names,
    rowCount,
    cells: names.map((n) => columns[n]!),
    lines: Uint32Array.from({ length: rowCount }, (_, i) => firstLine + i),
    offsets: Float64Array.from({ length: rowCount }, (_, i) => i * 10),
  };
}
