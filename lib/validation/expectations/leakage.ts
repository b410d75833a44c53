import { createHash } from 'node:crypto';
import type { CellValue } from '../../data/batch.js';
import { canonicalKey, isMissing } from '../cells.js';
import type { Evaluator } from '../types.js';
import { aggregateResult, RowCheck } from './row-check.js';

/**
 * `split_overlap`: rows of a later split (in `--split` order) identical to a row of an earlier split. Rows are hashed
 * (sha256 over the canonical cells of the hashed columns, missing cells as a marker), so memory is one 16-byte digest
 * (as a base64 string) per distinct row. Passes when at most `maxOverlapRows` rows leak. Examples are the leaking rows.
 */
export function splitOverlapExpectation(id: string, options: { maxOverlapRows: number; ignoreColumns: string[] }): Evaluator {
  const firstSplit = new Map<string, string>();
  const pairs = new Map<string, number>();
  const check = new RowCheck({ id, expectation: 'split_overlap', mostly: 1 });
  const ignore = new Set(options.ignoreColumns);
  const splits: string[] = [];
  return {
    addBatch(batch, { split = '(data)' }) {
      if (!splits.includes(split)) splits.push(split);
      const hashed = batch.columns.map((name, i) => (ignore.has(name) ? -1 : i)).filter((i) => i >= 0);
      for (let row = 0; row < batch.rowCount; row++) {
        const hash = createHash('sha256');
        for (const i of hashed) {
          const cell: CellValue = batch.cells[i]![row] ?? null;
          // \u0000 separates cells and \u0001 marks a missing one, so ('a,b') and ('a','b') hash differently.
          hash.update(isMissing(cell) ? '\u0001' : canonicalKey(cell)).update('\u0000');
        }
        const key = hash.digest('base64').slice(0, 22);
        const earlier = firstSplit.get(key);
        if (earlier === undefined) {
          firstSplit.set(key, split);
          check.pass();
        } else if (earlier !== split) {
          const pair = `${earlier}∩${split}`;
          pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
          check.fail(batch, row, `row also in ${earlier}`);
        } else {
          check.pass();
        }
      }
    },
    finish() {
      const result = check.result({ splits, overlapping: Object.fromEntries(pairs), maxOverlapRows: options.maxOverlapRows });
      return { ...result, passed: check.unexpected <= options.maxOverlapRows };
    },
  };
}

/** Per feature: does it still equal (or map one-to-one onto) the target on every row seen so far? */
interface FeatureTrack {
  identical: boolean;
  bijective: boolean;
  forward: Map<string, string>;
  backward: Map<string, string>;
}

/** Past this many target classes a one-to-one mapping is not tracked (only identity): keeps memory bounded. */
const maxMappedClasses = 64;

/**
 * `target_leakage`: a feature whose value equals the target on every row, or maps one-to-one onto it (`yes`/`no` for
 * 1/0). Missing counts as a value (a feature missing exactly where the target is missing still leaks). Needs at least
 * two distinct target values. unexpectedCount = leaking features; unexpectedPercent is of all features.
 */
export function targetLeakageExpectation(id: string, target: string): Evaluator {
  const tracks = new Map<string, FeatureTrack>();
  // With a single target value every constant feature would "leak": at least two classes are needed.
  const targetValues = new Set<string>();
  let rows = 0;
  return {
    addBatch(batch, { columns }) {
      const ti = columns.get(target);
      if (ti === undefined) return;
      const tc = batch.cells[ti]!;
      const key = (c: CellValue | undefined) => (isMissing(c) ? '\u0001' : canonicalKey(c));
      for (let row = 0; row < batch.rowCount && targetValues.size < 2; row++) targetValues.add(key(tc[row]));
      batch.columns.forEach((name, fi) => {
        if (fi === ti) return;
        let t = tracks.get(name);
        if (!t) tracks.set(name, (t = { identical: true, bijective: true, forward: new Map(), backward: new Map() }));
        if (!t.identical && !t.bijective) return;
        const fc = batch.cells[fi]!;
        for (let row = 0; row < batch.rowCount; row++) {
          const f = key(fc[row]);
          const g = key(tc[row]);
          if (t.identical && f !== g) t.identical = false;
          if (t.bijective) {
            const mappedTo = t.forward.get(f);
            const mappedFrom = t.backward.get(g);
            if ((mappedTo !== undefined && mappedTo !== g) || (mappedFrom !== undefined && mappedFrom !== f) || t.forward.size > maxMappedClasses) {
              t.bijective = false;
              t.forward.clear();
              t.backward.clear();
            } else {
              t.forward.set(f, g);
              t.backward.set(g, f);
            }
          }
          if (!t.identical && !t.bijective) break;
        }
      });
      rows += batch.rowCount;
    },
    finish() {
      const identical: string[] = [];
      const oneToOne: string[] = [];
      if (targetValues.size >= 2) {
        for (const [name, t] of tracks) {
          if (t.identical) identical.push(name);
          else if (t.bijective && t.forward.size >= 2) oneToOne.push(name);
        }
      }
      const leaking = identical.length + oneToOne.length;
      return aggregateResult({ id, column: target, expectation: 'target_leakage' }, leaking === 0, { identical, oneToOne, features: tracks.size }, leaking, tracks.size);
    },
  };
}
