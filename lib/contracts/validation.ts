import type { ReportEnvelope, Scalar } from './envelope.js';

/** One offending row kept as an example (a result keeps at most 20). */
export interface ValidationExample {
  file: string;
  line: number;
  value: Scalar;
}

/** The outcome of one expectation. */
export interface ValidationResult {
  /** Stable id: from the config, or generated from column + expectation. */
  id: string;
  column?: string;
  /** Expectation name, e.g. `not_null`, `in_range`, `unique`. */
  expectation: string;
  passed: boolean;
  /** What was measured: a number, a value or a small mapping. */
  observed: unknown;
  unexpectedCount: number;
  /** 0–100. */
  unexpectedPercent: number;
  /** Fraction (0–1) of rows that must meet the expectation. */
  mostly?: number;
  examples: ValidationExample[];
}

/** A row the reader could not parse. */
export interface MalformedRow {
  file: string;
  line: number;
  /** Byte offset of the row in the file. */
  offset: number;
  reason: string;
}

/** Body of `mlops/validation` v1. */
export interface ValidationBody {
  passed: boolean;
  summary: { expectations: number; failed: number; rows: number; malformed: number };
  results: ValidationResult[];
  malformed: MalformedRow[];
}

/** A complete `mlops/validation` v1 report. */
export type ValidationReport = ReportEnvelope<'mlops/validation', 1> & ValidationBody;

/** Most examples a result keeps (the schema refuses more). */
export const maxValidationExamples = 20;
