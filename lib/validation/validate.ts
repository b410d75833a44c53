import type { ProfileBody } from '../contracts/profile.js';
import type { MalformedRow, ValidationBody, ValidationResult } from '../contracts/validation.js';
import type { DataBatch, MalformedRecord } from '../data/batch.js';
import { suggest } from '../documents/suggest.js';
import { BadInputError } from '../errors.js';
import { buildEvaluators } from './build-evaluators.js';
import type { ColumnIndex, LoadedDataSchema } from './types.js';

/** What validation needs besides the data and the schema. */
export interface ValidateOptions {
  /** The baseline profile (`--baseline`): enables the baseline expectations. */
  baseline?: ProfileBody;
  /** `--split`s: their names in order, and which split a batch's file belongs to. Two or more enable `split_overlap`. */
  splits?: { names: string[]; of: (file: string) => string | undefined };
  /** Records the reader skipped; read once the batches are exhausted (the reader appends to it while streaming). */
  malformed?: readonly MalformedRecord[];
}

/**
 * Streams `batches` once through every expectation of `schema` and returns the `mlops/validation` body. Throws
 * BadInputError (exit 2) when a required schema column is not in the data, pointing at the schema's line.
 */
export async function validateDataset(batches: AsyncIterable<DataBatch>, loaded: LoadedDataSchema, options: ValidateOptions = {}): Promise<ValidationBody> {
  const evaluators = buildEvaluators(loaded.schema, { ...(options.baseline ? { baseline: options.baseline } : {}), ...(options.splits ? { splits: options.splits.names } : {}) });
  let columns: ColumnIndex | undefined;
  let header: string[] | undefined;
  let rows = 0;
  for await (const batch of batches) {
    if (!columns || batch.columns !== header) {
      header = batch.columns;
      columns = new Map(batch.columns.map((name, i) => [name, i]));
      checkColumns(loaded, batch);
    }
    const split = options.splits?.of(batch.file);
    const context = split === undefined ? { columns } : { columns, split };
    for (const evaluator of evaluators) evaluator.addBatch(batch, context);
    rows += batch.rowCount;
  }
  const results = evaluators.map((e) => e.finish());
  const malformed: MalformedRow[] = (options.malformed ?? []).map(({ file, line, offset, reason }) => ({ file, line, offset, reason }));
  const failed = results.filter((r) => !r.passed).length;
  return {
    passed: failed === 0,
    summary: { expectations: results.length, failed, rows, malformed: malformed.length },
    results,
    malformed,
  };
}

function checkColumns(loaded: LoadedDataSchema, batch: DataBatch): void {
  const present = new Set(batch.columns);
  loaded.schema.columns.forEach((column, i) => {
    if (column.required === false || present.has(column.name)) return;
    const guess = suggest(column.name, batch.columns);
    const at = loaded.locate?.(['columns', i, 'name']);
    throw new BadInputError('column-not-found', `${batch.file}: column '${column.name}' (required by ${loaded.file}) is not in the data; its columns are: ${batch.columns.join(', ')}`, {
      location: { file: loaded.file, ...(at ?? {}), path: `columns[${i}].name` },
      hint: guess ? `did you mean '${guess}'? (or mark the column \`required: false\`)` : 'fix the column name in the schema, pass the right data file, or mark the column `required: false`',
    });
  });
}

/** Results in the order annotations should show them: failed first, most unexpected rows first, then report order. */
export function rankResults(results: readonly ValidationResult[]): ValidationResult[] {
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => Number(a.result.passed) - Number(b.result.passed) || b.result.unexpectedCount - a.result.unexpectedCount || a.index - b.index)
    .map(({ result }) => result);
}
