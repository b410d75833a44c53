import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a misspelled word, or undefined when nothing is plausibly meant.
 * "Plausible" = edit distance at most a third of the word's length (min 1, or 2 from four letters on, to catch transpositions; max 3), or a case-only difference.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.min(3, Math.max(word.length >= 4 ? 2 : 1, Math.floor(word.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}
