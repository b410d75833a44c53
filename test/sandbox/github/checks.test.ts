/** Check runs and commit statuses through Octokit: limits, state transitions, webhooks, combined status. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Octokit } from '@octokit/rest';
import { installationToken } from './installation.js';
import type { Sandbox } from '../../../sandbox/index.js';
import { owner, repo, useSandboxWithReceiver, type Receiver } from './actions-fixtures.js';
import { loadOpenApi } from './openapi-checker.js';
import { octokitFor, octokitWithToken, statusOf } from './helpers.js';
import { webhookValidator } from './webhook-validator.js';

const openapi = loadOpenApi();
const validateHooks = webhookValidator();
let sandbox: Sandbox;
let receiver: Receiver;
useSandboxWithReceiver((s, r) => {
  sandbox = s;
  receiver = r;
}, { resetEach: true });


const mainSha = async (o: Octokit) => (await o.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
const annotation = (i: number) => ({ path: 'train.py', start_line: i + 1, end_line: i + 1, annotation_level: 'warning' as const, message: `feature ${i} drifted` });

test('a check run is created, annotated within the limits, completed, listed for its ref, and announced', async () => {
  const checker = openapi.createChecker();
  const token = await installationToken(sandbox);
  const bot = checker.wrap(octokitWithToken(sandbox, token));
  // Requests the OpenAPI request schemas already forbid go through an unchecked client.
  const unchecked = octokitWithToken(sandbox, token);
  const sha = await mainSha(bot);

  const created = await bot.rest.checks.create({ owner, repo, name: 'mlops/evaluate', head_sha: sha, status: 'in_progress', external_id: 'eval-1', details_url: 'https://example.com/eval/1' });
  assert.equal(created.status, 201);
  assert.deepEqual([created.data.status, created.data.conclusion, created.data.completed_at, created.data.app?.slug], ['in_progress', null, null, 'mlops-sandbox']);

  const fifty = Array.from({ length: 50 }, (_, i) => annotation(i));
  const tooMany = await statusOf(unchecked.rest.checks.update({ owner, repo, check_run_id: created.data.id, output: { title: 'Drift', summary: 's', annotations: [...fifty, annotation(50)] } }));
  assert.equal(tooMany.status, 422);
  const longSummary = await statusOf(unchecked.rest.checks.update({ owner, repo, check_run_id: created.data.id, output: { title: 'Drift', summary: 'x'.repeat(65536) } }));
  assert.equal(longSummary.status, 422);
  const longText = await statusOf(unchecked.rest.checks.create({ owner, repo, name: 'x', head_sha: sha, output: { title: 't', summary: 's', text: 'y'.repeat(65536) } }));
  assert.equal(longText.status, 422);
  assert.equal((await bot.rest.checks.get({ owner, repo, check_run_id: created.data.id })).data.output.annotations_count, 0, 'a refused update changes nothing');

  await bot.rest.checks.update({ owner, repo, check_run_id: created.data.id, output: { title: 'Drift', summary: 'x'.repeat(65535), annotations: fifty } });
  const done = await bot.rest.checks.update({ owner, repo, check_run_id: created.data.id, conclusion: 'failure', output: { title: 'Drift found', summary: '2 features drifted', annotations: [annotation(50)] } });
  assert.deepEqual([done.data.status, done.data.conclusion, done.data.output.title, done.data.output.annotations_count], ['completed', 'failure', 'Drift found', 51]);
  assert.ok(done.data.completed_at);

  const annotations = await bot.rest.checks.listAnnotations({ owner, repo, check_run_id: created.data.id, per_page: 100 });
  assert.equal(annotations.data.length, 51);
  assert.deepEqual(annotations.data[50], {
    path: 'train.py', start_line: 51, end_line: 51, start_column: null, end_column: null, annotation_level: 'warning', title: null, message: 'feature 50 drifted', raw_details: null,
    blob_href: `${sandbox.github}/acme/churn-model/blob/${sha}/train.py`,
  });

  await bot.rest.checks.create({ owner, repo, name: 'mlops/validate', head_sha: sha, conclusion: 'success', output: { title: 'OK', summary: 'valid' } });
  await bot.rest.checks.create({ owner, repo, name: 'mlops/validate', head_sha: sha, status: 'queued' });
  const latest = (await bot.rest.checks.listForRef({ owner, repo, ref: 'main' })).data;
  assert.deepEqual(latest.check_runs.map((r) => [r.name, r.status]), [['mlops/validate', 'queued'], ['mlops/evaluate', 'completed']]);
  const all = (await bot.rest.checks.listForRef({ owner, repo, ref: sha, filter: 'all', check_name: 'mlops/validate' })).data;
  assert.deepEqual([all.total_count, all.check_runs.map((r) => r.status)], [2, ['queued', 'completed']]);
  assert.equal(new Set(all.check_runs.map((r) => r.check_suite?.id)).size, 1, 'one suite per app and sha');

  assert.equal((await statusOf(bot.rest.checks.create({ owner, repo, name: 'x', head_sha: 'f'.repeat(40) }))).status, 422);
  assert.equal((await statusOf(bot.rest.checks.create({ owner, repo, name: 'x', head_sha: sha, status: 'completed' }))).status, 422, 'completed needs a conclusion');
  const user = await statusOf(octokitFor(sandbox, 'alice').rest.checks.create({ owner, repo, name: 'x', head_sha: sha }));
  assert.deepEqual([user.status, user.message.startsWith('You must authenticate via a GitHub App')], [403, true]);
  assert.equal((await octokitFor(sandbox, 'erin').rest.checks.get({ owner, repo, check_run_id: created.data.id })).data.id, created.data.id);

  await sandbox.waitForDeliveries();
  const hooks = receiver.received.filter((r) => r.event === 'check_run');
  assert.deepEqual(hooks.map((h) => `${h.payload.check_run.name}:${h.action}`), ['mlops/evaluate:created', 'mlops/evaluate:completed', 'mlops/validate:created', 'mlops/validate:completed', 'mlops/validate:created']);
  assert.deepEqual(validateHooks(hooks), []);
  assert.deepEqual(checker.failures, []);
});

test('commit statuses combine per context, newest wins, and are announced as status events', async () => {
  const checker = openapi.createChecker();
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const sha = await mainSha(dave);
  assert.equal((await dave.rest.repos.getCombinedStatusForRef({ owner, repo, ref: 'main' })).data.state, 'pending', 'no statuses: pending');

  const first = await dave.rest.repos.createCommitStatus({ owner, repo, sha, state: 'pending', context: 'mlops/drift', description: 'Checking drift' });
  assert.deepEqual([first.status, first.data.state, first.data.creator?.login, first.data.target_url], [201, 'pending', 'dave', null]);
  await dave.rest.repos.createCommitStatus({ owner, repo, sha, state: 'success', context: 'mlops/drift', target_url: 'https://example.com/drift/1' });
  await dave.rest.repos.createCommitStatus({ owner, repo, sha, state: 'success' });
  let combined = (await dave.rest.repos.getCombinedStatusForRef({ owner, repo, ref: 'main' })).data;
  assert.deepEqual([combined.state, combined.sha, combined.total_count, combined.statuses.map((s) => `${s.context}=${s.state}`)], ['success', sha, 2, ['default=success', 'mlops/drift=success']]);
  await dave.rest.repos.createCommitStatus({ owner, repo, sha, state: 'error', context: 'mlops/policy' });
  combined = (await dave.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha })).data;
  assert.equal(combined.state, 'failure');

  const list = (await dave.rest.repos.listCommitStatusesForRef({ owner, repo, ref: 'main' })).data;
  assert.deepEqual(list.map((s) => `${s.context}=${s.state}`), ['mlops/policy=error', 'default=success', 'mlops/drift=success', 'mlops/drift=pending']);

  assert.equal((await statusOf(octokitFor(sandbox, 'dave').rest.repos.createCommitStatus({ owner, repo, sha, state: 'done' as never }))).status, 422);
  assert.equal((await statusOf(dave.rest.repos.createCommitStatus({ owner, repo, sha: 'e'.repeat(40), state: 'success' }))).status, 422);
  assert.equal((await statusOf(octokitFor(sandbox, 'erin').rest.repos.createCommitStatus({ owner, repo, sha, state: 'success' }))).status, 403);
  assert.equal((await statusOf(dave.rest.repos.getCombinedStatusForRef({ owner, repo, ref: 'no-such-branch' }))).status, 422);

  await sandbox.waitForDeliveries();
  const hooks = receiver.received.filter((r) => r.event === 'status');
  assert.deepEqual(hooks.map((h) => `${h.payload.context}=${h.payload.state}`), ['mlops/drift=pending', 'mlops/drift=success', 'default=success', 'mlops/policy=error']);
  assert.deepEqual(hooks[0]!.payload.branches.map((b: { name: string }) => b.name), ['main']);
  assert.deepEqual(validateHooks(hooks), []);
  assert.deepEqual(checker.failures, []);
});
