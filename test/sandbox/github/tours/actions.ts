/**
 * Conformance tour of the Actions routes: workflows, a dispatched run through queued → in_progress (a JIT runner on an
 * EC2 instance) → completed, cancel and both re-runs, self-hosted runners and their tokens, and artifacts uploaded
 * through the control API, and a job's log (302 to a signed URL).
 */
import assert from 'node:assert/strict';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { completeJob, pushWorkflow } from '../actions-fixtures.js';
import type { TourContext } from './context.js';

/** Calls every Actions route (runners are brought online through the EC2 emulator when the sandbox has one). */
export async function tourActions(ctx: TourContext): Promise<void> {
  const { sandbox, owner, repo } = ctx;
  const alice = ctx.as('alice');
  const dave = ctx.as('dave');
  await pushWorkflow(sandbox);

  const workflows = (await dave.rest.actions.listRepoWorkflows({ owner, repo })).data;
  const train = workflows.workflows.find((w) => w.path === '.github/workflows/train.yml')!;
  assert.equal((await dave.rest.actions.getWorkflow({ owner, repo, workflow_id: 'train.yml' })).data.id, train.id);

  const jit = (await alice.rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'tour-gpu-1', runner_group_id: 1, labels: ['gpu'] })).data;
  const dispatched = await dave.rest.actions.createWorkflowDispatch({ owner, repo, workflow_id: 'train.yml', ref: 'main', inputs: { model: 'churn' }, return_run_details: true });
  const runId = (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id;
  await dave.rest.actions.listWorkflowRunsForRepo({ owner, repo });
  await dave.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: train.id, status: 'queued' });
  await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId });
  const jobs = async () => (await dave.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })).data.jobs;
  const [first] = await jobs();
  await dave.rest.actions.getJobForWorkflowRun({ owner, repo, job_id: first!.id });

  if (sandbox.ec2) {
    // The JIT runner boots on an instance, takes the job; the job and run are validated in_progress and completed.
    const ec2 = new EC2Client({ endpoint: sandbox.ec2, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
    try {
      const script = `#!/bin/bash\n/opt/actions-runner/run.sh --jitconfig ${jit.encoded_jit_config}\n`;
      await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', InstanceType: 'g5.xlarge', MinCount: 1, MaxCount: 1, UserData: Buffer.from(script).toString('base64') }));
      for (let i = 0; i < 3; i++) {
        sandbox.clock.advance(30);
        await ec2.send(new DescribeInstancesCommand({}));
      }
    } finally {
      ec2.destroy();
    }
    const runners = (await alice.rest.actions.listSelfHostedRunnersForRepo({ owner, repo })).data.runners;
    assert.deepEqual(runners.map((r) => [r.name, r.status, r.busy]), [['tour-gpu-1', 'online', true]]);
    await alice.rest.actions.getSelfHostedRunnerForRepo({ owner, repo, runner_id: jit.runner.id });
    const running = (await dave.rest.actions.getJobForWorkflowRun({ owner, repo, job_id: first!.id })).data;
    assert.equal(running.status, 'in_progress');
    assert.equal((await completeJob(sandbox, first!.id, 'success')).status, 200);
    assert.equal((await dave.rest.actions.getJobForWorkflowRun({ owner, repo, job_id: first!.id })).data.conclusion, 'success');
  } else {
    await alice.rest.actions.listSelfHostedRunnersForRepo({ owner, repo });
    await alice.rest.actions.getSelfHostedRunnerForRepo({ owner, repo, runner_id: jit.runner.id });
  }

  // Artifacts of the run, uploaded the way a job would (control API), then read, downloaded and deleted.
  const upload = await fetch(`${sandbox.control}/runs/${runId}/artifacts?name=model`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: { 'metrics.json': '{"auc":0.91}\n' } }) });
  assert.equal(upload.status, 201);
  const artifact = (await upload.json()) as { id: number };
  await dave.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId });
  await dave.rest.actions.listArtifactsForRepo({ owner, repo, name: 'model' });
  await dave.rest.actions.getArtifact({ owner, repo, artifact_id: artifact.id });
  const redirect = await dave.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifact.id, archive_format: 'zip', request: { redirect: 'manual' } });
  assert.equal(redirect.status, 302);
  await dave.rest.actions.deleteArtifact({ owner, repo, artifact_id: artifact.id });

  // Cancel (the evaluate job is still queued: no runner left), re-run the failed jobs, cancel, re-run everything.
  await dave.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId });
  // The (now finished) first job's log: a 302 to a signed plain-text URL.
  const logs = await dave.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: first!.id, request: { redirect: 'manual' } });
  assert.equal(logs.status, 302);
  const text = await fetch(String(logs.headers.location));
  assert.deepEqual([text.status, text.headers.get('content-type')], [200, 'text/plain; charset=utf-8']);
  await dave.rest.actions.reRunWorkflowFailedJobs({ owner, repo, run_id: runId });
  await dave.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId });
  await dave.rest.actions.reRunWorkflow({ owner, repo, run_id: runId });
  assert.equal((await dave.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })).data.run_attempt, 3);

  // Runner registration and removal tokens; an offline runner can be deleted.
  await alice.rest.actions.createRegistrationTokenForRepo({ owner, repo });
  await alice.rest.actions.createRemoveTokenForRepo({ owner, repo });
  const spare = (await alice.rest.actions.generateRunnerJitconfigForRepo({ owner, repo, name: 'tour-spare', runner_group_id: 1, labels: ['cpu'] })).data;
  assert.equal((await alice.rest.actions.deleteSelfHostedRunnerFromRepo({ owner, repo, runner_id: spare.runner.id })).status, 204);
}
