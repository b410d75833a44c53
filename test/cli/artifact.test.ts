/** `mlops artifact`: upload needs a backend (MLOPS_ARTIFACT_URL); download needs the run and token; both exit 2 otherwise. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './in-process.js';
import { test } from 'node:test';

async function cli(env: Record<string, string>, cwd: string, ...argv: string[]) {
  return runInProcess(argv, { cwd: cwd, env: env });
}

test('artifact upload without MLOPS_ARTIFACT_URL explains that workflows use actions/upload-artifact', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'art-'));
  writeFileSync(join(dir, 'r.txt'), 'x');
  const r = await cli({}, dir, 'artifact', 'upload', '--name', 'report', 'r.txt');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no artifact backend \(MLOPS_ARTIFACT_URL is not set\)/);
  assert.match(r.stderr, /actions\/upload-artifact/);
  const missing = await cli({}, dir, 'artifact', 'upload', '--name', 'report');
  assert.equal(missing.code, 2);
  rmSync(dir, { recursive: true, force: true });
});

test('artifact download needs a run id, a repository and a token', async () => {
  const r = await cli({}, tmpdir(), 'artifact', 'download', '--name', 'model');
  assert.deepEqual([r.code, /GITHUB_RUN_ID is not set/.test(r.stderr)], [2, true]);
  const bad = await cli({}, tmpdir(), 'artifact', 'download', '--name', 'model', '--run-id', 'x');
  assert.match(bad.stderr, /--run-id must be a positive integer, got "x"/);
  const noToken = await cli({ GITHUB_REPOSITORY: 'acme/churn-model' }, tmpdir(), 'artifact', 'download', '--name', 'model', '--run-id', '7');
  assert.match(noToken.stderr, /GITHUB_TOKEN is not set/);
});
