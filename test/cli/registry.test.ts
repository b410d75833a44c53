import { runInProcess } from './in-process.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';

async function cli(env: Record<string, string>, ...argv: string[]) {
  return runInProcess(argv, { cwd: tmpdir(), env: env });
}

test('mlops registry: missing repository or token and malformed specs are bad input (exit 2) with a hint', async () => {
  const noRepo = await cli({ GITHUB_TOKEN: 't' }, 'registry', 'list');
  assert.equal(noRepo.code, 2);
  assert.match(noRepo.stderr, /which repository\? pass --repo owner\/name or set GITHUB_REPOSITORY/);
  const noToken = await cli({}, 'registry', 'resolve', 'churn@production', '--repo', 'acme/churn-model');
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /GITHUB_TOKEN is not set/);
  const badSpec = await cli({ GITHUB_TOKEN: 't', GITHUB_API_URL: 'http://127.0.0.1:9' }, 'registry', 'show', 'churn', '--repo', 'acme/churn-model');
  assert.equal(badSpec.code, 2);
  assert.match(badSpec.stderr, /'churn' does not name a model version/);
  assert.match(badSpec.stderr, /<model>@<stage>/);
});
