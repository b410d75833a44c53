/**
 * The Actions life cycle: a dispatched run with its jobs, jobs waiting on `needs`, queued jobs assigned to idle online
 * self-hosted runners whose labels cover `runs-on`, completion, run conclusion, cancel and re-run, and runners going
 * away. Every transition announces itself (`workflow_run`, `workflow_job`) like GitHub. `settle` is idempotent and is
 * called by the routes, the control API and the runner bridge, so a clock jump is seen by the next caller.
 */
import type { EmulatorEnv } from './context.js';
import { isoSeconds } from './context.js';
import { emitEvent } from './events.js';
import { nextId, type RepoRecord, type World } from './model.js';
import { latestJobs, runnerStatus, type Conclusion, type JobRecord, type RunnerRecord, type WorkflowRecord, type WorkflowRunRecord } from './model-actions.js';
import { jobJson, runJson, workflowJson } from './serialize-actions.js';
import type { WorkflowSpec } from './workflow-files.js';

const repoById = (world: World, id: number): RepoRecord => world.repos.find((r) => r.id === id)!;
const nowIso = (env: EmulatorEnv) => isoSeconds(env.clock.now());

function emitRun(env: EmulatorEnv, run: WorkflowRunRecord, action: 'requested' | 'in_progress' | 'completed'): void {
  const world = env.world();
  const repo = repoById(world, run.repo_id);
  const workflow = world.actions.workflows.find((w) => w.id === run.workflow_id)!;
  const base = env.baseUrl();
  emitEvent(env, repo, run.triggering_actor, 'workflow_run', { action, workflow_run: runJson(world, base, repo, run), workflow: workflowJson(base, repo, workflow) });
}

function emitJob(env: EmulatorEnv, job: JobRecord, action: 'queued' | 'in_progress' | 'completed' | 'waiting'): void {
  const world = env.world();
  const repo = repoById(world, job.repo_id);
  const run = world.actions.runs.find((r) => r.id === job.run_id)!;
  emitEvent(env, repo, run.triggering_actor, 'workflow_job', { action, workflow_job: jobJson(world, env.baseUrl(), repo, job) });
}

function createJobs(env: EmulatorEnv, run: WorkflowRunRecord, specs: WorkflowSpec['jobs'], carried: JobRecord[] = []): void {
  const world = env.world();
  const now = nowIso(env);
  for (const spec of specs) {
    const previous = carried.find((j) => j.key === spec.key);
    const job: JobRecord = previous
      ? { ...previous, id: nextId(world), run_attempt: run.run_attempt, handed_to_agent: true }
      : {
          id: nextId(world),
          run_id: run.id,
          run_attempt: run.run_attempt,
          repo_id: run.repo_id,
          key: spec.key,
          name: spec.name,
          labels: spec.labels,
          needs: spec.needs,
          steps: spec.steps,
          status: spec.needs.length > 0 ? 'pending' : 'queued',
          conclusion: null,
          created_at: now,
          started_at: now,
          completed_at: null,
          runner_id: null,
          runner_name: null,
          outputs: {},
          handed_to_agent: false,
        };
    world.actions.jobs.push(job);
    if (job.status === 'queued') emitJob(env, job, 'queued');
  }
  advanceNeeds(env, run);
}

/** Creates a run (status queued) with one job per `jobs:` key; announces `workflow_run.requested` and queued jobs. */
export function createRun(
  env: EmulatorEnv,
  repo: RepoRecord,
  workflow: WorkflowRecord,
  spec: WorkflowSpec,
  trigger: {
    event: string;
    branch: string | null;
    sha: string;
    actor: string;
    inputs: WorkflowRunRecord['inputs'];
    /** Event runs: the payload, GITHUB_REF, pull requests, fork token, and the title GitHub shows (PR title, commit). */
    details?: Pick<WorkflowRunRecord, 'event_payload' | 'ref' | 'pull_numbers' | 'read_only_token'> & { title?: string };
  },
): WorkflowRunRecord {
  const world = env.world();
  const now = nowIso(env);
  const run: WorkflowRunRecord = {
    id: nextId(world),
    repo_id: repo.id,
    workflow_id: workflow.id,
    run_number: world.actions.runs.filter((r) => r.workflow_id === workflow.id).length + 1,
    run_attempt: 1,
    name: spec.name,
    display_title: trigger.details?.title ?? spec.name,
    event: trigger.event,
    status: 'queued',
    conclusion: null,
    head_branch: trigger.branch,
    head_sha: trigger.sha,
    path: workflow.path,
    actor: trigger.actor,
    triggering_actor: trigger.actor,
    inputs: trigger.inputs,
    created_at: now,
    updated_at: now,
    run_started_at: now,
  };
  if (trigger.details) {
    const { title: _title, ...details } = trigger.details;
    Object.assign(run, details);
  }
  world.actions.runs.push(run);
  emitRun(env, run, 'requested');
  createJobs(env, run, spec.jobs);
  settle(env);
  return run;
}

/** Pending jobs whose `needs` are done become queued (all succeeded) or skipped (one did not). */
function advanceNeeds(env: EmulatorEnv, run: WorkflowRunRecord): void {
  const jobs = latestJobs(env.world(), run);
  for (let changed = true; changed; ) {
    changed = false;
    for (const job of jobs.filter((j) => j.status === 'pending')) {
      const needed = jobs.filter((j) => job.needs.includes(j.key));
      if (needed.some((j) => j.status !== 'completed')) continue;
      changed = true;
      if (needed.every((j) => j.conclusion === 'success')) {
        job.status = 'queued';
        job.created_at = nowIso(env);
        job.started_at = job.created_at;
        emitJob(env, job, 'queued');
      } else {
        Object.assign(job, { status: 'completed', conclusion: 'skipped', completed_at: nowIso(env) });
      }
    }
  }
}

/** The run's conclusion once every job is done: failure beats cancelled beats success. */
export function runConclusion(jobs: JobRecord[]): Conclusion {
  if (jobs.some((j) => j.conclusion === 'failure' || j.conclusion === 'timed_out')) return 'failure';
  if (jobs.some((j) => j.conclusion === 'cancelled')) return 'cancelled';
  return 'success';
}

function concludeIfDone(env: EmulatorEnv, run: WorkflowRunRecord): void {
  const jobs = latestJobs(env.world(), run);
  if (run.status === 'completed' || jobs.some((j) => j.status !== 'completed')) return;
  Object.assign(run, { status: 'completed', conclusion: runConclusion(jobs), updated_at: nowIso(env) });
  emitRun(env, run, 'completed');
}

/** Frees the runner of a finished job; an ephemeral runner is deregistered after its one job, like GitHub's. */
function releaseRunner(world: World, job: JobRecord): void {
  const runner = world.actions.runners.find((r) => r.id === job.runner_id);
  if (!runner || runner.job_id !== job.id) return;
  runner.job_id = null;
  runner.used = true;
  if (runner.ephemeral) world.actions.runners = world.actions.runners.filter((r) => r !== runner);
}

/** Finishes an in-progress (or still queued) job, then whatever follows from it. */
export function completeJob(env: EmulatorEnv, job: JobRecord, conclusion: Conclusion, outputs: Record<string, string> = {}): void {
  const world = env.world();
  Object.assign(job, { status: 'completed', conclusion, completed_at: nowIso(env), outputs: { ...job.outputs, ...outputs } });
  releaseRunner(world, job);
  emitJob(env, job, 'completed');
  const run = world.actions.runs.find((r) => r.id === job.run_id)!;
  run.updated_at = nowIso(env);
  advanceNeeds(env, run);
  concludeIfDone(env, run);
  settle(env);
}

/** Cancels every unfinished job of the run (their runners are released) and concludes it `cancelled`. */
export function cancelRun(env: EmulatorEnv, run: WorkflowRunRecord): void {
  const world = env.world();
  for (const job of latestJobs(world, run).filter((j) => j.status !== 'completed')) {
    const wasRunning = job.status === 'in_progress' || job.status === 'queued';
    Object.assign(job, { status: 'completed', conclusion: 'cancelled', completed_at: nowIso(env) });
    releaseRunner(world, job);
    if (wasRunning) emitJob(env, job, 'completed');
  }
  concludeIfDone(env, run);
  settle(env);
}

/** A new attempt: every job again, or (onlyFailed) the failed/cancelled ones and those that need them. */
export function rerun(env: EmulatorEnv, run: WorkflowRunRecord, spec: WorkflowSpec, onlyFailed: boolean): void {
  const world = env.world();
  const previous = latestJobs(world, run);
  const redo = new Set(onlyFailed ? previous.filter((j) => j.conclusion !== 'success').map((j) => j.key) : spec.jobs.map((j) => j.key));
  for (let grew = true; grew; ) {
    grew = false;
    for (const j of spec.jobs) if (!redo.has(j.key) && j.needs.some((n) => redo.has(n)) && redo.add(j.key)) grew = true;
  }
  const now = nowIso(env);
  Object.assign(run, { run_attempt: run.run_attempt + 1, status: 'queued', conclusion: null, updated_at: now, run_started_at: now });
  emitRun(env, run, 'requested');
  createJobs(env, run, spec.jobs, previous.filter((j) => !redo.has(j.key)));
  settle(env);
}

function labelsCover(runner: RunnerRecord, wanted: string[]): boolean {
  const have = new Set(runner.labels.map((l) => l.name.toLowerCase()));
  return wanted.every((l) => have.has(l.toLowerCase()));
}

/**
 * Assigns queued jobs (oldest first) to idle online runners of the same repository whose labels cover the job's
 * `runs-on`. Returns the jobs assigned by this call.
 */
export function settle(env: EmulatorEnv): JobRecord[] {
  const world = env.world();
  const now = env.clock.now();
  const assigned: JobRecord[] = [];
  for (const job of world.actions.jobs.filter((j) => j.status === 'queued')) {
    const runner = world.actions.runners.find((r) => r.repo_id === job.repo_id && r.job_id === null && !(r.ephemeral && r.used) && runnerStatus(r, now) === 'online' && labelsCover(r, job.labels));
    if (!runner) continue;
    runner.job_id = job.id;
    Object.assign(job, { status: 'in_progress', started_at: isoSeconds(now), runner_id: runner.id, runner_name: runner.name });
    emitJob(env, job, 'in_progress');
    const run = world.actions.runs.find((r) => r.id === job.run_id)!;
    if (run.status === 'queued') {
      Object.assign(run, { status: 'in_progress', updated_at: isoSeconds(now) });
      emitRun(env, run, 'in_progress');
    }
    assigned.push(job);
  }
  return assigned;
}

/**
 * A runner's process went away (instance stopping or terminated): it goes offline, a job it was running fails as
 * GitHub fails it when the runner loses its connection, and an ephemeral runner is deregistered.
 */
export function runnerGone(env: EmulatorEnv, runner: RunnerRecord): void {
  const world = env.world();
  runner.online_at = null;
  const job = world.actions.jobs.find((j) => j.id === runner.job_id);
  if (job && job.status === 'in_progress') completeJob(env, job, 'failure');
  if (runner.ephemeral) world.actions.runners = world.actions.runners.filter((r) => r !== runner);
}
