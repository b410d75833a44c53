import { stringify } from 'yaml';
import type { DataBatch } from '../data/batch.js';
import { canonicalKey, isMissing, matchesType, toComparable, toText } from './cells.js';
import { valueHash } from './expectations/unique.js';
import type { ColumnSpec, DataSchema, DataType, SchemaValue } from './types.js';

/** Tuning of schema inference (defaults in `inferDefaults`). */
export interface InferOptions {
  /** Target column: recorded as `target` (enables target leakage and lets people add class balance). */
  target?: string;
  /** Most distinct values for which a text column gets `type: categorical` and an `allowed` list. */
  maxCategories?: number;
  /** Most distinct values tracked for uniqueness; past it a column is not declared unique (bounds memory). */
  maxTrackedDistinct?: number;
  name?: string;
}

/** Defaults of InferOptions. */
export const inferDefaults = { maxCategories: 50, maxTrackedDistinct: 1_000_000 } as const;

const candidateTypes: DataType[] = ['boolean', 'integer', 'number', 'datetime'];

/** What one pass learns about a column. */
interface ColumnStats {
  name: string;
  rows: number;
  missing: number;
  /** Types every non-missing value so far parses as. */
  types: Set<DataType>;
  min?: { kind: 'number' | 'date'; value: number; text: string | number };
  max?: { kind: 'number' | 'date'; value: number; text: string | number };
  /** Distinct canonical values with one original value each, until there are more than maxCategories. */
  categories?: Map<string, SchemaValue>;
  /** Value hashes for uniqueness; undefined once a repeat is seen or the limit is passed. */
  distinct?: Set<string>;
  minLength?: number;
  maxLength?: number;
}

/**
 * Infers a data schema from one pass over the data such that the same data passes it: types every value parses as,
 * `nullable: false` or `maxMissing` (observed fraction, rounded up), numeric / date `range` from the observed min and
 * max, `allowed` for text columns with few distinct values, `unique` + `length` for id-like text columns (every value
 * distinct, none missing). Memory: per column, up to maxCategories values and, while still unique, a Set of hashes.
 */
export async function inferSchema(batches: AsyncIterable<DataBatch>, options: InferOptions = {}): Promise<DataSchema> {
  const maxCategories = options.maxCategories ?? inferDefaults.maxCategories;
  const maxTracked = options.maxTrackedDistinct ?? inferDefaults.maxTrackedDistinct;
  let stats: ColumnStats[] | undefined;
  let rows = 0;
  for await (const batch of batches) {
    stats ??= batch.columns.map((name) => ({ name, rows: 0, missing: 0, types: new Set(candidateTypes), categories: new Map(), distinct: new Set() }));
    batch.columns.forEach((_, ci) => observeColumn(stats![ci]!, batch, ci, maxCategories, maxTracked));
    rows += batch.rowCount;
  }
  const columns = (stats ?? []).map((s) => columnSpec(s, rows));
  const schema: DataSchema = {
    version: 1,
    ...(options.name ? { name: options.name } : {}),
    ...(options.target ? { target: options.target } : {}),
    columns,
    rows: { min: rows === 0 ? 0 : 1 },
  };
  return schema;
}

function observeColumn(s: ColumnStats, batch: DataBatch, ci: number, maxCategories: number, maxTracked: number): void {
  const cells = batch.cells[ci]!;
  for (let row = 0; row < batch.rowCount; row++) {
    const cell = cells[row] ?? null;
    s.rows++;
    if (isMissing(cell)) {
      s.missing++;
      s.distinct = undefined;
      continue;
    }
    for (const type of s.types) if (!matchesType(cell, type)) s.types.delete(type);
    const v = toComparable(cell);
    if (v) {
      const text = typeof cell === 'number' ? cell : toText(cell);
      if (!s.min || (v.kind === s.min.kind && v.value < s.min.value)) s.min = { ...v, text };
      if (!s.max || (v.kind === s.max.kind && v.value > s.max.value)) s.max = { ...v, text };
    }
    const key = canonicalKey(cell);
    if (s.categories) {
      if (!s.categories.has(key)) s.categories.set(key, typeof cell === 'string' ? cell.trim() : cell);
      if (s.categories.size > maxCategories) s.categories = undefined;
    }
    if (s.distinct) {
      const hash = valueHash(key);
      if (s.distinct.has(hash) || s.distinct.size >= maxTracked) s.distinct = undefined;
      else s.distinct.add(hash);
    }
    let length = 0;
    for (const _ of toText(cell)) length++;
    if (s.minLength === undefined || length < s.minLength) s.minLength = length;
    if (s.maxLength === undefined || length > s.maxLength) s.maxLength = length;
  }
}

function columnSpec(s: ColumnStats, rows: number): ColumnSpec {
  const present = s.rows - s.missing;
  const type: DataType =
    present === 0 ? 'string' : (candidateTypes.find((t) => s.types.has(t)) ?? (s.categories && s.categories.size < present ? 'categorical' : 'string'));
  const spec: ColumnSpec = { name: s.name, type };
  if (s.missing === 0 && rows > 0) spec.nullable = false;
  else if (rows > 0) {
    // Rounded up to 4 decimals so the observed fraction itself passes.
    spec.maxMissing = Math.min(1, Math.ceil((s.missing / s.rows) * 1e4) / 1e4);
    spec.description = `observed ${s.missing} missing of ${s.rows} rows (${((s.missing / s.rows) * 100).toFixed(2)}%)`;
  }
  const numeric = type === 'integer' || type === 'number';
  if ((numeric || type === 'datetime') && s.min && s.max) {
    spec.range = numeric ? { min: s.min.value, max: s.max.value } : { min: String(s.min.text), max: String(s.max.text) };
  }
  if (type === 'categorical' && s.categories) {
    spec.allowed = [...s.categories.values()].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  }
  if (type === 'string' && s.distinct && s.missing === 0 && present >= 2) {
    spec.unique = true;
    if (s.minLength !== undefined && s.maxLength !== undefined) spec.length = { min: s.minLength, max: s.maxLength };
  }
  return spec;
}

/** The YAML text `mlops schema infer` writes: a header comment pointing editors at the JSON Schema, then the schema. */
export function formatSchemaYaml(schema: DataSchema, schemaUrl = 'https://raw.githubusercontent.com/gh-mlops/gh-mlops/main/schema/data-schema.schema.json'): string {
  return `# yaml-language-server: $schema=${schemaUrl}\n# Inferred by \`mlops schema infer\`: review the bounds before relying on them (docs/validation.md).\n` +
    stringify(schema, { lineWidth: 0, flowCollectionPadding: false, collectionStyle: 'block' });
}
