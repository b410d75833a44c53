/** Hand-built DataBatch objects for profile tests (the readers are not involved). */
import type { CellValue, DataBatch } from '../../../lib/data/batch.js';

/** Column-major batches of at most `size` rows from row-major `rows`. */
export function batchesOf(file: string, columns: string[], rows: CellValue[][], size = 1000): DataBatch[] {
  const out: DataBatch[] = [];
  for (let start = 0; start < rows.length || (start === 0 && out.length === 0); start += size) {
    const slice = rows.slice(start, start + size);
    out.push({
      file,
      columns,
      rowCount: slice.length,
      cells: columns.map((_, c) => slice.map((row) => row[c] ?? null)),
      lines: Uint32Array.from(slice, (_, i) => start + i + 2),
      offsets: new Float64Array(slice.length),
    });
    if (slice.length === 0) break;
  }
  return out;
}
