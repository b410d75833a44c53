/**
 * The data schema (`schema/data-schema.schema.json`) as TypeScript types, and the contract every expectation evaluator
 * follows. Shapes mirror the JSON Schema; `load-schema.ts` guarantees a loaded schema fits them.
 */
import type { ValidationResult } from '../contracts/validation.js';
import type { DataBatch } from '../data/batch.js';

/** Logical column types (the same names the profiles use). */
export type DataType = 'integer' | 'number' | 'boolean' | 'datetime' | 'categorical' | 'string';

/** A scalar as a schema lists it (allowed values). */
export type SchemaValue = string | number | boolean;

/** Inclusive numeric (or ISO date) bounds. */
export interface RangeSpec {
  id?: string;
  min?: number | string;
  max?: number | string;
  mostly?: number;
}

/** One column and its expectations. */
export interface ColumnSpec {
  name: string;
  description?: string;
  required?: boolean;
  type?: DataType;
  nullable?: boolean;
  maxMissing?: number;
  mostly?: number;
  range?: RangeSpec;
  allowed?: SchemaValue[] | { id?: string; values: SchemaValue[]; mostly?: number };
  regex?: string | { id?: string; pattern: string; ignoreCase?: boolean; mostly?: number };
  unique?: boolean | { id?: string; mostly?: number };
  length?: { id?: string; min?: number; max?: number; mostly?: number };
}

/** Comparison operators of `compare`. */
export type CompareOp = '<' | '<=' | '==' | '!=' | '>=' | '>';

/** A whole data schema file. */
export interface DataSchema {
  version: 1;
  name?: string;
  description?: string;
  target?: string;
  mostly?: number;
  order?: 'any' | 'strict';
  extraColumns?: 'allow' | 'forbid';
  columns: ColumnSpec[];
  rows?: { id?: string; min?: number; max?: number };
  classBalance?: { id?: string; column?: string; min?: number; max?: number; classes?: Record<string, { min?: number; max?: number }> };
  compare?: Array<{ id?: string; left: string; op: CompareOp; right: string; mostly?: number }>;
  baseline?: { meanWithinStd?: number; maxMissingIncrease?: number; maxNewCategoryShare?: number; columns?: string[] };
  leakage?: { maxOverlapRows?: number; ignoreColumns?: string[]; target?: boolean };
}

/** A schema as loaded from a file: the value, and where each part of it sits (for errors that point at the schema). */
export interface LoadedDataSchema {
  file: string;
  schema: DataSchema;
  /** 1-based line/column of a path in the schema file; absent for schemas built in code. */
  locate?: (path: ReadonlyArray<string | number>) => { line: number; col: number };
}

/** Column name → index in `batch.cells`, built once from the first batch. */
export type ColumnIndex = ReadonlyMap<string, number>;

/** What an evaluator learns about a batch besides its rows. */
export interface BatchContext {
  columns: ColumnIndex;
  /** The `--split` name the batch's file belongs to, when splits were given. */
  split?: string;
}

/**
 * A streaming expectation: sees every batch once, in order, and keeps only what it needs (counters, the first 20
 * examples, and for `unique` / `split_overlap` a set of hashes). Pure: no I/O.
 */
export interface Evaluator {
  addBatch(batch: DataBatch, context: BatchContext): void;
  finish(): ValidationResult;
}
