import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetPath } from '../../lib/package-root.js';

async function cli(...argv: string[]) {
  return runInProcess(argv, { cwd: assetPath('test', 'fixtures', 'reports'), env: {} });
}

test('report check: valid reports exit 0 and print kind, version and subject', async () => {
  const r = await cli('report', 'check', 'drift.json', 'bundle.json');
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      'drift.json: mlops/drift v1 ok — dataset sha256:111111111111 (10000 rows), model churn 333333333333, commit aaaaaaa (refs/pull/7/merge), run 9182736450',
      'bundle.json: mlops/bundle v1 ok — dataset sha256:111111111111 (10000 rows), model churn 333333333333, commit aaaaaaa (refs/pull/7/merge), run 9182736450',
      'checked 2 reports: 2 valid, 0 invalid',
    ].join('\n'),
  );
});

test('report check: every kind of fixture is valid', async () => {
  const r = await cli('report', 'check', 'validation.json', 'profile.json', 'drift.json', 'evaluation.json', 'gate.json', 'training.json', 'bundle.json');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /checked 7 reports: 7 valid, 0 invalid$/);
});

test('report check: invalid reports exit 2 with file:line:col diagnostics on stderr, and the others are still checked', async () => {
  const r = await cli('report', 'check', 'invalid/validation-broken.json', 'invalid/drift-newer-version.json', 'invalid/unknown-kind.json', 'gate.json');
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    [
      'error: invalid/validation-broken.json: 2 errors in mlops/validation v1 report',
      "invalid/validation-broken.json:1:1: error: missing required key 'passed' (at (document root))\n  hint: add 'passed:' to (document root)",
      "invalid/validation-broken.json:41:13: error: expected an integer, got '10000' (at summary.rows)",
      'invalid/drift-newer-version.json:3:14: error: report version 2 of mlops/drift is newer than this gh-mlops (supports 1); upgrade gh-mlops (at version)\n  hint: this is gh-mlops 0.1.0; use the gh-mlops version that wrote the report, or a later one',
      "invalid/unknown-kind.json:2:11: error: unknown report kind 'mlops/drfit'; known kinds: mlops/validation, mlops/profile, mlops/drift, mlops/evaluation, mlops/gate, mlops/training, mlops/bundle (at kind)\n  hint: did you mean 'mlops/drift'?",
    ].join('\n'),
  );
  assert.match(r.stdout, /^gate\.json: mlops\/gate v1 ok — /);
  assert.match(r.stdout, /checked 4 reports: 1 valid, 3 invalid$/);
});

test('report check --kind refuses another kind', async () => {
  const r = await cli('report', 'check', '--kind', 'mlops/gate', 'drift.json');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'drift.json:2:11: error: drift.json is a mlops/drift report, expected mlops/gate (at kind)\n  hint: pass the mlops/gate report instead');
  assert.equal((await cli('report', 'check', '--kind', 'mlops/gate', 'gate.json')).code, 0);
});

test('report check: an unknown --kind is a usage error', async () => {
  const r = await cli('report', 'check', '--kind', 'mlops/nope', 'gate.json');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /argument 'mlops\/nope' is invalid\. Allowed choices are mlops\/validation, /);
});

test('report check: a missing file exits 2 with a hint', async () => {
  const r = await cli('report', 'check', 'nope.json');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'nope.json: error: cannot read report nope.json: no such file\n  hint: check the path (it is relative to the current directory) or pass the right one');
});

test('report check --format json prints one object with every file', async () => {
  const r = await cli('report', 'check', '--format', 'json', 'gate.json', 'invalid/drift-newer-version.json');
  assert.equal(r.code, 2);
  const parsed = JSON.parse(r.stdout) as { ok: boolean; reports: Array<Record<string, unknown>> };
  assert.equal(parsed.ok, false);
  assert.deepEqual(parsed.reports.map((x) => [x.file, x.valid, x.kind ?? null, x.version ?? null]), [
    ['gate.json', true, 'mlops/gate', 1],
    ['invalid/drift-newer-version.json', false, null, null],
  ]);
  assert.deepEqual(parsed.reports[1]!.error, { code: 'report-version-too-new', message: 'report version 2 of mlops/drift is newer than this gh-mlops (supports 1); upgrade gh-mlops' });
  assert.deepEqual((parsed.reports[1]!.diagnostics as Array<{ location: unknown }>)[0]!.location, { file: 'invalid/drift-newer-version.json', line: 3, col: 14, path: 'version' });
  assert.equal((await cli('report', 'check', '--json', 'gate.json')).code, 0);
});

test('report check: unknown keys warn (exit 0), and fail with --strict (exit 2)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-cli-report-'));
  const { readFile } = await import('node:fs/promises');
  const text = (await readFile(assetPath('test', 'fixtures', 'reports', 'gate.json'), 'utf8')).replace('"passed": false,', '"passed": false,\n  "futureField": 1,');
  await writeFile(join(dir, 'gate.json'), text);
  const lenient = await cli('report', 'check', join(dir, 'gate.json'));
  assert.equal(lenient.code, 0);
  assert.match(lenient.stderr, /gate\.json:\d+:3: warning: unknown key 'futureField' \(ignored\) \(at futureField\)/);
  const strict = await cli('report', 'check', '--strict', join(dir, 'gate.json'));
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /^error: .*gate\.json: unknown keys are errors with --strict\n.*gate\.json:\d+:3: error: unknown key 'futureField'/);
});
