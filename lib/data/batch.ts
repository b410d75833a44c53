/**
 * The unit every data reader yields and every consumer (profiles, validation, drift, evaluation) reads: a batch of
 * rows from one file, column-major so per-column work stays in tight loops and memory stays bounded by the batch size.
 */

/**
 * One cell: native values from JSON Lines and Parquet; from CSV, text, except that an unquoted plain decimal numeral
 * (`-12.50`, `3`, `1e-05`; not `007` or `+1`) is its number, as pandas reads it (`NumeralReader`); null = missing.
 */
export type CellValue = string | number | boolean | null;

/** A batch of consecutive rows of one file. */
export interface DataBatch {
  /** The file these rows come from (as the user named it, or as a glob/directory expanded it). */
  file: string;
  /** Column names in file order (the same for every batch of a dataset; readers check it across files). */
  columns: string[];
  rowCount: number;
  /** `cells[column][row]`. */
  cells: CellValue[][];
  /** 1-based line where each row starts in its file (CSV, JSON Lines); 1-based row number for Parquet. */
  lines: Uint32Array;
  /** Byte offset where each row starts in the (decompressed) file. */
  offsets: Float64Array;
  /**
   * Optional hint for hot loops: `numeric[column] === 1` promises that every cell of that column in this batch is a
   * finite number (so nothing is missing). 0 promises nothing. Readers set it when it costs them nothing.
   */
  numeric?: Uint8Array;
}

/** A record that could not be read, pointed at precisely. */
export interface MalformedRecord {
  file: string;
  line: number;
  offset: number;
  reason: string;
}

/** What a reader knows about a whole file once it has streamed it (for fingerprints and lineage). */
export interface FileSummary {
  file: string;
  format: 'csv' | 'jsonl' | 'parquet';
  compressed: boolean;
  /** sha256 (hex) of the file's bytes as stored (compressed bytes when gzipped). */
  sha256: string;
  bytes: number;
  rows: number;
}

/** Options every reader understands. */
export interface ReadOptions {
  /** `auto` decides by extension (`.csv`, `.tsv`, `.jsonl`/`.ndjson`, `.parquet`, each optionally `.gz`). */
  format?: 'auto' | 'csv' | 'jsonl' | 'parquet';
  /** CSV field delimiter; default `,` (`\t` for `.tsv`). */
  delimiter?: string;
  /** How many malformed records to skip (each reported) before failing; default 0. */
  maxMalformed?: number;
  /** Rows per batch; default 2,048 (smaller batches keep cell strings in the young generation: ~2x faster than 16k). */
  batchRows?: number;
  onMalformed?: (record: MalformedRecord) => void;
  onFile?: (summary: FileSummary) => void;
}
