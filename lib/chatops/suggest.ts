/** "Did you mean …?": the known word nearest to a typo, by edit distance with transpositions (`promtoe` → `promote`). */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1 each. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate nearest to `word` (case-insensitive), or undefined when none is close: at most 2 edits, and fewer
 * than half the word's length, so `foo` suggests nothing rather than a random command. A prefix of 3+ letters counts.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = w.length >= 3 && c.startsWith(w) ? 1 : editDistance(w, c);
    if (best === undefined || distance < best.distance) best = { name: c, distance };
  }
  if (!best) return undefined;
  return best.distance <= 2 && best.distance < Math.max(2, Math.ceil(w.length / 2)) ? best.name : undefined;
}
