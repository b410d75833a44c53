import { toText } from '../cells.js';
import type { Evaluator } from '../types.js';
import { columnCheck } from './column-check.js';
import type { ExpectationMeta } from './row-check.js';

/**
 * `regex`: the value, as text, matches `pattern` (Unicode mode; unanchored unless the pattern says ^…$). The loader has
 * already refused patterns that can backtrack catastrophically (see regex-safety.ts).
 */
export function regexExpectation(meta: ExpectationMeta & { column: string }, pattern: string, ignoreCase = false): Evaluator {
  const re = new RegExp(pattern, ignoreCase ? 'iu' : 'u');
  return columnCheck(meta, (cell) => re.test(toText(cell)), (c) => ({ pattern, matched: c.counted - c.unexpected, unmatched: c.unexpected }));
}
