import type { CellValue } from '../../data/batch.js';
import { isMissing, toComparable, toText } from '../cells.js';
import type { CompareOp, Evaluator } from '../types.js';
import { RowCheck, type ExpectationMeta } from './row-check.js';

const holds: Record<CompareOp, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

/**
 * `compare`: `left op right` on every row where both are present. Both sides must be numbers, or both ISO dates; a row
 * where they are not comparable fails. Examples show the row's two values as `left=…, right=…`.
 */
export function compareExpectation(meta: ExpectationMeta, left: string, op: CompareOp, right: string): Evaluator {
  const check = new RowCheck(meta);
  const test = holds[op];
  return {
    addBatch(batch, { columns }) {
      const li = columns.get(left);
      const ri = columns.get(right);
      if (li === undefined || ri === undefined) return;
      const lc = batch.cells[li]!;
      const rc = batch.cells[ri]!;
      for (let row = 0; row < batch.rowCount; row++) {
        const a: CellValue = lc[row] ?? null;
        const b: CellValue = rc[row] ?? null;
        if (isMissing(a) || isMissing(b)) continue;
        const x = toComparable(a);
        const y = toComparable(b);
        if (x && y && x.kind === y.kind && test(x.value, y.value)) check.pass();
        else check.fail(batch, row, `${left}=${toText(a)}, ${right}=${toText(b)}`);
      }
    },
    finish() {
      return check.result({ comparison: `${left} ${op} ${right}`, counted: check.counted, violations: check.unexpected });
    },
  };
}
