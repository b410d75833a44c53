import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launchRunner } from '../../runners/launch.js';
import { waitOnline } from '../../runners/wait-online.js';
import { stopRunner } from '../../runners/stop.js';
import { reapRunners } from '../../runners/reap.js';
import { launchRequest, startRunnerHarness, type RunnerHarness } from './harness.js';

let h: RunnerHarness;
before(async () => (h = await startRunnerHarness()));
after(() => h.close());
beforeEach(() => h.sandbox.reset());

const repo = { owner: 'acme', repo: 'churn-model' };
const instances = () => (h.sandbox.state().ec2 as { instances: any[] }).instances;
const runnerNames = async () => (await h.deps.octokit.rest.actions.listSelfHostedRunnersForRepo(repo)).data.runners.map((r) => `${r.name}:${r.status}`);
const reapDeps = () => ({ ...h.deps, serverTime: h.deps.serverTime });

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('launch → online → the job runs on it → stop terminates the instance and the runner is gone', async () => {
  const yml = 'name: Train\non: workflow_dispatch\njobs:\n  train:\n    runs-on: [self-hosted, gpu-run-1]\n    steps:\n      - run: echo training\n';
  assert.equal((await h.sandbox.actAs({ user: 'dave', action: 'push', branch: 'main', files: { '.github/workflows/train.yml': yml } })).status, 200);
  const launched = await launchRunner(launchRequest(), h.deps);
  const online = await waitOnline({ repo, instanceId: launched.instanceId, runnerName: launched.runnerName, timeoutMs: 10_000, pollMs: 50 }, h.deps);
  assert.equal(online.runnerId, launched.runnerId);
  assert.deepEqual(await runnerNames(), [`${launched.runnerName}:online`]);

  await h.deps.octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'train.yml', ref: 'main' });
  const job = await until('the job on our runner', async () => {
    const runs = (await h.deps.octokit.rest.actions.listWorkflowRunsForRepo(repo)).data.workflow_runs;
    if (!runs[0]) return undefined;
    const jobs = (await h.deps.octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: runs[0].id })).data.jobs;
    return jobs.find((j) => j.status === 'in_progress');
  });
  assert.equal(job.runner_name, launched.runnerName);
  await fetch(`${h.sandbox.control}/jobs/${job.id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ conclusion: 'success' }) });

  const stopped = await stopRunner({ repo, label: 'gpu-run-1' }, h.deps);
  assert.deepEqual(stopped.terminated, [launched.instanceId]);
  assert.equal(stopped.spotInterrupted, false);
  h.sandbox.clock.advance(10);
  await until('termination', () => (instances()[0].State.Name === 'terminated' ? true : undefined));
  assert.deepEqual(await runnerNames(), []);
  // Stopping again finds nothing to do.
  const again = await stopRunner({ repo, label: 'gpu-run-1' }, h.deps);
  assert.deepEqual([again.terminated, again.alreadyGone], [[], [launched.instanceId]]);
});

test('wait-online times out → the instance is terminated, the runner deregistered, the reason given', async () => {
  const launched = await launchRunner(launchRequest(), h.deps);
  // A slow boot: the virtual clock goes back ten minutes, so the instance stays pending well past the timeout.
  h.sandbox.clock.advance(-600);
  assert.deepEqual(await runnerNames(), [`${launched.runnerName}:offline`]);
  await assert.rejects(
    waitOnline({ repo, instanceId: launched.instanceId, runnerName: launched.runnerName, timeoutMs: 30, pollMs: 10 }, h.deps),
    (error: any) => error.code === 'runner-not-online' && error.message === `runner ${launched.runnerName} was not online within 0 s`,
  );
  assert.equal(instances()[0].State.Name, 'shutting-down');
  assert.deepEqual(await runnerNames(), []);
  h.sandbox.clock.advance(600);
});

test('cancelled workflow (stop never runs) → reap terminates after expires-at on the virtual clock; nothing is left', async () => {
  const launched = await launchRunner(launchRequest({ ttlMs: 3_600_000 }), h.deps);
  await waitOnline({ repo, instanceId: launched.instanceId, runnerName: launched.runnerName, timeoutMs: 10_000, pollMs: 50 }, h.deps);
  const early = await reapRunners({ repo }, reapDeps());
  assert.deepEqual([early.nowSource, early.plan.terminate, early.plan.mark, early.plan.keep], ['ec2-date-header', [], [], [launched.instanceId]]);

  h.sandbox.clock.advance(3600);
  const late = await reapRunners({ repo }, reapDeps());
  assert.deepEqual(late.plan.terminate, [{ instanceId: launched.instanceId, reason: 'expired' }]);
  assert.ok(Date.parse(late.now) >= Date.parse(launched.expiresAt), `now ${late.now} is the EC2 clock, past ${launched.expiresAt}`);
  h.sandbox.clock.advance(10);
  await until('termination', () => (instances()[0].State.Name === 'terminated' ? true : undefined));
  assert.deepEqual(await runnerNames(), []);
  const after = await reapRunners({ repo }, reapDeps());
  assert.deepEqual([after.scanned, after.plan.terminate, after.plan.removeRunners], [0, [], []]);
});

test('--now overrides the EC2 clock; dry run changes nothing', async () => {
  const launched = await launchRunner(launchRequest({ ttlMs: 3_600_000 }), h.deps);
  const result = await reapRunners({ repo, now: Date.parse(launched.expiresAt) + 1000, dryRun: true }, reapDeps());
  assert.deepEqual([result.nowSource, result.dryRun, result.plan.terminate.map((t) => t.reason)], ['option', true, ['expired']]);
  assert.equal(instances()[0].State.Name, 'pending');
});

test('a runner that never comes online: marked on one pass, terminated on a later pass; a booting one is left alone', async () => {
  const dead = await launchRunner(launchRequest({ label: 'dead' }), h.deps);
  // Its registration is gone (e.g. removed by hand), so the runner can never connect.
  await h.deps.octokit.rest.actions.deleteSelfHostedRunnerFromRepo({ ...repo, runner_id: dead.runnerId! });
  h.sandbox.clock.advance(16 * 60);
  const booting = await launchRunner(launchRequest({ label: 'booting' }), h.deps);
  const first = await reapRunners({ repo }, reapDeps());
  assert.deepEqual(first.plan.mark, [{ instanceId: dead.instanceId, reason: 'runner-gone' }]);
  assert.ok(first.plan.keep.includes(booting.instanceId));
  const tags = Object.fromEntries(instances()[0].Tags.map((t: any) => [t.Key, t.Value]));
  assert.equal(tags['mlops:reap-reason'], 'runner-gone');
  const second = await reapRunners({ repo }, reapDeps());
  assert.deepEqual(second.plan.terminate, [], 'a fresh mark is not old enough');
  h.sandbox.clock.advance(6 * 60);
  const third = await reapRunners({ repo }, reapDeps());
  assert.deepEqual(third.plan.terminate, [{ instanceId: dead.instanceId, reason: 'runner-gone' }]);
  assert.ok(!third.plan.terminate.some((t) => t.instanceId === booting.instanceId));
});

test('a Spot reclaim is reported by stop as the interruption marker', async () => {
  const launched = await launchRunner(launchRequest({ market: 'spot' }), h.deps);
  h.sandbox.clock.advance(60);
  await fetch(`${h.sandbox.control}/spot-interruption`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instanceId: launched.instanceId }) });
  h.sandbox.clock.advance(180);
  const stopped = await stopRunner({ repo, label: 'gpu-run-1' }, h.deps);
  assert.deepEqual([stopped.terminated, stopped.spotInterrupted], [[], true]);
});

test('resume: the stop job dispatches the workflow again naming the interrupted run, at most max-resumes times', async () => {
  const { dispatchResume } = await import('../../runners/resume.js');
  const yml = 'name: Train\non:\n  workflow_dispatch:\n    inputs:\n      resume-from-run:\n        required: false\n      resume-count:\n        required: false\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo resume\n';
  assert.equal((await h.sandbox.actAs({ user: 'dave', action: 'push', branch: 'main', files: { '.github/workflows/train.yml': yml } })).status, 200);
  const request = { repo, workflow: 'train.yml', ref: 'main', fromRunId: '31', maxResumes: 2 };
  assert.deepEqual(await dispatchResume(h.deps.octokit, { ...request, resumeCount: 1 }), { dispatched: true, resumeCount: 2 });
  const runs = (await h.deps.octokit.rest.actions.listWorkflowRunsForRepo(repo)).data.workflow_runs;
  assert.deepEqual(runs.map((r) => r.event), ['workflow_dispatch']);
  assert.deepEqual(await dispatchResume(h.deps.octokit, { ...request, resumeCount: 2 }), { dispatched: false, reason: 'already resumed 2 time(s); max-resumes is 2' });
});
