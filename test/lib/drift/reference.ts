/** Loads fixtures/reference/drift-stats.json (scipy 1.10 values) and replays its sample specs bit for bit. */
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { assetPath } from '../../../lib/package-root.js';

/** A sample listed inline or described by the generator of scripts/gen-drift-reference.py. */
export type SampleSpec = number[] | { seed: number; n: number; mod: number; scale: number; shift?: number; draws?: number };

/** The parsed reference file. */
export const reference = JSON.parse(readFileSync(assetPath('fixtures', 'reference', 'drift-stats.json'), 'utf8')) as {
  ks: Array<{ name: string; a: SampleSpec; b: SampleSpec; statistic: number; pValue: number }>;
  kstwo: Array<{ n: number; x: number; sf: number }>;
  smirnov: Array<{ n: number; x: number; sf: number }>;
  chi2: Array<{ dof: number; x: number; sf: number }>;
  counts: Array<{ name: string; baseline: number[]; current: number[]; chi2: number; pValue: number; dof: number; jensenshannon: number; psi: number }>;
  numeric: Array<{ name: string; baseline: SampleSpec; current: SampleSpec; wasserstein: number; baselineStd: number; edges: number[]; baselineCounts: number[]; currentCounts: number[]; jensenshannon: number; psi: number }>;
};

/** The sample a spec describes: value = (Σ draws of x mod m) / scale + shift, x ← x·48271 mod (2³¹ − 1). */
export function replay(spec: SampleSpec): Float64Array {
  if (Array.isArray(spec)) return Float64Array.from(spec);
  const out = new Float64Array(spec.n);
  let x = spec.seed;
  for (let i = 0; i < spec.n; i++) {
    let total = 0;
    for (let d = 0; d < (spec.draws ?? 1); d++) {
      x = (x * 48271) % 2147483647;
      total += x % spec.mod;
    }
    out[i] = total / spec.scale + (spec.shift ?? 0);
  }
  return out;
}

/** Asserts |actual − expected| ≤ rtol·|expected| (or both exactly 0), naming the case. */
export function assertClose(actual: number, expected: number, rtol: number, what: string): void {
  if (expected === 0) {
    assert.equal(actual, 0, `${what}: expected exactly 0, got ${actual}`);
    return;
  }
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(rel <= rtol, `${what}: expected ${expected}, got ${actual} (relative error ${rel.toExponential(2)} > ${rtol})`);
}
