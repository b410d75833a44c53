/** `GET /_sandbox/state` with Actions and EC2 in it, and `close()` stopping every timer the sandbox started. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EC2Client, RunInstancesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { startSandbox } from '../../../sandbox/index.js';
import { octokitFor } from '../github/helpers.js';
import { completeJob, owner, pushWorkflow, repo } from '../github/actions-fixtures.js';

test('GET /_sandbox/state shows workflows, runs, jobs, runners and artifacts in API shapes, and the EC2 instances', async (t) => {
  const sandbox = await startSandbox({ ec2BootSeconds: 20, runnerBootSeconds: 30 });
  t.after(() => sandbox.close());
  if (!sandbox.ec2) return t.skip('EC2 emulator not present');
  const ec2 = new EC2Client({ endpoint: sandbox.ec2, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
  t.after(() => ec2.destroy());
  await pushWorkflow(sandbox);
  const alice = octokitFor(sandbox, 'alice');
  const jit = (await alice.rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'gpu-1', runner_group_id: 1, labels: ['gpu'] })).data;
  const runId = ((await alice.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' }, return_run_details: true })).data as unknown as { workflow_run_id: number }).workflow_run_id;
  const script = `#!/bin/bash\n/opt/actions-runner/run.sh --jitconfig ${jit.encoded_jit_config}\n`;
  const launched = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'g5.xlarge', MinCount: 1, MaxCount: 1, UserData: Buffer.from(script).toString('base64') }));
  const instanceId = launched.Instances![0]!.InstanceId!;
  for (const seconds of [20, 30]) {
    sandbox.clock.advance(seconds);
    await ec2.send(new DescribeInstancesCommand({}));
  }
  const [train] = (await alice.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data.jobs;
  assert.equal((await completeJob(sandbox, train!.id, 'success')).status, 200);
  const upload = await fetch(`${sandbox.control}/runs/${runId}/artifacts?name=model`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: { 'metrics.json': '{"auc":0.91}\n' } }) });
  const artifact = (await upload.json()) as { id: number; size_in_bytes: number };

  const state = (await (await fetch(`${sandbox.control}/state`)).json()) as any;
  const churn = state.github.repos.find((r: { full_name: string }) => r.full_name === 'acme/churn-model');
  const actions = churn.actions;
  assert.deepEqual(actions.workflows.map((w: any) => [w.name, w.path, w.state]), [['Train', '.github/workflows/train.yml', 'active']]);
  assert.deepEqual(actions.workflow_runs.map((r: any) => [r.id, r.run_number, r.event, r.status, r.conclusion, r.actor.login, 'repository' in r]), [[runId, 1, 'workflow_dispatch', 'in_progress', null, 'alice', false]]);
  assert.deepEqual(actions.jobs.map((j: any) => [j.name, j.status, j.conclusion, j.runner_name, j.run_id]), [
    ['Train model', 'completed', 'success', 'gpu-1', runId],
    ['evaluate', 'queued', null, null, runId],
  ]);
  // The ephemeral runner is gone after its one job.
  assert.deepEqual(actions.runners, []);
  assert.deepEqual(actions.artifacts.map((a: any) => [a.id, a.name, a.size_in_bytes, a.expired, a.workflow_run.id]), [[artifact.id, 'model', artifact.size_in_bytes, false, runId]]);
  assert.equal('zip' in actions.artifacts[0], false);
  assert.deepEqual(state.ec2.instances.map((i: any) => [i.InstanceId, i.InstanceType, i.State.Name]), [[instanceId, 'g5.xlarge', 'running']]);

  // A long-lived runner still on its instance: busy on `evaluate`, with the EC2 instance id that hosts it.
  const token = (await alice.rest.actions.createRegistrationTokenForRepo({ owner, repo })).data.token;
  const second = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'g5.xlarge', MinCount: 1, MaxCount: 1, UserData: Buffer.from(`./config.sh --url ${sandbox.github}/acme/churn-model --token ${token} --labels gpu --name box\n./run.sh\n`).toString('base64') }));
  for (const seconds of [20, 30]) {
    sandbox.clock.advance(seconds);
    await ec2.send(new DescribeInstancesCommand({}));
  }
  const later = sandbox.state() as any;
  const runners = later.github.repos.find((r: { full_name: string }) => r.full_name === 'acme/churn-model').actions.runners;
  assert.deepEqual(runners.map((r: any) => [r.name, r.status, r.busy, r.instance_id, r.labels.map((l: any) => l.name)]), [['box', 'online', true, second.Instances![0]!.InstanceId, ['self-hosted', 'Linux', 'X64', 'gpu']]]);
});

test('close() stops the EC2 lifecycle timer and the runner bridge tick, and closes both servers', async () => {
  const created = new Set<unknown>();
  const cleared = new Set<unknown>();
  const realSet = globalThis.setInterval;
  const realClear = globalThis.clearInterval;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const handle = realSet(...args);
    created.add(handle);
    return handle;
  }) as typeof setInterval;
  globalThis.clearInterval = ((handle: Parameters<typeof clearInterval>[0]) => {
    cleared.add(handle);
    realClear(handle);
  }) as typeof clearInterval;
  let sandbox;
  try {
    sandbox = await startSandbox();
  } finally {
    globalThis.setInterval = realSet;
  }
  try {
    if (!sandbox.ec2) return;
    assert.equal(created.size, 2, 'the EC2 lifecycle timer and the runner bridge tick');
    await sandbox.close();
    assert.deepEqual([...created].filter((h) => !cleared.has(h)), []);
    await assert.rejects(fetch(`${sandbox.github}/rate_limit`));
    await assert.rejects(fetch(sandbox.ec2));
  } finally {
    globalThis.clearInterval = realClear;
  }
});

test('GET /_sandbox/state shows releases with assets and deployments with statuses, in the API field names', async (t) => {
  const sandbox = await startSandbox();
  t.after(() => sandbox.close());
  const dave = octokitFor(sandbox, 'dave');
  const release = (await dave.rest.repos.createRelease({ owner, repo, tag_name: 'churn/v1.0.0', name: 'churn v1.0.0', draft: true })).data;
  await dave.rest.repos.uploadReleaseAsset({ owner, repo, release_id: release.id, name: 'model.onnx', data: 'onnx-bytes', baseUrl: sandbox.github, headers: { 'content-type': 'application/octet-stream' } });
  await dave.rest.repos.updateRelease({ owner, repo, release_id: release.id, draft: false, prerelease: true });
  const deployment = (await dave.rest.repos.createDeployment({ owner, repo, ref: 'churn/v1.0.0', environment: 'churn-staging', auto_merge: false, required_contexts: [], payload: { version: 'v1.0.0' } })).data as { id: number };
  await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: deployment.id, state: 'success', log_url: 'https://example.test/log' });

  const state = (await (await fetch(`${sandbox.control}/state`)).json()) as { github: { repos: Array<Record<string, any>> } };
  const churn = state.github.repos.find((r) => r.full_name === 'acme/churn-model')!;
  assert.deepEqual(
    churn.releases.map((r: any) => [r.tag_name, r.draft, r.prerelease, r.assets.map((a: any) => a.name)]),
    [['churn/v1.0.0', false, true, ['model.onnx']]],
  );
  assert.deepEqual(
    churn.deployments.map((d: any) => [d.environment, d.ref, d.payload, d.statuses.map((s: any) => s.state)]),
    [['churn-staging', 'churn/v1.0.0', { version: 'v1.0.0' }, ['success']]],
  );
  assert.deepEqual(churn.environments.map((e: any) => e.name), ['churn-staging']);
});
