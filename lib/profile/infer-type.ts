/**
 * Column type inference that merges: the profiler counts how many values of each kind it saw, and the type is decided
 * from the counts (and the distinct count) only at the end. Counts add across shards and the distinct estimate of
 * merged shards equals the one-pass estimate, so merged profiles get the same type as the concatenation.
 *
 * Kinds of one non-missing value (text from CSV is trimmed first; JSON / Parquet natives map directly):
 * - integer: a JS integer number, or text matching [+-]?digits (no '.', no exponent);
 * - number: any other finite number (text: decimal with optional exponent, e.g. `1.5`, `.5`, `2e-3`, `1.0`);
 * - boolean: a JS boolean, or `true` / `false` in any case. `yes`/`no`, `y`/`n` and `0`/`1` are NOT booleans: the
 *   data validator (lib/validation/cells.ts) accepts only true/false, and a profile must not infer a type its own
 *   validation would then reject; yes/no columns come out categorical, 0/1 columns integer;
 * - datetime: ISO 8601 `YYYY-MM-DD`, optionally `[T ]hh:mm[:ss[.fff]]` and a zone `Z` / `±hh[:]mm`;
 * - text: everything else.
 *
 * The decision (the merge lattice: integer ⊔ number = number; mixing numbers, booleans, datetimes or text gives text):
 * no values → string; only integers → integer; integers and numbers → number; only booleans → boolean; only
 * datetimes → datetime; otherwise the column is text, and text is `categorical` when it has at most
 * CATEGORICAL_MAX_DISTINCT distinct values and each value repeats on average (distinct ≤ count / 2), else `string`.
 */
import type { ColumnType } from '../contracts/profile.js';

/** At most this many distinct values for a text column to be categorical. */
export const CATEGORICAL_MAX_DISTINCT = 1000;

/** How many values of each kind a column held. */
export interface KindCounts {
  integer: number;
  number: number;
  boolean: number;
  datetime: number;
  text: number;
}

/** All-zero counts. */
export function emptyKindCounts(): KindCounts {
  return { integer: 0, number: 0, boolean: 0, datetime: 0, text: 0 };
}

/** Sum of two count sets (a new object). */
export function addKindCounts(a: KindCounts, b: KindCounts): KindCounts {
  return {
    integer: a.integer + b.integer,
    number: a.number + b.number,
    boolean: a.boolean + b.boolean,
    datetime: a.datetime + b.datetime,
    text: a.text + b.text,
  };
}

/** The column type for the kind counts and the (estimated) number of distinct values; see the module comment. */
export function decideType(counts: KindCounts, distinct: number): ColumnType {
  const numeric = counts.integer + counts.number;
  const total = numeric + counts.boolean + counts.datetime + counts.text;
  if (total === 0) return 'string';
  if (numeric === total) return counts.number > 0 ? 'number' : 'integer';
  if (counts.boolean === total) return 'boolean';
  if (counts.datetime === total) return 'datetime';
  return distinct <= CATEGORICAL_MAX_DISTINCT && distinct * 2 <= total ? 'categorical' : 'string';
}

/** Where two column types meet (the lattice above, for reasoning about merges without counts). */
export function joinTypes(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b) return a;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'string';
}
