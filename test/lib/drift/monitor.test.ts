import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnDrift } from '../../../lib/contracts/index.js';
import { renderDriftChart } from '../../../lib/drift/monitor-chart.js';
import { classifyChanges } from '../../../lib/drift/monitor-decision.js';
import { appendWindow, nextSlot, type HistoryWindow, type MonitorHistory } from '../../../lib/drift/monitor-history.js';
import { driftScore, pageHinkley } from '../../../lib/drift/page-hinkley.js';

test('pageHinkley: a rising trend alarms, a noisy flat series and a single jump do not', () => {
  assert.deepEqual(pageHinkley([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]), { statistic: 0.7500000000000002, alarm: true });
  assert.deepEqual(pageHinkley([0.3, 0.35, 0.25, 0.3, 0.32, 0.28, 0.3]).alarm, false);
  assert.equal(pageHinkley([0.3, 0.32, 0.28, 0.3, 0.9]).alarm, false);
  // never on fewer than three windows
  assert.equal(pageHinkley([0, 2]).alarm, false);
});

test('driftScore: threshold units, log scale for p-values, clipped to [0, 3]', () => {
  assert.equal(driftScore({ statistic: 0.05, threshold: 0.1 }), 0.5);
  assert.equal(driftScore({ statistic: 0.3, pValue: 0.05, threshold: 0.05 }), 1);
  assert.equal(driftScore({ statistic: 0.3, pValue: 0.0025, threshold: 0.05 }), 2);
  assert.equal(driftScore({ statistic: 0.9, pValue: 0, threshold: 0.05 }), 3);
});

function column(name: string, statistic: number, drifted: boolean, severity: ColumnDrift['severity'] = drifted ? 'high' : 'none'): ColumnDrift {
  return { column: name, type: 'number', method: 'wasserstein', statistic, threshold: 0.1, drifted, severity, approximate: true, baseline: { count: 1, missing: 0 }, current: { count: 1, missing: 0 } };
}

function window(label: string, slot: number, cols: Array<[string, number, boolean, HistoryWindow['columns'][number]['change']]>): HistoryWindow {
  return { label, recordedAt: '2026-11-01T00:00:00.000Z', slot, rows: 10, share: 0, drifted: false, columns: cols.map(([c, score, drifted, change]) => ({ column: c, method: 'wasserstein', statistic: score / 10, score, drifted, change })) };
}

test('classifyChanges: spike when new or different from the previous window, slow when persisting or trending', () => {
  const history = [window('w1', 0, [['a', 0.1, false, 'none'], ['b', 1.5, true, 'spike'], ['c', 0.1, false, 'none']]), window('w2', 1, [['a', 0.1, false, 'none'], ['b', 1.4, true, 'slow'], ['c', 0.4, false, 'none']])];
  const now = [column('a', 0.2, true), column('b', 0.13, true, 'medium'), column('c', 0.095, false), column('d', 0.01, false)];
  const previous = [column('a', 0.3, true, 'high'), column('b', 0.01, false), column('c', 0.02, false), column('d', 0.01, false)];
  const out = classifyChanges(now, previous, history);
  assert.deepEqual(out.map((c) => [c.column, c.change, c.severity, c.drifted, c.warning]), [
    ['a', 'spike', 'high', true, 'differs from the previous window (wasserstein 0.3)'],
    ['b', 'slow', 'medium', true, 'drift persists from the previous window'],
    ['c', 'slow', 'low', true, 'Page–Hinkley 0.517 > 0.5 over 3 windows'],
    ['d', 'none', 'none', false, undefined],
  ]);
  // the first window: drift against the baseline is a spike
  assert.equal(classifyChanges([column('a', 0.5, true)], undefined, [])[0]!.change, 'spike');
});

test('history ring: slots are reused oldest first, retention bounds the windows, a label re-run replaces its window', () => {
  let h: MonitorHistory = { version: 1, retention: 3, baseline: 'sha256:x', windows: [] };
  const slots: number[] = [];
  for (const label of ['a', 'b', 'c', 'd', 'e']) {
    const slot = nextSlot(h);
    slots.push(slot);
    h = appendWindow(h, window(label, slot, []));
  }
  assert.deepEqual(slots, [0, 1, 2, 0, 1]);
  assert.deepEqual(h.windows.map((w) => w.label), ['c', 'd', 'e']);
  h = appendWindow(h, window('d', 9, []));
  assert.deepEqual(h.windows.map((w) => [w.label, w.slot]), [['c', 2], ['e', 1], ['d', 9]]);
});

test('renderDriftChart: mermaid xychart of the highest-scoring columns; nothing for a single window', () => {
  const windows = [window('2026-11-01', 0, [['a', 0.2, false, 'none'], ['b', 0.1, false, 'none']]), window('2026-11-02', 1, [['a', 1.25, true, 'spike'], ['b', 0.1, false, 'none']])];
  assert.equal(renderDriftChart(windows.slice(0, 1)), '');
  assert.equal(renderDriftChart(windows), [
    '```mermaid', 'xychart-beta', '    title "Drift score by window (1 = threshold)"', '    x-axis ["2026-11-01", "2026-11-02"]', '    y-axis "score" 0 --> 1.5',
    '    line [0.2, 1.25]', '    line [0.1, 0.1]', '```', '', 'Lines, in order: `a`, `b`.',
  ].join('\n'));
});
