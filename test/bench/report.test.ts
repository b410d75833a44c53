/** The README table of bench/run.ts: rendering and replacing between the markers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable, replaceBetweenMarkers } from '../../bench/report.js';
import { percentile } from '../../bench/github-emulator.js';

test('renderTable: one row per result, numeric details only, a mark for met and missed targets', () => {
  const table = renderTable(
    [
      { name: 'a', figure: 4816, unit: 'requests/s', target: 2000, ratio: 2.41, details: { p50_ms: 3.111, client: 'x', per_route: [] } },
      { name: 'b', figure: 12.5, unit: 'ms', target: 10, details: {} },
      { name: 'c', figure: 900, unit: 'requests/s', target: 2000, ratio: 0.45, details: { requests: 20000 } },
    ],
    '2 cores',
  );
  assert.equal(
    table,
    [
      '| Benchmark | Figure | Target | Ratio | Details |',
      '| --- | --- | --- | --- | --- |',
      '| a | 4,816 requests/s | 2,000 requests/s | 2.41× ✅ | p50_ms 3.111 |',
      '| b | 12.5 ms | 10 ms | – |  |',
      '| c | 900 requests/s | 2,000 requests/s | 0.45× ❌ | requests 20,000 |',
      '',
      'Measured on 2 cores.',
    ].join('\n'),
  );
});

test('replaceBetweenMarkers keeps what is around the markers and refuses a README without them', () => {
  const readme = '# B\n<!-- bench:start -->\nold\n<!-- bench:end -->\ntail\n';
  assert.equal(replaceBetweenMarkers(readme, 'new'), '# B\n<!-- bench:start -->\nnew\n<!-- bench:end -->\ntail\n');
  assert.throws(() => replaceBetweenMarkers('# B\n', 'new'), /needs <!-- bench:start --> … <!-- bench:end --> markers/);
});

test('percentile is nearest rank', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.deepEqual([percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), percentile(sorted, 0)], [5, 10, 10, 1]);
  assert.ok(Number.isNaN(percentile([], 50)));
});
