/**
 * Self-hosted runners end to end: a JIT config (or a registration token) in an EC2 instance's user data, launched
 * with @aws-sdk/client-ec2, becomes an online runner after the boot delay, takes the queued job whose labels it has,
 * and goes away (ephemeral) or offline (terminated) like on GitHub.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { decodeJitConfig, runnerRequests } from '../../../sandbox/github/runner-config.js';
import { loadOpenApi, type Checker } from './openapi-checker.js';
import { octokitFor, statusOf } from './helpers.js';
import { completeJob, owner, pushWorkflow, repo, startReceiver } from './actions-fixtures.js';

const openapi = loadOpenApi();
let sandbox: Sandbox;
let ec2: EC2Client;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let checker: Checker;

before(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({ appWebhookUrl: receiver.url, ec2BootSeconds: 20, runnerBootSeconds: 30 });
  ec2 = new EC2Client({ endpoint: sandbox.ec2 ?? 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
});
beforeEach(async () => {
  await sandbox.waitForDeliveries();
  sandbox.reset();
  receiver.received.length = 0;
  checker = openapi.createChecker();
  await pushWorkflow(sandbox);
});
after(async () => {
  ec2.destroy();
  await sandbox.close();
  receiver.close();
});

const launch = async (script: string) => {
  const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'g5.xlarge', MinCount: 1, MaxCount: 1, UserData: Buffer.from(script).toString('base64') }));
  return out.Instances![0]!.InstanceId!;
};
/** Jumps the clock and lets EC2 apply what is due (DescribeInstances evaluates), as a poller would see it. */
const advance = async (seconds: number) => {
  sandbox.clock.advance(seconds);
  await ec2.send(new DescribeInstancesCommand({}));
};

test('user data: config.sh flags are read as a registration; a script without a token or JIT config starts nothing', () => {
  assert.deepEqual(runnerRequests('./config.sh --url http://x/acme/churn-model --token AB12 --labels "gpu, a10g" --name r1 --ephemeral\n./run.sh'), [
    { kind: 'registration', token: 'AB12', labels: ['gpu', 'a10g'], name: 'r1', ephemeral: true, url: 'http://x/acme/churn-model' },
  ]);
  assert.deepEqual(runnerRequests('echo hello'), []);
});

test('JIT runner on EC2: online after boot, runs the GPU job, removed after it; registration-token runner runs the next', async (t) => {
  if (!sandbox.ec2) return t.skip('EC2 emulator not present');
  const alice = checker.wrap(octokitFor(sandbox, 'alice'));
  const dave = checker.wrap(octokitFor(sandbox, 'dave'));
  const jit = (await alice.rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'gpu-runner-1', runner_group_id: 1, labels: ['gpu'] })).data;
  assert.deepEqual([jit.runner.name, jit.runner.status, jit.runner.busy, jit.runner.ephemeral], ['gpu-runner-1', 'offline', false, true]);
  assert.deepEqual(jit.runner.labels.map((l) => [l.name, l.type]), [['self-hosted', 'read-only'], ['Linux', 'read-only'], ['X64', 'read-only'], ['gpu', 'custom']]);
  assert.equal(decodeJitConfig(jit.encoded_jit_config)?.runnerId, jit.runner.id);
  const dup = await statusOf(alice.rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'gpu-runner-1', runner_group_id: 1, labels: ['gpu'] }));
  assert.equal(dup.status, 409);
  assert.equal((await statusOf(octokitFor(sandbox, 'dave').rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'x', runner_group_id: 1, labels: ['gpu'] }))).status, 403, 'runners need admin');

  const runId = ((await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' }, return_run_details: true })).data as unknown as { workflow_run_id: number }).workflow_run_id;
  const jobs = async () => (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data.jobs;
  const runners = async () => (await alice.rest.actions.listSelfHostedRunnersForRepo({ owner, repo })).data.runners;

  const instance1 = await launch(`#!/bin/bash\nset -euo pipefail\ncd /opt/actions-runner\nJIT_CONFIG="${jit.encoded_jit_config}"\nsudo -u runner ./run.sh --jitconfig "$JIT_CONFIG"\n`);
  await advance(20); // instance running; the runner is still configuring itself
  assert.deepEqual((await runners()).map((r) => [r.name, r.status, r.busy]), [['gpu-runner-1', 'offline', false]]);
  assert.equal((await jobs())[0]!.status, 'queued');
  await advance(30);
  assert.deepEqual((await runners()).map((r) => [r.name, r.status, r.busy]), [['gpu-runner-1', 'online', true]]);
  const [train] = await jobs();
  assert.deepEqual([train!.status, train!.runner_id, train!.runner_name, train!.runner_group_name], ['in_progress', jit.runner.id, 'gpu-runner-1', 'Default']);
  assert.equal((await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data.status, 'in_progress');
  assert.equal((await statusOf(alice.rest.actions.deleteSelfHostedRunnerFromRepo({ owner, repo, runner_id: jit.runner.id }))).status, 422, 'busy runner');

  const done = await completeJob(sandbox, train!.id, 'success', { model_uri: 's3://models/churn/1' });
  assert.deepEqual([done.status, done.body.run.status], [200, 'in_progress']);
  assert.deepEqual(await runners(), [], 'the ephemeral runner is gone after its one job');
  assert.deepEqual((await jobs()).map((j) => [j.name, j.status, j.conclusion]), [['Train model', 'completed', 'success'], ['evaluate', 'queued', null]]);

  // A long-lived runner configured with a registration token and --labels.
  const token = (await alice.rest.actions.createRegistrationTokenForRepo({ owner, repo })).data;
  assert.match(token.token, /^[A-Z2-7]{29}$/);
  const instance2 = await launch(`#!/bin/bash\ncd /opt/actions-runner\n./config.sh --url ${sandbox.github}/acme/churn-model --token ${token.token} --labels gpu,a10g --name gpu-box --unattended\n./run.sh\n`);
  await advance(20);
  await advance(30);
  const [box] = await runners();
  assert.deepEqual([box!.name, box!.status, box!.busy, box!.ephemeral, box!.labels.map((l) => l.name)], ['gpu-box', 'online', true, false, ['self-hosted', 'Linux', 'X64', 'gpu', 'a10g']]);
  assert.equal((await alice.rest.actions.getSelfHostedRunnerForRepo({ owner, repo, runner_id: box!.id })).data.name, 'gpu-box');
  const evaluate = (await jobs())[1]!;
  assert.equal(evaluate.runner_name, 'gpu-box');
  assert.equal((await completeJob(sandbox, evaluate.id, 'success')).body.run.conclusion, 'success');
  const run = (await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data;
  assert.deepEqual([run.status, run.conclusion], ['completed', 'success']);
  assert.deepEqual((await runners()).map((r) => [r.name, r.status, r.busy]), [['gpu-box', 'online', false]]);

  // Terminating the instance takes the runner offline; deleting it removes it.
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance2] }));
  assert.deepEqual((await runners()).map((r) => [r.name, r.status]), [['gpu-box', 'offline']]);
  assert.equal((await alice.rest.actions.deleteSelfHostedRunnerFromRepo({ owner, repo, runner_id: box!.id })).status, 204);
  assert.equal((await alice.rest.actions.createRemoveTokenForRepo({ owner, repo })).status, 201);
  void instance1;

  await sandbox.waitForDeliveries();
  const seen = receiver.received.filter((r) => r.event.startsWith('workflow_')).map((r) => `${r.event}.${r.action}${r.payload.workflow_job ? `:${r.payload.workflow_job.name}@${r.payload.workflow_job.runner_name ?? '-'}` : ''}`);
  assert.deepEqual(seen, [
    'workflow_run.requested',
    'workflow_job.queued:Train model@-',
    'workflow_job.in_progress:Train model@gpu-runner-1',
    'workflow_run.in_progress',
    'workflow_job.completed:Train model@gpu-runner-1',
    'workflow_job.queued:evaluate@-',
    'workflow_job.in_progress:evaluate@gpu-box',
    'workflow_job.completed:evaluate@gpu-box',
    'workflow_run.completed',
  ]);
  assert.equal(receiver.received.at(-1)!.payload.workflow_run.conclusion, 'success');
  assert.deepEqual(checker.failures, []);
});

test('an instance terminated mid-job fails the job and the run; its ephemeral runner is removed', async (t) => {
  if (!sandbox.ec2) return t.skip('EC2 emulator not present');
  const alice = checker.wrap(octokitFor(sandbox, 'alice'));
  const jit = (await alice.rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'spot-1', runner_group_id: 1, labels: ['gpu'] })).data;
  await alice.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' } });
  const instance = await launch(`#!/bin/bash\n/opt/actions-runner/run.sh --jitconfig ${jit.encoded_jit_config}\n`);
  await advance(20);
  await advance(30);
  const run = (await alice.rest.actions.listWorkflowRunsForRepo({ owner, repo })).data.workflow_runs[0]!;
  assert.equal(run.status, 'in_progress');
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance] }));
  const after = (await alice.rest.actions.getWorkflowRun({ owner, repo, run_id: run.id })).data;
  assert.deepEqual([after.status, after.conclusion], ['completed', 'failure']);
  const jobs = (await alice.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: run.id })).data.jobs;
  assert.deepEqual(jobs.map((j) => [j.name, j.conclusion]), [['Train model', 'failure'], ['evaluate', 'skipped']]);
  assert.equal((await alice.rest.actions.listSelfHostedRunnersForRepo({ owner, repo })).data.total_count, 0);
  assert.deepEqual(checker.failures, []);
});
