import { toText } from '../cells.js';
import type { Evaluator } from '../types.js';
import { columnCheck } from './column-check.js';
import type { ExpectationMeta } from './row-check.js';

/** `length`: the value's text has between `min` and `max` characters (code points), inclusive. */
export function lengthExpectation(meta: ExpectationMeta & { column: string }, bounds: { min?: number; max?: number }): Evaluator {
  let shortest: number | undefined;
  let longest: number | undefined;
  return columnCheck(
    meta,
    (cell) => {
      const text = toText(cell);
      // Code points, not UTF-16 units: 'é' or an emoji is one character to the person writing the bound.
      let n = 0;
      for (const _ of text) n++;
      if (shortest === undefined || n < shortest) shortest = n;
      if (longest === undefined || n > longest) longest = n;
      return (bounds.min === undefined || n >= bounds.min) && (bounds.max === undefined || n <= bounds.max);
    },
    () => ({ minLength: shortest ?? null, maxLength: longest ?? null }),
  );
}
