/**
 * Monitoring decisions per column, from the current window compared with the reference baseline and with the
 * previous window, and the column's drift scores over the retained windows:
 * - spike: the window differs from the previous one (drifted against it), or drift against the baseline appears in
 *   this window when the previous window had none — a sudden change;
 * - slow: not a spike, and either the Page–Hinkley detector alarms on the score series (a trend no single window
 *   flags), or the drift against the baseline persists from the previous window;
 * - none otherwise. A column counts as drifted when its change is spike or slow.
 * Severity: a spike takes the worse severity of its two comparisons; slow drift keeps the baseline comparison's
 * severity once over the threshold and is `low` while only the detector sees it.
 */
import type { ColumnDrift } from '../contracts/index.js';
import type { HistoryWindow } from './monitor-history.js';
import { driftScore, pageHinkley, PAGE_HINKLEY_DEFAULTS, type PageHinkleyOptions } from './page-hinkley.js';

const RANK = { none: 0, low: 1, medium: 2, high: 3 } as const;
type Severity = keyof typeof RANK;

/** Column results with `change`, `severity` and `drifted` decided as the module comment says. */
export function classifyChanges(vsBaseline: readonly ColumnDrift[], vsPrevious: readonly ColumnDrift[] | undefined, history: readonly HistoryWindow[], options: PageHinkleyOptions = PAGE_HINKLEY_DEFAULTS): ColumnDrift[] {
  const last = history[history.length - 1];
  return vsBaseline.map((base) => {
    const previous = vsPrevious?.find((c) => c.column === base.column);
    const before = last?.columns.find((c) => c.column === base.column);
    const notes: string[] = base.warning ? [base.warning] : [];
    if (previous?.drifted || (base.drifted && !before?.drifted)) {
      const severity = worse(base.severity ?? 'none', previous?.drifted ? previous.severity ?? 'none' : 'none');
      notes.push(previous?.drifted ? `differs from the previous window (${previous.method} ${round(previous.statistic)})` : 'appeared in this window');
      return { ...base, drifted: true, change: 'spike', severity, warning: notes.join('; ') };
    }
    // spikes are left out of the series: one outlier window is not a trend
    const series = history.flatMap((w) => w.columns.filter((c) => c.column === base.column && c.change !== 'spike').map((c) => c.score));
    series.push(driftScore(base));
    const detector = pageHinkley(series, options);
    if (detector.alarm || (base.drifted && before?.drifted)) {
      notes.push(detector.alarm ? `Page–Hinkley ${round(detector.statistic)} > ${options.lambda} over ${series.length} windows` : 'drift persists from the previous window');
      return { ...base, drifted: true, change: 'slow', severity: base.drifted ? base.severity ?? 'medium' : 'low', warning: notes.join('; ') };
    }
    return { ...base, drifted: false, change: 'none', severity: 'none' };
  });
}

function worse(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

function round(x: number): string {
  return String(Number(x.toPrecision(3)));
}
