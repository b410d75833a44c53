import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MLOPS_YML, MONITOR_YML, RETRAIN_YML, TRAIN_YML, VALIDATE_YML } from '../../demo/lifecycle/repo-files.js';
import { runInProcess } from '../cli/in-process.js';
import { workflowParserErrors } from '../workflows/workflow-checks.js';

// The demo commits these to its sandbox repository; GitHub's own parser must accept them as it would on github.com.
test('the demo repository\'s workflows pass GitHub\'s workflow parser', async () => {
  const files = { 'validate.yml': VALIDATE_YML, 'train.yml': TRAIN_YML, 'monitor.yml': MONITOR_YML, 'retrain.yml': RETRAIN_YML };
  for (const [name, text] of Object.entries(files)) assert.deepEqual(await workflowParserErrors(name, text), [], name);
  // The app dispatches retraining with these inputs (app/training/retrain.ts requires sha and model).
  for (const input of ['sha:', 'model:', 'reason:', 'incident:']) assert.ok(RETRAIN_YML.includes(`      ${input}`), input);
});

test('the demo repository\'s .github/mlops.yml passes mlops config check', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-config-'));
  try {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'mlops.yml'), MLOPS_YML);
    const run = await runInProcess(['config', 'check', '--config', join(dir, '.github', 'mlops.yml')], { cwd: dir, env: {} });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /valid — 1 model, policy risk-medium/);
    assert.match(run.stdout, /churn: owner @bob, risk medium, policy risk-medium, stages staging → production/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
