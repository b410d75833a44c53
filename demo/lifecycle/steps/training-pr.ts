/**
 * Step 2: a training pull request. dave changes churn's hyper-parameters; the Train workflow's GPU job needs a
 * runner: g5.xlarge has no Spot capacity, so the launcher falls back to g4dn.xlarge; the runner (JIT config, one job)
 * trains with `mlops train`; a Spot interruption notice makes it checkpoint and fail the attempt; the stop job sees
 * the Spot marker; "re-run failed jobs" gets a new runner that resumes from the checkpoint and finishes with the same
 * model bytes as an uninterrupted training; the runner is gone afterwards.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainingReport } from '../../../lib/contracts/index.js';
import { assetPath } from '../../../lib/package-root.js';
import { completed, jobIn, jobsOf, runFor, waitFor } from '../actions-runs.js';
import type { Demo } from '../context.js';
import { gpuRunners } from '../gpu-runner.js';
import { openPullRequest } from '../people.js';
import { PARAMS_YML } from '../repo-files.js';
import { check, type LifecycleStep } from '../step.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What is left on EC2 and GitHub for the GPU label: live instances and registered runners. */
export async function leftovers(demo: Demo): Promise<{ instances: number; runners: number }> {
  const state = demo.sandbox.state() as { ec2?: { instances: Array<{ State: { Name: string } }> } };
  const instances = (state.ec2?.instances ?? []).filter((i) => !['terminated', 'shutting-down'].includes(i.State.Name)).length;
  const runners = (await demo.gh('alice').rest.actions.listSelfHostedRunnersForRepo({ owner: 'acme', repo: 'churn-model' })).data.total_count;
  return { instances, runners };
}

/** Runs the GPU job of Train run `runId` (attempt `attempt`) on a fresh runner and stops the runner afterwards. */
export async function trainOnGpu(demo: Demo, runId: number, attempt: number): Promise<void> {
  const runners = gpuRunners(demo);
  try {
    await jobIn(demo, runId, 'train', 'queued');
    const launched = await runners.launch(runId, attempt);
    demo.record(`runner ${launched.runnerName} online on ${launched.market} ${launched.instanceType} ${launched.instanceId} after ${(launched.waitedMs / 1000).toFixed(0)} s (virtual)`);
    const job = await jobIn(demo, runId, 'train', 'completed');
    check(job.conclusion === 'success', `the train job concluded ${job.conclusion}`);
    await runners.stop();
  } finally {
    runners.close();
  }
}

export const trainingPrStep: LifecycleStep = {
  name: '2 training PR: ephemeral GPU runner with capacity fallback, Spot interruption → checkpoint → resumed on a new runner',
  async run(demo) {
    const pr = await openPullRequest(demo, 'dave', 'churn/longer-training', 'churn: train longer with a larger step', {
      'models/churn/params.yml': PARAMS_YML,
      'models/churn/training-data.txt': 'data/churn/train.csv\n',
    });
    demo.state.trainPr = pr;
    demo.record(`dave opened PR #${pr.number}: models/churn/params.yml (epochs 1500, lr 0.3, l2 0.0005, seed 2)`);
    const run = await runFor(demo, 'train.yml', pr.headSha);
    demo.state.trainRunId = run.id;
    const runners = gpuRunners(demo);
    try {
      // Attempt 1: no Spot capacity for g5.xlarge; the trainer is slowed down so the interruption lands mid-run.
      demo.sandbox.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'InsufficientInstanceCapacity', match: { InstanceType: 'g5.xlarge' }, times: 1 });
      demo.jobEnv.TRAINER_EPOCH_DELAY_MS = '3';
      await jobIn(demo, run.id, 'train', 'queued');
      const first = await runners.launch(run.id, 1);
      check(first.instanceType === 'g4dn.xlarge' && first.market === 'spot', `expected a Spot g4dn.xlarge after the capacity error, got ${first.market} ${first.instanceType}`);
      demo.record(`Train run ${run.id}: g5.xlarge → ${first.attempts[0]?.error ?? 'error'}; launched Spot ${first.instanceType} ${first.instanceId}, runner ${first.runnerName} online after ${(first.waitedMs / 1000).toFixed(0)} s (virtual)`);
      await waitFor('the Train step to start', async () => ((await jobsOf(demo, run.id)).find((j) => j.name === 'train')?.steps ?? []).some((s) => s.name === 'Train' && s.status !== 'queued') || undefined);
      await new Promise((r) => setTimeout(r, 1200));
      const notice = await fetch(`${demo.sandbox.control}/spot-interruption`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instanceId: first.instanceId }) });
      check(notice.ok, `spot-interruption answered ${notice.status}`);
      demo.record(`EC2 sent the Spot interruption notice to ${first.instanceId}`);
      const interrupted = await completed(demo, run.id);
      check(interrupted.conclusion === 'failure', `the interrupted attempt concluded ${interrupted.conclusion}`);
      delete demo.jobEnv.TRAINER_EPOCH_DELAY_MS;
      demo.sandbox.clock.advance(130);
      const stopped = await runners.stop();
      check(stopped.spotInterrupted, 'the stop job did not see the Spot interruption');
      demo.record(`attempt 1 failed after saving its checkpoint (artifact mlops-checkpoint); stop: terminated ${[...stopped.terminated, ...stopped.alreadyGone].join(', ')}, spotInterrupted=true`);

      // Attempt 2: re-run the failed jobs; a new runner restores the checkpoint and finishes.
      await demo.gh('dave').rest.actions.reRunWorkflowFailedJobs({ owner: 'acme', repo: 'churn-model', run_id: run.id });
      await waitFor('attempt 2 of the train job', async () => (await jobsOf(demo, run.id)).find((j) => j.name === 'train' && j.run_attempt === 2));
      const second = await runners.launch(run.id, 2);
      demo.record(`re-run failed jobs → attempt 2 on a new runner: ${second.market} ${second.instanceType} ${second.instanceId}`);
      const job = await jobIn(demo, run.id, 'train', 'completed');
      check(job.conclusion === 'success', `the resumed train job concluded ${job.conclusion}`);
      await runners.stop();
    } finally {
      runners.close();
    }

    const dir = join(demo.workDir, `train-${run.id}`);
    await demo.mlops(['artifact', 'download', '--name', 'mlops-training', '--run-id', String(run.id), '--dir', dir]);
    await demo.mlops(['artifact', 'download', '--name', 'mlops-checkpoint', '--run-id', String(run.id), '--dir', join(dir, 'ckpt')]);
    const report = JSON.parse(await readFile(join(dir, 'mlops-training.json'), 'utf8')) as TrainingReport;
    const model = sha256(await readFile(join(dir, 'model.onnx')));
    const uninterrupted = sha256(await readFile(assetPath('fixtures', 'models', 'churn-v2.onnx')));
    check(report.outcome?.status === 'completed' && report.runner.interruptions === 1, `resumed report: ${JSON.stringify(report.outcome)}, interruptions ${report.runner.interruptions}`);
    check(report.checkpoint?.resumedFrom !== undefined, 'the resumed run did not start from a checkpoint');
    check(model === uninterrupted, `the resumed model ${model.slice(0, 12)} differs from uninterrupted training ${uninterrupted.slice(0, 12)} (fixtures/models/churn-v2.onnx)`);
    demo.state.modelSha256 = model;
    demo.record(`resumed from checkpoint ${report.checkpoint.resumedFrom.sha256.slice(0, 12)}…: model.onnx sha256 ${model.slice(0, 12)}… = uninterrupted training; ${report.runner.market} ${report.runner.instanceType}, GPU ${report.gpu?.summary.utilizationMean ?? 0}% mean, ${report.gpuHours.toFixed(5)} GPU-h at $${report.cost.pricePerHour}/h`);
    const left = await leftovers(demo);
    check(left.instances === 0 && left.runners === 0, `left behind: ${left.instances} live instances, ${left.runners} runners`);
    demo.record('no GPU instance running, no runner registered');
  },
};
