/**
 * The bookkeeping every row-level expectation shares: how many rows were counted, how many failed, the first 20
 * failures as examples, and the `mostly` verdict.
 */
import { maxValidationExamples, type ValidationExample, type ValidationResult } from '../../contracts/validation.js';
import type { CellValue, DataBatch } from '../../data/batch.js';

/** Identity of one expectation in the report. */
export interface ExpectationMeta {
  id: string;
  column?: string;
  expectation: string;
  /** Fraction of counted rows that must pass; 1 = every row. */
  mostly: number;
}

/** `mostly` verdict: the share of counted rows that passed is at least `mostly` (vacuously true with nothing counted). */
export function meetsMostly(unexpected: number, counted: number, mostly: number): boolean {
  if (counted === 0) return true;
  // A tiny tolerance so 0.99 × 100 rows allows exactly 1 failure despite binary fractions.
  return (counted - unexpected) / counted >= mostly - 1e-12;
}

/** Percentage (0–100) rounded to 4 decimals so reports are stable across platforms. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100 * 1e4) / 1e4;
}

/** Counts and examples for one row-level expectation. */
export class RowCheck {
  counted = 0;
  unexpected = 0;
  readonly examples: ValidationExample[] = [];

  constructor(readonly meta: ExpectationMeta) {}

  /** Counts a row that met the expectation. */
  pass(): void {
    this.counted++;
  }

  /** Counts `rows` rows that all met the expectation. */
  passMany(rows: number): void {
    this.counted += rows;
  }

  /** Counts a row that did not; keeps it as an example while fewer than 20 are kept. */
  fail(batch: DataBatch, row: number, value: CellValue): void {
    this.counted++;
    this.unexpected++;
    if (this.examples.length < maxValidationExamples) {
      this.examples.push({ file: batch.file, line: batch.lines[row] ?? row + 1, value });
    }
  }

  /** The result; `observed` defaults to the counts. */
  result(observed?: unknown): ValidationResult {
    const { id, column, expectation, mostly } = this.meta;
    return {
      id,
      ...(column === undefined ? {} : { column }),
      expectation,
      passed: meetsMostly(this.unexpected, this.counted, mostly),
      observed: observed ?? { counted: this.counted, unexpected: this.unexpected },
      unexpectedCount: this.unexpected,
      unexpectedPercent: percent(this.unexpected, this.counted),
      mostly,
      examples: this.examples,
    };
  }
}

/** A result for an expectation about the dataset as a whole (no rows to point at). */
export function aggregateResult(
  meta: Omit<ExpectationMeta, 'mostly'>,
  passed: boolean,
  observed: unknown,
  unexpected = 0,
  whole = 0,
): ValidationResult {
  return {
    id: meta.id,
    ...(meta.column === undefined ? {} : { column: meta.column }),
    expectation: meta.expectation,
    passed,
    observed,
    unexpectedCount: unexpected,
    unexpectedPercent: percent(unexpected, whole),
    examples: [],
  };
}
