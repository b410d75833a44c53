/** The sklearn/scipy reference values (fixtures/reference/evaluation-metrics.json, from scripts/gen-evaluation-reference.py). */
import { readFileSync } from 'node:fs';
import { assetPath } from '../../../lib/package-root.js';

type Expected = Record<string, number | null>;

/** The reference document's cases. */
export interface ReferenceCases {
  binary: Array<{ name: string; threshold: number; y: number[]; p: number[]; expected: Expected; confusion: number[][] }>;
  multiclass: Array<{ name: string; y: number[]; proba: number[][]; expected: Expected; confusion: number[][] }>;
  regression: Array<{ name: string; y: number[]; pred: number[]; expected: Expected }>;
  mcnemar: Array<{ b: number; c: number; statistic: number; pValue: number }>;
  percentile: Array<{ values: number[]; q: number; expected: number }>;
  bootstrap: Array<{ name: string; seed: number; resamples: number; y: number[]; challenger: number[]; champion: number[]; firstIndices: number[]; ci: Record<string, [number, number]> }>;
}

/** Loads the reference cases. */
export function referenceCases(): ReferenceCases {
  return (JSON.parse(readFileSync(assetPath('fixtures', 'reference', 'evaluation-metrics.json'), 'utf8')) as { cases: ReferenceCases }).cases;
}

/** Asserts `actual` equals the reference within `tolerance` (relative for large values), null for null. */
export function close(actual: number | null | undefined, expected: number | null, tolerance = 1e-12): boolean {
  if (expected === null) return actual === null;
  if (actual === null || actual === undefined) return false;
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}
