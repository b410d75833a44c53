import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport, type DriftReport } from '../../lib/contracts/index.js';
import type { MonitorHistory } from '../../lib/drift/monitor-history.js';

async function cli(argv: string[], cwd: string) {
  return runInProcess(argv, { cwd, env: {} });
}

// 1,200 rows: v = 0 … 1199 moved by `shift` (Wasserstein under auto: the distance is the shift, std 346.4, so a shift
// of 34.6 is exactly the 0.1 threshold), plus a categorical column that never changes.
function windowCsv(shift: number): string {
  const lines = ['v,plan'];
  for (let i = 0; i < 1200; i++) lines.push(`${i + shift},${['basic', 'pro', 'team'][i % 3]}`);
  return lines.join('\n') + '\n';
}

test('monitor: a slow trend no window flags is caught by Page–Hinkley, then a spike; history is a bounded ring', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-'));
  await writeFile(join(dir, 'train.csv'), windowCsv(0));
  assert.equal((await cli(['profile', '--data', 'train.csv', '--out', 'baseline.json'], dir)).code, 0);
  const shifts = [0, 7, 12, 17, 22, 27, 32, 150];
  const changes: string[] = [];
  const codes: number[] = [];
  let last: DriftReport | undefined;
  for (const [i, shift] of shifts.entries()) {
    await writeFile(join(dir, 'window.csv'), windowCsv(shift));
    const label = `2026-11-${String(10 + i).padStart(2, '0')}`;
    const r = await cli(['monitor', '--baseline', 'baseline.json', '--current', 'window.csv', '--history', 'hist', '--window-label', label, '--retention', '5', '--report', 'r.json'], dir);
    codes.push(r.code);
    last = parseReport(await readFile(join(dir, 'r.json'), 'utf8'), 'r.json', 'mlops/drift') as DriftReport;
    const v = last.columns.find((c) => c.column === 'v')!;
    changes.push(`${v.change}:${v.severity}`);
    assert.equal(last.columns.find((c) => c.column === 'plan')!.change, 'none');
  }
  // scores 0, .2, .35, .49, .64, .78, .92 (all under 1 = the threshold); Page–Hinkley crosses 0.5 at the fifth window
  assert.deepEqual(changes, ['none:none', 'none:none', 'none:none', 'none:none', 'slow:low', 'slow:low', 'slow:low', 'spike:high']);
  // one of two columns drifted = 50% = the dataset share: exit 1 from the first slow window on
  assert.deepEqual(codes, [0, 0, 0, 0, 1, 1, 1, 1]);
  assert.match(last!.columns[0]!.warning!, /differs from the previous window \(wasserstein [\d.]+\)/);
  const history = JSON.parse(await readFile(join(dir, 'hist', 'history.json'), 'utf8')) as MonitorHistory;
  assert.deepEqual(history.windows.map((w) => [w.label, w.slot]), [['2026-11-13', 3], ['2026-11-14', 4], ['2026-11-15', 0], ['2026-11-16', 1], ['2026-11-17', 2]]);
  assert.deepEqual((await readdir(join(dir, 'hist', 'windows'))).sort(), ['slot-00.json', 'slot-01.json', 'slot-02.json', 'slot-03.json', 'slot-04.json']);
  assert.deepEqual(last!.windows!.map((w) => w.label), ['2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17']);

  // the markdown summary carries the chart of scores over the retained windows
  await writeFile(join(dir, 'window.csv'), windowCsv(150));
  const md = await cli(['monitor', '--baseline', 'baseline.json', '--current', 'window.csv', '--history', 'hist', '--window-label', '2026-11-17', '--retention', '5', '--format', 'markdown'], dir);
  assert.equal(md.code, 1, md.stderr);
  assert.ok(md.stdout.includes('```mermaid\nxychart-beta\n    title "Drift score by window (1 = threshold)"\n    x-axis ["2026-11-13", "2026-11-14", "2026-11-15", "2026-11-16", "2026-11-17"]'), md.stdout);
  assert.match(md.stdout, /\n {4}line \[0\.49\d*, 0\.63\d*, 0\.7\d+, 0\.92\d*, 3\]\n/);
  assert.ok(md.stdout.includes('Lines, in order: `v`, `plan`.'));
  // re-running a label replaces that window instead of adding one
  const again = JSON.parse(await readFile(join(dir, 'hist', 'history.json'), 'utf8')) as MonitorHistory;
  assert.equal(again.windows.length, 5);
});

test('monitor: bad flags and bad history are exit 2 with the reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-monitor-'));
  await writeFile(join(dir, 'd.csv'), windowCsv(0));
  const retention = await cli(['monitor', '--baseline', 'd.csv', '--current', 'd.csv', '--history', 'h', '--retention', '1'], dir);
  assert.equal(retention.code, 2);
  assert.match(retention.stderr, /--retention must be an integer from 2 to 99/);
  await writeFile(join(dir, 'history.json'), '{"version": 7, "windows": []}');
  const bad = await cli(['monitor', '--baseline', 'd.csv', '--current', 'd.csv', '--history', '.'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /history\.json: expected a version 1 monitoring history/);
});
