import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleManifestFile, parseReport, verifyBundle } from '../../lib/contracts/index.js';
import { runInProcess } from './in-process.js';

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

test('mlops bundle copies the model and reports under the registry names and writes a verified mlops/bundle manifest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-bundle-'));
  try {
    writeFileSync(join(dir, 'm.onnx'), Buffer.from([8, 1, 2, 3]));
    writeFileSync(join(dir, 'eval.json'), '{"kind":"x"}\n');
    const commit = 'a'.repeat(40);
    const run = await runInProcess(['bundle', '--model', 'churn', '--dir', 'out', 'model=m.onnx', 'evaluation=eval.json', '--json'], { cwd: dir, env: { GITHUB_SHA: commit } });
    assert.equal(run.code, 0, run.stderr);
    const manifest = parseReport(readFileSync(join(dir, 'out', bundleManifestFile), 'utf8'), bundleManifestFile, 'mlops/bundle');
    assert.deepEqual(manifest.model, { name: 'churn' });
    assert.deepEqual(manifest.subject, { model: { name: 'churn', sha256: sha(Buffer.from([8, 1, 2, 3])), bytes: 4 }, commit: { sha: commit } });
    assert.deepEqual(manifest.files, [
      { role: 'model', path: 'model.onnx', sha256: sha(Buffer.from([8, 1, 2, 3])), bytes: 4 },
      { role: 'evaluation', path: 'reports/evaluation.json', sha256: sha('{"kind":"x"}\n'), bytes: 13 },
    ]);
    assert.deepEqual(await verifyBundle(join(dir, 'out'), manifest), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mlops bundle: no model, an unknown or repeated role, a missing file are bad input (exit 2) saying which', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-bundle-'));
  try {
    writeFileSync(join(dir, 'm.onnx'), 'x');
    const cases: Array<[string[], RegExp]> = [
      [['evaluation=m.onnx'], /a bundle needs the model: model=PATH/],
      [['model=m.onnx', 'lineage=m.onnx'], /"lineage=m.onnx" is not ROLE=PATH with a role of model, validation, training, evaluation, training-profile, predictions-profile/],
      [['model=m.onnx', 'model=m.onnx'], /role model is given twice/],
      [['model=nope.onnx'], /nope.onnx \(model\) is not a file/],
    ];
    for (const [files, message] of cases) {
      const run = await runInProcess(['bundle', '--model', 'churn', '--dir', 'out', ...files], { cwd: dir, env: {} });
      assert.equal(run.code, 2, files.join(' '));
      assert.match(run.stderr, message);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
