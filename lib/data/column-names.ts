/**
 * Column names of a dataset file (a CSV header, the keys of the first JSON line, a Parquet schema): what they become,
 * and which are refused. Every reader checks them the same way.
 */
import { BadInputError } from '../errors.js';

/** Checks a header row: names empty cells like pandas (`Unnamed: i`) and rejects duplicates, listing their columns. */
export function checkHeader(file: string, names: (string | null)[]): string[] {
  const columns = names.map((n, i) => (n === null || n === '' ? `Unnamed: ${i}` : n));
  const seen = new Map<string, number[]>();
  columns.forEach((n, i) => seen.set(n, [...(seen.get(n) ?? []), i + 1]));
  const dups = [...seen].filter(([, at]) => at.length > 1);
  if (dups.length > 0) {
    const list = dups.map(([n, at]) => `"${n}" (columns ${at.join(', ')})`).join(', ');
    throw new BadInputError('duplicate-columns', `${file}:1: duplicate column names in the header: ${list}`, {
      location: { file, line: 1 },
      hint: 'give every column a unique name',
    });
  }
  return columns;
}
