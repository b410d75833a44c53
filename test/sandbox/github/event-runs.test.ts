/**
 * Event-triggered workflow runs: push / pull_request / repository_dispatch runs with GitHub's `on:` filters, the
 * GITHUB_TOKEN recursion guard, fork pull requests, `schedule` through the control API, the `installation` webhook,
 * and job logs.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { issueJobToken } from '../../../sandbox/agent/job-environment.js';
import { filterPatternRegex, matchesPatterns, pathsPass } from '../../../sandbox/github/filter-patterns.js';
import { triggerMatches } from '../../../sandbox/github/workflow-triggers.js';
import { owner, repo, startReceiver } from './actions-fixtures.js';
import { octokitFor, octokitWithToken } from './helpers.js';
import { installationToken } from './installation.js';
import { loadOpenApi, type Checker } from './openapi-checker.js';
import { webhookValidator } from './webhook-validator.js';

const openapi = loadOpenApi();
const validate = webhookValidator();
let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let checker: Checker;

before(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({ appWebhookUrl: receiver.url });
});
beforeEach(async () => {
  await sandbox.waitForDeliveries();
  sandbox.reset();
  receiver.received.length = 0;
  checker = openapi.createChecker();
});
after(async () => {
  await sandbox.close();
  receiver.close();
});

const job = `jobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n`;
const workflow = (name: string, on: string) => `name: ${name}\non:\n${on}\n${job}`;

async function push(user: string, branch: string, files: Record<string, string | null>) {
  const result = await sandbox.actAs({ user, action: 'push', branch, files });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return (result.body as { commit: string }).commit;
}

/** `[workflow name, event, head_branch]` of every run, oldest first. */
async function runs() {
  const list = (await checker.wrap(octokitFor(sandbox, 'alice')).rest.actions.listWorkflowRunsForRepo({ owner, repo })).data.workflow_runs;
  return list.reverse();
}
const summary = async () => (await runs()).map((r) => [r.name, r.event, r.head_branch]);

test('GitHub filter patterns: *, **, ?, +, character classes, ! with last match winning', () => {
  assert.equal(filterPatternRegex('feature/*').source, '^feature\\/[^/]*$');
  assert.deepEqual(['feature/a', 'feature/a/b', 'feature/'].map((b) => matchesPatterns(b, ['feature/*'])), [true, false, true]);
  assert.deepEqual(['feature/a/b', 'main'].map((b) => matchesPatterns(b, ['feature/**'])), [true, false]);
  assert.deepEqual(['README.md', 'docs/README.md', 'docs/a/README.md'].map((p) => matchesPatterns(p, ['**/README.md'])), [true, true, true]);
  assert.deepEqual(['*.md', 'a.md', 'docs/a.md'].map((p) => matchesPatterns(p, ['*.md'])), [true, true, false]);
  assert.deepEqual(['v1', 'v', 'v12'].map((t) => matchesPatterns(t, ['v1?'])), [true, true, false]);
  assert.deepEqual(['v1', 'v111', 'v'].map((t) => matchesPatterns(t, ['v1+'])), [true, true, false]);
  assert.deepEqual(['v1', 'v9', 'va'].map((t) => matchesPatterns(t, ['v[0-8]'])), [true, false, false]);
  assert.deepEqual(['releases/10', 'releases/beta-1', 'releases/beta-1-x'].map((b) => matchesPatterns(b, ['releases/**', '!releases/**-*', 'releases/**-x'])), [true, false, true]);
  assert.equal(pathsPass(['README.md'], ['models/**'], undefined), false);
  assert.equal(pathsPass(['README.md', 'models/churn/model.onnx'], ['models/**'], undefined), true);
  assert.equal(pathsPass(['docs/a.md'], undefined, ['docs/**']), false);
  assert.equal(pathsPass(['docs/a.md', 'train.py'], undefined, ['docs/**']), true);
  // Default types: a bare pull_request trigger is opened/synchronize/reopened, not closed or labeled.
  const on = { pull_request: {} };
  assert.deepEqual(['opened', 'synchronize', 'reopened', 'closed', 'labeled'].map((action) => triggerMatches(on, { name: 'pull_request', action, branch: 'main' })), [true, true, true, false, false]);
  // Only tag filters: branch pushes do not run it, and the other way round.
  assert.equal(triggerMatches({ push: { tags: ['v*'] } }, { name: 'push', branch: 'main' }), false);
  assert.equal(triggerMatches({ push: { tags: ['v*'] } }, { name: 'push', tag: 'v1.0.0' }), true);
  assert.equal(triggerMatches({ push: { branches: ['main'] } }, { name: 'push', tag: 'v1.0.0' }), false);
});

test('a pull request touching models/** runs the paths-filtered workflow on its head commit; one touching README does not', async () => {
  await push('dave', 'main', { '.github/workflows/pr.yml': workflow('Models PR', '  pull_request:\n    paths: [models/**]') });
  assert.deepEqual(await summary(), [], 'pushing the workflow is not a pull_request event');

  const opened = await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'exp-1', title: 'Retrain churn', files: { 'models/churn/params.yml': 'lr: 0.1\n' } });
  assert.equal(opened.status, 201);
  const pull = opened.body as { number: number; head: { sha: string } };
  const [run, ...others] = await runs();
  assert.equal(others.length, 0);
  assert.deepEqual([run!.name, run!.event, run!.head_sha, run!.head_branch, run!.display_title, run!.actor?.login], ['Models PR', 'pull_request', pull.head.sha, 'exp-1', 'Retrain churn', 'dave']);
  assert.deepEqual(run!.pull_requests!.map((p) => [p.number, p.head.sha, p.base.ref]), [[pull.number, pull.head.sha, 'main']]);
  const stored = sandbox.githubEmulator.world().actions.runs.find((r) => r.id === run!.id)!;
  assert.deepEqual([stored.event_payload?.action, (stored.event_payload?.pull_request as { number: number }).number, stored.ref, stored.read_only_token], ['opened', pull.number, `refs/pull/${pull.number}/merge`, false]);

  // A second push to the PR branch (synchronize) touching models/ runs again; one touching README only does not.
  await push('dave', 'exp-1', { 'models/churn/params.yml': 'lr: 0.2\n' });
  await push('dave', 'exp-1', { 'README.md': '# notes\n' });
  assert.deepEqual((await runs()).map((r) => [r.event, sandbox.githubEmulator.world().actions.runs.find((x) => x.id === r.id)!.event_payload?.action]), [['pull_request', 'opened'], ['pull_request', 'synchronize'], ['pull_request', 'synchronize']]);

  const readme = await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'docs-1', title: 'Docs', files: { 'README.md': '# churn model\n' } });
  assert.equal(readme.status, 201);
  assert.equal((await runs()).length, 3, 'a README-only pull request starts no run');
  assert.deepEqual(checker.failures, []);
});

test('push: branches and branches-ignore filters; a merge fires types: [closed] once', async () => {
  await push('dave', 'main', {
    '.github/workflows/main.yml': workflow('Main only', '  push:\n    branches: [main]'),
    '.github/workflows/not-main.yml': workflow('Not main', '  push:\n    branches-ignore: [main, "release/**"]'),
    '.github/workflows/closed.yml': workflow('On close', '  pull_request:\n    types: [closed]'),
  });
  assert.deepEqual(await summary(), [['Main only', 'push', 'main']]);
  await push('dave', 'feature/a', { 'train.py': 'print(2)\n' });
  await push('dave', 'release/1.0', { 'train.py': 'print(3)\n' });
  assert.deepEqual((await summary()).slice(1), [['Not main', 'push', 'feature/a']]);

  const opened = (await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'feature/a', title: 'Feature A' })).body as { number: number; head: { sha: string } };
  assert.equal((await runs()).length, 2, 'opening does not fire types: [closed]');
  assert.equal((await sandbox.actAs({ user: 'bob', action: 'merge', number: opened.number })).status, 200);
  const after = await runs();
  // The merge pushes main (Main only) and closes the PR (On close, on the PR head).
  assert.deepEqual(after.slice(2).map((r) => [r.name, r.event, r.head_branch, r.actor?.login]), [['Main only', 'push', 'main', 'bob'], ['On close', 'pull_request', 'feature/a', 'bob']]);
  assert.equal(after[3]!.head_sha, opened.head.sha);
  assert.deepEqual(checker.failures, []);
});

test('repository_dispatch runs workflows listing its event type only', async () => {
  await push('dave', 'main', { '.github/workflows/drift.yml': workflow('Drift', '  repository_dispatch:\n    types: [mlops-drift]') });
  const dave = octokitFor(sandbox, 'dave');
  await dave.rest.repos.createDispatchEvent({ owner, repo, event_type: 'mlops-drift', client_payload: { model: 'churn' } });
  await dave.rest.repos.createDispatchEvent({ owner, repo, event_type: 'something-else' });
  const list = await runs();
  assert.deepEqual(list.map((r) => [r.name, r.event, r.head_branch, r.display_title]), [['Drift', 'repository_dispatch', 'main', 'mlops-drift']]);
  const payload = sandbox.githubEmulator.world().actions.runs[0]!.event_payload!;
  assert.deepEqual([payload.action, payload.client_payload], ['mlops-drift', { model: 'churn' }]);
});

test('events made with a job GITHUB_TOKEN start no runs (repository_dispatch excepted); the app installation token does', async () => {
  await push('dave', 'main', {
    '.github/workflows/push.yml': workflow('On push', '  push:'),
    '.github/workflows/drift.yml': workflow('Drift', '  repository_dispatch:'),
  });
  assert.equal((await runs()).length, 1);
  const world = sandbox.githubEmulator.world();
  const jobToken = octokitWithToken(sandbox, issueJobToken(world, world.repos.find((r) => r.name === repo)!, sandbox.clock.now()));
  const content = (text: string) => Buffer.from(text).toString('base64');
  await jobToken.rest.repos.createOrUpdateFileContents({ owner, repo, path: 'by-job.txt', message: 'from a job', content: content('job\n') });
  assert.equal((await runs()).length, 1, 'a push by GITHUB_TOKEN starts no run');
  await jobToken.rest.repos.createDispatchEvent({ owner, repo, event_type: 'from-job' });
  assert.deepEqual((await summary()).slice(1), [['Drift', 'repository_dispatch', 'main']]);

  const app = octokitWithToken(sandbox, await installationToken(sandbox));
  await app.rest.repos.createOrUpdateFileContents({ owner, repo, path: 'by-app.txt', message: 'from the app', content: content('app\n') });
  const list = await runs();
  assert.deepEqual([list.length, list[2]!.event, list[2]!.actor?.login.endsWith('[bot]')], [3, 'push', true]);
});

test('a pull request from a fork runs the base workflows with a read-only job token and no pull_requests', async () => {
  await push('dave', 'main', { '.github/workflows/pr.yml': workflow('PR', '  pull_request:') });
  // The fork branched before pr.yml existed: the PR carries the workflow (GitHub reads the merge commit, which has
  // it either way; the emulator reads the head commit).
  const pr = workflow('PR', '  pull_request:');
  const opened = await sandbox.actAs({ user: 'mallory', action: 'open-pull-request', head: 'mallory:evil', title: 'Improve', files: { 'train.py': 'print("x")\n', '.github/workflows/pr.yml': pr } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const list = await runs();
  assert.deepEqual(list.map((r) => [r.name, r.event, r.head_branch, r.pull_requests]), [['PR', 'pull_request', 'evil', []]]);
  const stored = sandbox.githubEmulator.world().actions.runs.find((r) => r.id === list[0]!.id)!;
  assert.equal(stored.read_only_token, true);
  const fork = sandbox.githubEmulator.world().repos.find((r) => r.owner === 'mallory')!;
  assert.equal(sandbox.githubEmulator.world().actions.runs.filter((r) => r.repo_id === fork.id).length, 0, 'the push to the fork runs nothing there');
});

test('POST /_sandbox/schedule fires schedule runs by workflow file or cron expression on the default branch', async () => {
  const main = await push('dave', 'main', {
    '.github/workflows/monitor.yml': workflow('Monitor', '  schedule:\n    - cron: "0 * * * *"'),
    '.github/workflows/nightly.yml': workflow('Nightly', '  schedule:\n    - cron: "0 3 * * *"\n  workflow_dispatch:'),
  });
  const fire = async (body: unknown) => {
    const res = await fetch(`${sandbox.control}/schedule`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const byFile = await fire({ workflow: 'monitor.yml' });
  assert.equal(byFile.status, 201);
  assert.deepEqual(byFile.body.workflow_runs.map((r: any) => [r.path, r.event, r.head_sha, r.head_branch]), [['.github/workflows/monitor.yml', 'schedule', main, 'main']]);
  assert.deepEqual((await fire({ cron: '0 3 * * *' })).body.workflow_runs.map((r: any) => r.path), ['.github/workflows/nightly.yml']);
  assert.deepEqual([(await fire({ cron: '5 5 * * *' })).status, (await fire({ workflow: 'missing.yml' })).status, (await fire({})).status], [404, 404, 422]);
  const list = await runs();
  assert.deepEqual(list.map((r) => [r.name, r.event, r.actor?.login]), [['Monitor', 'schedule', 'dave'], ['Nightly', 'schedule', 'dave']]);
  const payload = sandbox.githubEmulator.world().actions.runs[0]!.event_payload!;
  assert.deepEqual([payload.schedule, payload.workflow], ['0 * * * *', '.github/workflows/monitor.yml']);
});

test('POST /_sandbox/installations installs and uninstalls the app, delivering installation events that validate', async () => {
  const call = async (body: unknown) => {
    const res = await fetch(`${sandbox.control}/installations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const created = await call({ account: 'mallory', action: 'created' });
  assert.equal(created.status, 201);
  const id = created.body.installation.id as number;
  assert.equal((await call({ account: 'mallory', action: 'created' })).status, 409);
  assert.deepEqual(sandbox.githubEmulator.world().installations.map((i) => i.account), ['acme', 'mallory']);
  assert.equal((await call({ account: 'mallory', action: 'deleted' })).status, 200);
  assert.equal((await call({ account: 'mallory', action: 'deleted' })).status, 404);
  assert.equal((await call({ account: 'nobody', action: 'created' })).status, 404);
  assert.deepEqual(sandbox.githubEmulator.world().installations.map((i) => i.account), ['acme']);

  await sandbox.waitForDeliveries();
  const hooks = receiver.received.filter((r) => r.event === 'installation');
  assert.deepEqual(hooks.map((h) => [h.action, h.payload.installation.id, h.payload.installation.account.login, h.payload.sender.login, h.payload.repositories.map((r: any) => r.full_name)]), [
    ['created', id, 'mallory', 'mallory', ['mallory/churn-model']],
    ['deleted', id, 'mallory', 'mallory', ['mallory/churn-model']],
  ]);
  assert.deepEqual(validate(hooks), []);
});

test('job logs: a 302 to a signed plain-text URL; a tampered signature is refused', async () => {
  await push('dave', 'main', { '.github/workflows/push.yml': workflow('On push', '  push:') });
  const [run] = await runs();
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const [first] = (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: run!.id })).data.jobs;
  sandbox.githubEmulator.world().actions.jobs.find((j) => j.id === first!.id)!.log = 'step 1\nJob completed: success\n';
  const redirect = await dave.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: first!.id, request: { redirect: 'manual' } });
  assert.equal(redirect.status, 302);
  const location = String(redirect.headers.location);
  assert.match(location, new RegExp(`^${sandbox.github}/_sandbox/job-logs/${first!.id}\\?expires=\\d+&sig=[0-9a-f]{64}$`));
  const text = await fetch(location);
  assert.deepEqual([text.status, await text.text()], [200, 'step 1\nJob completed: success\n']);
  assert.equal((await fetch(location.replace(/sig=[0-9a-f]+/, `sig=${'x'.repeat(64)}`))).status, 403);
  assert.deepEqual(checker.failures, []);
});
