import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport } from '../../lib/contracts/index.js';
import { assetPath } from '../../lib/package-root.js';

const dir = mkdtempSync(join(tmpdir(), 'mlops-gate-'));

async function cli(argv: string[]) {
  return runInProcess(argv, { cwd: assetPath(), env: {} });
}

const evaluation = join(dir, 'evaluation.json');
const validation = join(dir, 'validation.json');

test('gate over evaluate + validate: risk-medium passes (exit 0), a stricter own policy refuses (exit 1), bad input exit 2', async () => {
  let r = await cli(['evaluate', '--model', 'fixtures/models/churn-v2.onnx', '--champion', 'fixtures/models/churn-v1.onnx', '--data', 'fixtures/datasets/churn-test.csv', '--target', 'churned', '--slices', 'plan', '--bootstrap', '200', '--report', evaluation]);
  assert.equal(r.code, 0, r.stderr);
  r = await cli(['validate', '--data', 'fixtures/datasets/churn-test.csv', '--schema', 'examples/data/churn.schema.yml', '--report', validation]);
  assert.equal(r.code, 0, r.stderr);

  const report = join(dir, 'gate.json');
  r = await cli(['gate', '--policy', 'risk-medium', '--evaluation', evaluation, '--validation', validation, '--report', report]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout.split('\n')[0], 'gate passed: policy risk-medium, 3 of 3 rules pass');
  const gate = await readReport(report, 'mlops/gate');
  assert.equal(gate.passed, true);
  assert.deepEqual(gate.rules.map((x) => x.id), ['validation', 'no-regression', 'slice-gap']);
  assert.deepEqual(gate.inputs.map((i) => [i.kind, i.path]), [['mlops/evaluation', evaluation], ['mlops/validation', validation]]);
  assert.deepEqual(gate.policy.sources.map((s) => s.path), ['policies/risk-medium.yml']);

  const own = join(dir, 'strict.yml');
  writeFileSync(own, 'version: 1\ngates:\n  - id: auc-floor\n    metric: primary\n    op: ">="\n    value: 0.9\n  - id: latency\n    metric: latency_p99_ms\n    op: "<="\n    value: 1000\n');
  r = await cli(['gate', '--policy', own, '--evaluation', evaluation, '--json']);
  assert.equal(r.code, 1);
  const refused = JSON.parse(r.stdout);
  assert.deepEqual(refused.rules.map((x: { id: string; passed: boolean }) => [x.id, x.passed]), [['auc-floor', false], ['latency', true]]);
  assert.match(refused.rules[0].reason, /^roc_auc is 0\.821, which misses >= 0\.9\.$/);

  r = await cli(['gate', '--policy', own, '--evaluation', evaluation, '--format', 'markdown']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^## ❌ Gate failed for `churn-v2`/);

  r = await cli(['gate', '--policy', 'risk-nope', '--evaluation', evaluation]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown policy 'risk-nope'/);
  r = await cli(['gate', '--policy', 'risk-low', '--evaluation', validation]);
  assert.equal(r.code, 2);
});
