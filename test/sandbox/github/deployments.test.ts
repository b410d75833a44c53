/** Deployments, statuses, environments and custom protection rules through Octokit, with their webhooks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sandbox } from '../../../sandbox/index.js';
import { owner, repo, useSandboxWithReceiver, type Receiver } from './actions-fixtures.js';
import { installationToken } from './installation.js';
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

test('a success status marks the environment\'s previous successful deployment inactive; environments are created on first deploy', async () => {
  const checker = openapi.createChecker();
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const deploy = async (description: string) =>
    (await dave.rest.repos.createDeployment({ owner, repo, ref: 'main', environment: 'staging', payload: { model: 'churn', version: description }, description, auto_merge: false, required_contexts: [] })).data as { id: number; sha: string; payload: unknown; production_environment: boolean; environment: string };
  const first = await deploy('v1');
  assert.deepEqual([first.environment, first.payload, first.production_environment], ['staging', { model: 'churn', version: 'v1' }, false]);
  const env = (await dave.rest.repos.getEnvironment({ owner, repo, environment_name: 'staging' })).data;
  assert.deepEqual([env.name, env.protection_rules], ['staging', []]);
  await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: first.id, state: 'in_progress', log_url: 'https://example.com/log/1' });
  await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: first.id, state: 'success', environment_url: 'https://staging.example.com', log_url: 'https://example.com/log/1' });

  const second = await deploy('v2');
  await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: second.id, state: 'success', log_url: 'https://example.com/log/2' });
  const states = async (id: number) => (await dave.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id })).data.map((s) => s.state);
  assert.deepEqual(await states(first.id), ['inactive', 'success', 'in_progress']);
  assert.deepEqual(await states(second.id), ['success']);

  // A production deployment does not touch staging; auto_inactive: false keeps the earlier one active.
  const prod = (await dave.rest.repos.createDeployment({ owner, repo, ref: 'main', auto_merge: false, required_contexts: [] })).data as { id: number; environment: string; production_environment: boolean };
  assert.deepEqual([prod.environment, prod.production_environment], ['production', true]);
  await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: prod.id, state: 'success', log_url: 'https://example.com/log/3' });
  const third = await deploy('v3');
  await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: third.id, state: 'success', auto_inactive: false, log_url: 'https://example.com/log/4' });
  assert.deepEqual(await states(second.id), ['success']);

  assert.deepEqual((await dave.rest.repos.listDeployments({ owner, repo, environment: 'staging' })).data.map((d) => d.id), [third.id, second.id, first.id]);
  assert.deepEqual((await dave.rest.repos.listDeployments({ owner, repo, sha: first.sha, ref: 'main', environment: 'production' })).data.map((d) => d.id), [prod.id]);
  assert.equal((await dave.rest.repos.getDeployment({ owner, repo, deployment_id: prod.id })).data.id, prod.id);
  assert.deepEqual((await dave.rest.repos.getAllEnvironments({ owner, repo })).data.environments?.map((e) => e.name), ['production', 'staging']);

  const plain = octokitFor(sandbox, 'dave');
  assert.equal((await statusOf(plain.rest.repos.createDeployment({ owner, repo, ref: 'no-such-ref' }))).status, 422);
  assert.equal((await statusOf(plain.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: first.id, state: 'done' as never }))).status, 422);
  assert.equal((await statusOf(octokitFor(sandbox, 'erin').rest.repos.createDeployment({ owner, repo, ref: 'main' }))).status, 403);

  // Required contexts (all reported ones by default) must have succeeded.
  await plain.rest.repos.createCommitStatus({ owner, repo, sha: first.sha, state: 'failure', context: 'mlops/evaluate' });
  const blocked = await statusOf(plain.rest.repos.createDeployment({ owner, repo, ref: 'main', auto_merge: false }));
  assert.equal(blocked.status, 409);
  assert.equal((await statusOf(plain.rest.repos.createDeployment({ owner, repo, ref: 'main', auto_merge: false, required_contexts: [] }))).status, 0);

  await sandbox.waitForDeliveries();
  const hooks = receiver.received.filter((r) => r.event === 'deployment' || r.event === 'deployment_status');
  assert.deepEqual(
    hooks.filter((h) => h.event === 'deployment_status').map((h) => `${h.payload.deployment.id === first.id ? 'first' : h.payload.deployment.id === second.id ? 'second' : 'other'}:${h.payload.deployment_status.state}`),
    ['first:in_progress', 'first:success', 'second:success', 'other:success', 'other:success'],
  );
  assert.equal(hooks.filter((h) => h.event === 'deployment').length, 5);
  assert.deepEqual(validateHooks(hooks), []);
  assert.deepEqual(checker.failures, []);
});

test('an environment with a custom protection rule asks the app, which approves or rejects through the callback', async () => {
  const checker = openapi.createChecker();
  const alice = checker.wrap(octokitFor(sandbox, 'alice'));
  const bot = checker.wrap(octokitWithToken(sandbox, await installationToken(sandbox)));
  const env = (await alice.rest.repos.createOrUpdateEnvironment({ owner, repo, environment_name: 'production', wait_timer: 0, deployment_branch_policy: null })).data;
  assert.equal(env.name, 'production');
  assert.equal((await statusOf(octokitFor(sandbox, 'dave').rest.repos.createOrUpdateEnvironment({ owner, repo, environment_name: 'x' }))).status, 403);
  const rule = (await alice.rest.repos.createDeploymentProtectionRule({ owner, repo, environment_name: 'production', integration_id: sandbox.appId })).data;
  assert.equal(rule.app?.slug, 'mlops-sandbox');
  assert.deepEqual((await alice.rest.repos.getAllDeploymentProtectionRules({ owner, repo, environment_name: 'production' })).data.custom_deployment_protection_rules?.map((r) => r.id), [rule.id]);

  const deployment = (await bot.rest.repos.createDeployment({ owner, repo, ref: 'main', environment: 'production', auto_merge: false, required_contexts: [] })).data as { id: number };
  await sandbox.waitForDeliveries();
  const requested = receiver.received.filter((r) => r.event === 'deployment_protection_rule');
  assert.equal(requested.length, 1);
  const callback = String(requested[0]!.payload.deployment_callback_url);
  assert.deepEqual([requested[0]!.action, requested[0]!.payload.environment, requested[0]!.payload.deployment.id], ['requested', 'production', deployment.id]);
  const runId = Number(/\/actions\/runs\/(\d+)\/deployment_protection_rule$/.exec(callback)![1]);

  assert.equal((await statusOf(octokitFor(sandbox, 'alice').rest.actions.reviewCustomGatesForRun({ owner, repo, run_id: runId, environment_name: 'production', state: 'approved' }))).status, 403, 'only the rule\'s app reviews');
  const review = await bot.rest.actions.reviewCustomGatesForRun({ owner, repo, run_id: runId, environment_name: 'production', state: 'rejected', comment: 'drift too high' });
  assert.equal(review.status, 204);
  const statuses = (await bot.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: deployment.id })).data;
  assert.deepEqual(statuses.map((s) => [s.state, s.description]), [['failure', 'drift too high']]);
  assert.equal((await statusOf(bot.rest.actions.reviewCustomGatesForRun({ owner, repo, run_id: runId, environment_name: 'production', state: 'approved' }))).status, 422, 'already reviewed');

  await sandbox.waitForDeliveries();
  assert.deepEqual(validateHooks(receiver.received.filter((r) => r.event.startsWith('deployment'))), []);
  assert.deepEqual(checker.failures.filter((f) => !f.startsWith('actions/review-custom-gates-for-run: status 422')), []);
});
