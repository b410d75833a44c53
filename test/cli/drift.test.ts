import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport, type DriftReport } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';
import { assertClose } from '../lib/drift/reference.js';

interface CliCase {
  name: string;
  numericMethod: string;
  categoricalMethod: string;
  baselineCsv: string;
  currentCsv: string;
  columns: Record<string, { method: string; statistic: number; pValue?: number }>;
}
const cases = (JSON.parse(readFileSync(assetPath('fixtures', 'reference', 'drift-cli.json'), 'utf8')) as { cases: CliCase[] }).cases;

async function cli(argv: string[], cwd: string) {
  return runInProcess(argv, { cwd, env: {} });
}

async function workdir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-drift-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

for (const c of cases) {
  test(`drift raw mode matches pandas + scipy: ${c.name}`, async () => {
    const dir = await workdir({ 'b.csv': c.baselineCsv, 'c.csv': c.currentCsv });
    const r = await cli(['drift', '--baseline', 'b.csv', '--current', 'c.csv', '--numeric-method', c.numericMethod, '--categorical-method', c.categoricalMethod, '--report', 'r.json', '--format', 'json'], dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const report = parseReport(await readFile(join(dir, 'r.json'), 'utf8'), 'r.json', 'mlops/drift') as DriftReport;
    assert.equal(report.mode, 'raw');
    // id is free text (type string): not compared unless asked for
    assert.deepEqual(report.columns.map((x) => x.column), ['x', 'level', 'color', 'const', 'stable', 'empty']);
    for (const [name, want] of Object.entries(c.columns)) {
      const got = report.columns.find((x) => x.column === name)!;
      assert.equal(got.method, want.method, `${name}: method`);
      assertClose(got.statistic, want.statistic, 1e-9, `${name}: statistic`);
      if (want.pValue !== undefined) assertClose(got.pValue!, want.pValue, 1e-6, `${name}: p-value`);
      assert.equal(got.approximate, false);
    }
    // every value of `empty` is missing in the current data: drift by definition, statistic 1 (docs/drift.md)
    const empty = report.columns.find((x) => x.column === 'empty')!;
    assert.deepEqual([empty.drifted, empty.statistic, empty.warning], [true, 1, 'every value is missing in the current data']);
    const drifted = report.columns.filter((x) => x.drifted).length;
    assert.equal(report.share, drifted / 6);
    assert.equal(r.code, report.share >= 0.5 ? 1 : 0);
  });
}

test('drift: exit 1 on dataset drift, 0 below the share; text, github and markdown formats', async () => {
  const c = cases[0]!;
  const dir = await workdir({ 'b.csv': c.baselineCsv, 'c.csv': c.currentCsv });
  const text = await cli(['drift', '--baseline', 'b.csv', '--current', 'c.csv'], dir);
  assert.equal(text.code, 1, text.stderr);
  const lines = text.stdout.split('\n');
  assert.equal(lines[0], 'dataset drift: 5 of 6 columns drifted (83.3%; dataset drift at 50.0%) · raw data, exact statistics');
  assert.match(lines[2]!, /^column\s+type\s+method\s+statistic\s+p-value\s+threshold\s+drifted\s+severity\s+note$/);
  assert.match(text.stdout, /^stable\s+number\s+ks\s+0\.03571\s+0\.7892\s+0\.05\s+no\s+none$/m);
  const few = await cli(['drift', '--baseline', 'b.csv', '--current', 'c.csv', '--columns', 'stable,level', '--dataset-drift-share', '0.6', '--format', 'github'], dir);
  assert.equal(few.code, 0, few.stderr);
  assert.deepEqual(few.stdout.split('\n'), [
    '::warning title=drift in level::level: chisquare 17.67, p = 0.001433 against threshold 0.05, severity medium',
    '::notice title=drift::no dataset drift: 1 of 2 columns drifted (50.0%25; dataset drift at 60.0%25) · raw data, exact statistics',
  ]);
  const md = await cli(['drift', '--baseline', 'b.csv', '--current', 'c.csv', '--ignore', 'x,color,const,empty', '--dataset-drift-share', '0.6', '--format', 'markdown'], dir);
  assert.equal(md.code, 0, md.stderr);
  assert.ok(md.stdout.includes('| `stable` | number | ks | 0.0357 | 0.7892 | 0.0500 | no | none |'), md.stdout);
});

test('drift profile mode: two mlops/profile reports, approximate, within the stated error bound of raw mode', async () => {
  const c = cases[0]!;
  const dir = await workdir({ 'b.csv': c.baselineCsv, 'c.csv': c.currentCsv });
  assert.equal((await cli(['profile', '--data', 'b.csv', '--out', 'b.json'], dir)).code, 0);
  assert.equal((await cli(['profile', '--data', 'c.csv', '--out', 'c.json'], dir)).code, 0);
  const r = await cli(['drift', '--baseline', 'b.json', '--current', 'c.json', '--report', 'r.json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const report = parseReport(await readFile(join(dir, 'r.json'), 'utf8'), 'r.json', 'mlops/drift') as DriftReport;
  assert.equal(report.mode, 'profile');
  assert.deepEqual(report.columns.map((x) => [x.column, x.method, x.drifted]), [
    ['x', 'ks', true], ['level', 'chisquare', true], ['color', 'chisquare', true], ['const', 'chisquare', true], ['stable', 'ks', false], ['empty', 'ks', true],
  ]);
  for (const col of report.columns) {
    assert.equal(col.approximate, true, col.column);
    const want = c.columns[col.column];
    if (!want) continue;
    if (col.method === 'ks') {
      // the KLL sketches hold ~400 of the 600/700 values: the statistic is within the stated bound
      assert.ok(col.errorBound! > 0 && col.errorBound! < 0.05, `${col.column}: bound ${col.errorBound}`);
      assert.ok(Math.abs(col.statistic - want.statistic) <= col.errorBound!, `${col.column}: ${col.statistic} vs ${want.statistic} ± ${col.errorBound}`);
    } else {
      // categories come from complete top-k lists: exact
      assert.equal(col.errorBound, 0, col.column);
      assertClose(col.statistic, want.statistic, 1e-9, `${col.column} from profiles`);
    }
  }
  // a data path on one side is profiled on the fly
  const mixed = await cli(['drift', '--baseline', 'b.json', '--current', 'c.csv', '--format', 'json'], dir);
  assert.equal(mixed.code, 1, mixed.stderr);
  assert.equal((JSON.parse(mixed.stdout) as DriftReport).mode, 'profile');
});

test('drift bad input: type mismatch, no common columns, empty current, bad flags → exit 2 with the reason', async () => {
  const dir = await workdir({
    'b.csv': 'a,b\n1,x\n2,y\n3,x\n4,y\n',
    'typed.csv': 'a,b\nred,x\nblue,y\nred,x\nblue,y\n',
    'other.csv': 'q,r\n1,2\n',
    'empty.csv': 'a,b\n',
  });
  const mismatch = await cli(['drift', '--baseline', 'b.csv', '--current', 'typed.csv'], dir);
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /column 'a' is integer in the baseline but categorical in the current data/);
  const none = await cli(['drift', '--baseline', 'b.csv', '--current', 'other.csv'], dir);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /b\.csv and other\.csv have no column in common/);
  const empty = await cli(['drift', '--baseline', 'b.csv', '--current', 'empty.csv'], dir);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /empty\.csv has no rows/);
  const flag = await cli(['drift', '--baseline', 'b.csv', '--current', 'b.csv', '--threshold', 'ks=2'], dir);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /--threshold ks is a p-value/);
  const unknown = await cli(['drift', '--baseline', 'b.csv', '--current', 'b.csv', '--columns', 'zz'], dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--columns names 'zz', which b\.csv does not have/);
});

test('prediction drift: the predictions profile of mlops evaluate --no-labels is compared like any dataset (labels not needed)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-prediction-drift-'));
  const evaluate = async (data: string, out: string) => {
    const r = await cli(['evaluate', '--model', assetPath('fixtures', 'models', 'churn-v1.onnx'), '--data', assetPath('fixtures', 'datasets', data), '--target', 'churned', '--no-labels', '--report', join(dir, out)], dir);
    assert.equal(r.code, 0, r.stderr);
  };
  await evaluate('churn-test.csv', 'reference.json');
  await evaluate('churn-shifted.csv', 'shifted.json');
  await evaluate('churn-train.csv', 'train.json');
  // churn-shifted's customers churn at 58 % instead of ~27 %: the model's outputs move with them.
  const shifted = await cli(['drift', '--baseline', 'reference.json', '--current', 'shifted.json', '--format', 'json'], dir);
  assert.equal(shifted.code, 1, shifted.stderr);
  const report = JSON.parse(shifted.stdout) as DriftReport;
  assert.deepEqual(report.columns.map((c) => [c.column, c.method, c.drifted, c.approximate]), [
    ['predicted', 'chisquare', true, true],
    ['probability_0', 'ks', true, true],
    ['probability_1', 'ks', true, true],
  ]);
  assert.ok(report.columns[0]!.pValue! < 1e-50, `chi-square p = ${report.columns[0]!.pValue}`);
  const same = await cli(['drift', '--baseline', 'reference.json', '--current', 'train.json'], dir);
  assert.equal(same.code, 0, same.stdout);
  // A report of another kind is bad input naming what drift takes.
  const validation = await cli(['validate', '--data', assetPath('fixtures', 'datasets', 'churn-test.csv'), '--schema', assetPath('examples', 'data', 'churn.schema.yml'), '--report', join(dir, 'validation.json')], dir);
  assert.equal(validation.code, 0, validation.stderr);
  const wrong = await cli(['drift', '--baseline', 'validation.json', '--current', 'shifted.json'], dir);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /validation\.json is a mlops\/validation report; drift compares mlops\/profile reports, data files, or the predictions of an mlops\/evaluation report/);
});
