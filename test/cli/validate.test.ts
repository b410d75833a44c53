import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/program.js';
import { parseReport } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return runInProcess(argv, { cwd: assetPath(), env: env });
}
const schema = ['--schema', 'examples/data/churn.schema.yml'];

test('validate: churn-train passes (exit 0)', async () => {
  const r = await cli(['validate', '--data', 'fixtures/datasets/churn-train.csv', ...schema]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /validation passed: 0 of 42 expectations failed \(2000 rows, 0 malformed\)$/);
});

test('validate: churn-bad fails (exit 1); the report holds the planted lines; github format annotates them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-validate-'));
  const reportFile = join(dir, 'validation.json');
  const r = await cli(['validate', '--data', 'fixtures/datasets/churn-bad.csv', ...schema, '--report', reportFile, '--format', 'github'], {
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REPOSITORY: 'acme/churn',
    GITHUB_RUN_ID: '42',
  });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.stdout.split('\n'), [
    '::error file=fixtures/datasets/churn-bad.csv,line=19,title=tenure_months.not_null::not_null on tenure_months: 3 unexpected (1%25); observed missing 3, rows 300; value null',
    '::error file=fixtures/datasets/churn-bad.csv,line=47,title=monthly_charges.in_range::in_range on monthly_charges: 1 unexpected (0.3333%25); observed min -20, max 117.25, outOfRange 1; value -20',
    '::error file=fixtures/datasets/churn-bad.csv,line=152,title=satisfaction_score.in_range::in_range on satisfaction_score: 1 unexpected (0.3333%25); observed min 1, max 9, outOfRange 1; value 9',
    '::error file=fixtures/datasets/churn-bad.csv,line=122,title=plan.in_set::in_set on plan: 1 unexpected (0.3333%25); observed unexpectedValues {platinum 1}; value "platinum"',
    '::error file=fixtures/datasets/churn-bad.csv,line=91,title=tenure_months.not_null::not_null on tenure_months: 3 unexpected (1%25); observed missing 3, rows 300; value null',
    '::error file=fixtures/datasets/churn-bad.csv,line=205,title=tenure_months.not_null::not_null on tenure_months: 3 unexpected (1%25); observed missing 3, rows 300; value null',
    'validation failed: 4 of 42 expectations failed (300 rows, 0 malformed)',
  ]);
  const report = parseReport(await readFile(reportFile, 'utf8'), reportFile, 'mlops/validation');
  assert.deepEqual(report.summary, { expectations: 42, failed: 4, rows: 300, malformed: 0 });
  const lines = report.results.filter((x) => !x.passed).flatMap((x) => x.examples.map((e) => e.line)).sort((a, b) => a - b);
  assert.deepEqual(lines, [19, 47, 91, 122, 152, 205]);
  assert.equal(report.subject.dataset?.rows, 300);
  assert.match(report.subject.dataset?.fingerprint ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(report.subject.commit, { sha: 'a'.repeat(40), repository: 'acme/churn' });
  assert.deepEqual(report.subject.run, { id: 42, url: 'https://github.com/acme/churn/actions/runs/42' });
});

test('validate --format github: at most 10 errors, then a notice counting the rest', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-validate-'));
  const strict = join(dir, 'strict.yml');
  // Every customer id fails this pattern: 300 failing rows, far more than GitHub shows.
  await writeFile(strict, (await readFile(assetPath('examples', 'data', 'churn.schema.yml'), 'utf8')).replace('^C', () => '^X'));
  const r = await cli(['validate', '--data', 'fixtures/datasets/churn-bad.csv', '--schema', strict, '--format', 'github', '--report', join(dir, 'r.json')]);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 10);
  assert.match(lines[0]!, /^::error file=fixtures\/datasets\/churn-bad\.csv,line=2,title=customer_id\.regex::/);
  assert.equal(lines[10], `::notice title=More validation failures::296 more failing rows or expectations are not annotated (GitHub shows 10 error annotations per step); see them in ${join(dir, 'r.json')}`);
});

test('validate --format markdown renders the job summary; --json prints the report', async () => {
  const md = await cli(['validate', '--data', 'fixtures/datasets/churn-bad.csv', ...schema, '--format', 'markdown']);
  assert.equal(md.code, 1);
  assert.match(md.stdout, /^## ❌ Data validation failed: `fixtures\/datasets\/churn-bad.csv`/);
  assert.match(md.stdout, /<details><summary>Examples failing plan.in_set<\/summary>/);
  const json = await cli(['validate', '--data', 'fixtures/datasets/churn-test.csv', ...schema, '--json']);
  assert.equal(json.code, 0);
  assert.equal(JSON.parse(json.stdout).kind, 'mlops/validation');
});

test('validate --split: the churn splits do not overlap; the same file twice overlaps completely', async () => {
  const clean = await cli(['validate', '--split', 'train=fixtures/datasets/churn-train.csv', '--split', 'test=fixtures/datasets/churn-test.csv', ...schema, '--json']);
  assert.equal(clean.code, 0, clean.stderr);
  const overlap = JSON.parse(clean.stdout).results.find((x: { id: string }) => x.id === 'split_overlap');
  assert.deepEqual(overlap.observed, { splits: ['train', 'test'], overlapping: {}, maxOverlapRows: 0 });
  const leaky = await cli(['validate', '--split', 'a=fixtures/datasets/churn-test.csv', '--split', 'b=fixtures/datasets/churn-test.csv', ...schema, '--json']);
  assert.equal(leaky.code, 1);
  const result = JSON.parse(leaky.stdout).results.find((x: { id: string }) => x.id === 'split_overlap');
  assert.deepEqual([result.unexpectedCount, result.observed.overlapping], [1000, { 'a∩b': 1000 }]);
});

test('validate: bad input exits 2 with a clear message', async () => {
  const missing = await cli(['validate', '--data', 'fixtures/datasets/churn-test.csv', '--schema', 'test/fixtures/data-schemas/missing-column.yml']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^test\/fixtures\/data-schemas\/missing-column\.yml:4:11: error: fixtures\/datasets\/churn-test\.csv: column 'tenure_month' \(required by test\/fixtures\/data-schemas\/missing-column\.yml\) is not in the data; its columns are: customer_id, .* \(at columns\[1\]\.name\)\n  hint: did you mean 'tenure_months'\?/);
  const unsafe = await cli(['validate', '--data', 'fixtures/datasets/churn-test.csv', '--schema', 'test/fixtures/data-schemas/unsafe-regex.yml']);
  assert.equal(unsafe.code, 2);
  assert.match(unsafe.stderr, /^error: test\/fixtures\/data-schemas\/unsafe-regex\.yml: 2 errors in data schema\n.*unsafe-regex\.yml:4:12: error: regex refused/);
  assert.equal((await cli(['validate', '--data', 'nope.csv', ...schema])).code, 2);
  assert.equal((await cli(['validate', '--data', 'fixtures/datasets/churn-test.csv', ...schema, '--split', 'a=x.csv'])).code, 2);
  assert.equal((await cli(['validate', '--split', 'nonsense', ...schema])).code, 2);
});

test('schema infer writes a schema the same data passes; schema check accepts it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-infer-'));
  const out = join(dir, 'inferred.yml');
  const inferred = await cli(['schema', 'infer', '--data', 'fixtures/datasets/churn-bad.csv', '--out', out, '--target', 'churned']);
  assert.equal(inferred.code, 0, inferred.stderr);
  assert.match(inferred.stderr, /: 15 columns inferred from 300 rows; review it before relying on it$/);
  assert.equal((await cli(['schema', 'check', out])).code, 0);
  const again = await cli(['validate', '--data', 'fixtures/datasets/churn-bad.csv', '--schema', out]);
  assert.equal(again.code, 0, again.stdout);
  assert.equal((await cli(['schema', 'infer', '--data', 'fixtures/datasets/churn-bad.csv', '--target', 'nope'])).code, 2);
});

test('--summary appends the Markdown job summary while --format github annotates, in one pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-summary-'));
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, '# earlier step\n');
  const out: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: () => {}, verbose: false };
  const code = await runCli(['validate', '--data', 'fixtures/datasets/churn-bad.csv', '--schema', 'examples/data/churn.schema.yml', '--format', 'github', '--summary', summary], { io, cwd: process.cwd(), env: {} });
  assert.equal(code, 1);
  assert.equal(out.filter((l) => l.startsWith('::error')).length, 6);
  const text = readFileSync(summary, 'utf8');
  assert.ok(text.startsWith('# earlier step\n'), 'appends, never overwrites');
  assert.ok(text.includes('## ❌ Data validation failed: `fixtures/datasets/churn-bad.csv`'), text.slice(0, 200));
  assert.ok(text.includes('300 rows · 42 expectations · 4 failed · 0 malformed rows'));
  assert.ok(text.includes('| `in_range` | `monthly_charges` | ❌ failed | min -20, max 117.25, outOfRange 1 | 1 (0.33%) |'));
});

test('validate --baseline: the shifted data moves the means the fixture shifted (exit 1); fresh test data passes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-validate-baseline-'));
  const baseline = join(dir, 'train.profile.json');
  assert.equal((await cli(['profile', '--data', 'fixtures/datasets/churn-train.csv', '--out', baseline])).code, 0);
  const shifted = await cli(['validate', '--data', 'fixtures/datasets/churn-shifted.csv', ...schema, '--baseline', baseline, '--report', join(dir, 'v.json')]);
  assert.equal(shifted.code, 1, shifted.stderr);
  const report = parseReport(await readFile(join(dir, 'v.json'), 'utf8'), 'v.json', 'mlops/validation');
  const failed = report.results.filter((r) => !r.passed).map((r) => r.id);
  // churn-shifted moves tenure (30 → ~17) and support calls (λ 1.5 → 2.6), and so the churn rate: beyond 0.5 std each.
  assert.deepEqual(failed, ['tenure_months.baseline_mean', 'support_calls.baseline_mean', 'churned.baseline_mean']);
  const tenure = report.results.find((r) => r.id === 'tenure_months.baseline_mean')!;
  assert.deepEqual(tenure.observed, { mean: 17.182, baselineMean: 29.992, baselineStd: 18.360772, k: 0.5, deviations: 0.697683 });
  assert.equal(report.summary.expectations, 72);
  assert.doesNotMatch(shifted.stdout, /more \(first 20/);
  const fresh = await cli(['validate', '--data', 'fixtures/datasets/churn-test.csv', ...schema, '--baseline', baseline]);
  assert.equal(fresh.code, 0, fresh.stdout);
  const missing = await cli(['validate', '--data', 'fixtures/datasets/churn-test.csv', ...schema, '--baseline', join(dir, 'nope.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.json/);
});
