import { createHash } from 'node:crypto';
import { canonicalKey } from '../cells.js';
import type { Evaluator } from '../types.js';
import { columnCheck } from './column-check.js';
import type { ExpectationMeta } from './row-check.js';

// Short keys are kept as they are (exact and cheaper than hashing); long ones as a sha256 digest, so memory is about
// 50 bytes of key per distinct value plus the Set's own overhead: proportional to the number of distinct values.
const maxRawKey = 32;

/** The key `unique` and row hashing store for a value. */
export function valueHash(key: string): string {
  return key.length <= maxRawKey ? key : '#' + createHash('sha256').update(key).digest('base64');
}

/**
 * `unique`: no value occurs twice. Every repeat after the first occurrence is an unexpected row (the first one is
 * not: it is the value the others duplicate). Memory: a Set of value hashes, one per distinct value.
 */
export function uniqueExpectation(meta: ExpectationMeta & { column: string }): Evaluator {
  const seen = new Set<string>();
  return columnCheck(
    meta,
    (cell) => {
      const hash = valueHash(canonicalKey(cell));
      if (seen.has(hash)) return false;
      seen.add(hash);
      return true;
    },
    (c) => ({ distinct: seen.size, duplicates: c.unexpected }),
  );
}
