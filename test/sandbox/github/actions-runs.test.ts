/** Workflows and runs through @octokit/rest: dispatch (ref and input validation), runs, jobs, cancel, re-run. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { dispatchInputs } from '../../../sandbox/github/routes/actions-runs.js';
import { loadOpenApi, type Checker } from './openapi-checker.js';
import { octokitFor, statusOf } from './helpers.js';
import { owner, pushWorkflow, repo, startReceiver, type Received } from './actions-fixtures.js';

const openapi = loadOpenApi();
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
  await pushWorkflow(sandbox);
});
after(async () => {
  await sandbox.close();
  receiver.close();
});

const actionsEvents = (received: Received[]) =>
  received.filter((r) => r.event.startsWith('workflow_')).map((r) => `${r.event}.${r.action}${r.event === 'workflow_job' ? `:${r.payload.workflow_job.name}` : ''}`);

test('dispatching train.yml by file name creates a queued run with its jobs, announced as workflow_run and workflow_job', async () => {
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const workflows = (await dave.rest.actions.listRepoWorkflows({ owner, repo })).data;
  assert.deepEqual(workflows.workflows.map((w) => [w.name, w.path, w.state]), [['Train', '.github/workflows/train.yml', 'active']]);
  const id = workflows.workflows[0]!.id;
  assert.equal((await dave.rest.actions.getWorkflow({ owner, repo, workflow_id: 'train.yml' })).data.id, id);

  const dispatched = await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' }, return_run_details: true });
  assert.equal(dispatched.status, 200);
  const runId = (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id;
  const run = (await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data;
  const main = (await dave.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
  assert.deepEqual(
    [run.name, run.event, run.status, run.conclusion, run.head_branch, run.head_sha, run.run_number, run.run_attempt, run.workflow_id, run.actor?.login],
    ['Train', 'workflow_dispatch', 'queued', null, 'main', main, 1, 1, id, 'dave'],
  );
  const jobs = (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data;
  assert.deepEqual(jobs.jobs.map((j) => [j.name, j.status, j.labels, j.runner_id]), [
    ['Train model', 'queued', ['self-hosted', 'gpu'], null],
    ['evaluate', 'waiting', ['self-hosted', 'gpu'], null],
  ]);
  assert.deepEqual(jobs.jobs[0]!.steps!.map((s) => [s.number, s.name, s.status]), [[1, 'Run actions/checkout@v4', 'queued'], [2, 'Train', 'queued']]);
  assert.equal((await dave.rest.actions.getJobForWorkflowRun({ owner, repo, job_id: jobs.jobs[0]!.id })).data.run_id, runId);

  // A second dispatch by workflow id, without details: 204, run number 2; the list is newest first.
  assert.equal((await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: id, ref: 'refs/heads/main', inputs: { model: 'iris', epochs: '5' } })).status, 204);
  const runs = (await dave.rest.actions.listWorkflowRunsForRepo({ owner, repo })).data;
  assert.deepEqual(runs.workflow_runs.map((r) => r.run_number), [2, 1]);
  assert.equal((await dave.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: 'train.yml', status: 'queued' })).data.total_count, 2);

  await sandbox.waitForDeliveries();
  assert.deepEqual(actionsEvents(receiver.received), [
    'workflow_run.requested',
    'workflow_job.queued:Train model',
    'workflow_run.requested',
    'workflow_job.queued:Train model',
  ]);
  const requested = receiver.received.find((r) => r.event === 'workflow_run')!.payload;
  assert.deepEqual([requested.workflow_run.id, requested.workflow.path, requested.repository.full_name], [runId, '.github/workflows/train.yml', 'acme/churn-model']);
  assert.deepEqual(checker.failures, []);
});

test('dispatch refuses a sha ref, an unknown ref, unexpected and invalid inputs with 422; unknown workflow 404', async () => {
  const dave = octokitFor(sandbox, 'dave');
  const main = (await dave.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
  const attempt = (ref: string, inputs: Record<string, string>, workflow_id: string | number = 'train.yml') =>
    statusOf(dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id, ref, inputs })).then((r) => ({ ...r, message: (r.data as { message: string }).message }));
  const bySha = await attempt(main, { model: 'churn' });
  assert.deepEqual([bySha.status, bySha.message], [422, `No ref found for: ${main}`]);
  assert.deepEqual([(await attempt('nope', { model: 'churn' })).message], ['No ref found for: nope']);
  assert.deepEqual([(await attempt('main', { model: 'churn', lr: '0.1' })).message], ['Unexpected inputs provided: ["lr"]']);
  assert.deepEqual([(await attempt('main', {})).message], ["Required input 'model' not provided"]);
  assert.deepEqual([(await attempt('main', { model: 'mnist' })).message], ["Provided value 'mnist' for input 'model' not in the list of allowed values"]);
  assert.equal((await attempt('main', { model: 'churn' }, 'missing.yml')).status, 404);
  const erin = await statusOf(octokitFor(sandbox, 'erin').rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' } }));
  assert.equal(erin.status, 403, 'read access may not dispatch');
  assert.equal((await dave.rest.actions.listWorkflowRunsForRepo({ owner, repo })).data.total_count, 0);
});

test('inputs get their defaults; a tag is a valid ref', async () => {
  assert.deepEqual(dispatchInputs({ model: { type: 'choice', required: true, options: ['churn'] }, epochs: { type: 'number', required: false, default: 3 } }, { model: 'churn' }), { model: 'churn', epochs: 3 });
  const dave = octokitFor(sandbox, 'dave');
  const main = (await dave.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
  await dave.rest.git.createRef({ owner, repo, ref: 'refs/tags/v1.0.0', sha: main });
  await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'v1.0.0', inputs: { model: 'iris' } });
  const run = (await dave.rest.actions.listWorkflowRunsForRepo({ owner, repo })).data.workflow_runs[0]!;
  assert.deepEqual([run.head_branch, run.head_sha], ['v1.0.0', main]);
});

test('cancel concludes the run cancelled (409 once completed); re-running failed jobs starts attempt 2', async () => {
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const runId = ((await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' }, return_run_details: true })).data as unknown as { workflow_run_id: number }).workflow_run_id;
  assert.equal((await dave.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId })).status, 202);
  const cancelled = (await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data;
  assert.deepEqual([cancelled.status, cancelled.conclusion], ['completed', 'cancelled']);
  const jobs = (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data.jobs;
  assert.deepEqual(jobs.map((j) => [j.name, j.status, j.conclusion]), [['Train model', 'completed', 'cancelled'], ['evaluate', 'completed', 'cancelled']]);
  assert.equal((await statusOf(dave.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId }))).status, 409);

  assert.equal((await dave.rest.actions.reRunWorkflowFailedJobs({ owner, repo, run_id: runId })).status, 201);
  const again = (await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data;
  assert.deepEqual([again.run_attempt, again.status, again.conclusion, again.previous_attempt_url], [2, 'queued', null, `${sandbox.github}/repos/acme/churn-model/actions/runs/${runId}/attempts/1`]);
  const latest = (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data.jobs;
  assert.deepEqual(latest.map((j) => [j.name, j.status, j.run_attempt]), [['Train model', 'queued', 2], ['evaluate', 'waiting', 2]]);
  assert.equal((await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId, filter: 'all' })).data.total_count, 4);
  assert.equal((await statusOf(dave.rest.actions.reRunWorkflow({ owner, repo, run_id: runId }))).status, 403, 'a running workflow cannot be re-run');
  await dave.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId });
  assert.equal((await dave.rest.actions.reRunWorkflow({ owner, repo, run_id: runId })).status, 201);
  assert.equal((await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data.run_attempt, 3);
  assert.deepEqual(checker.failures, []);
});
