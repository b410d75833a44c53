/** Counts per calendar week (ISO weeks: Monday 00:00 UTC), for the throughput chart. */

const dayMs = 86_400_000;

/** Monday 00:00 UTC of the week holding `t` (ms), as ms. */
export function weekStart(t: number): number {
  const day = Math.floor(t / dayMs) * dayMs;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - weekday * dayMs;
}

/** One row per week from the week of `since` to the week of `until`, counting the times that fall in it. */
export function weeklyCounts(times: string[], window: { since: string; until: string }): Array<{ weekStart: string; versions: number }> {
  const rows: Array<{ weekStart: string; versions: number }> = [];
  const last = weekStart(Date.parse(window.until));
  for (let w = weekStart(Date.parse(window.since)); w <= last; w += 7 * dayMs) {
    rows.push({ weekStart: new Date(w).toISOString().slice(0, 10), versions: times.filter((t) => weekStart(Date.parse(t)) === w).length });
  }
  return rows;
}
