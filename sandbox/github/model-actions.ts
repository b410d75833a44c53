/**
 * GitHub Actions state of the emulator's world: workflows (ids for the `.github/workflows/*.yml` files seen so far),
 * workflow runs, their jobs, self-hosted runners, runner tokens and artifacts. Plain records like model.ts; ids come
 * from the world's one sequence. Runner "online" is derived from the virtual clock (`online_at`), so a boot delay
 * needs no timer.
 */
import { randomBytes } from 'node:crypto';
import { nextId, type World } from './model.js';

export type RunStatus = 'requested' | 'queued' | 'pending' | 'waiting' | 'in_progress' | 'completed';
export type Conclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';
export const CONCLUSIONS: readonly Conclusion[] = ['success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required'];

export interface WorkflowRecord {
  id: number;
  repo_id: number;
  /** `.github/workflows/train.yml` */
  path: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface WorkflowRunRecord {
  id: number;
  repo_id: number;
  workflow_id: number;
  run_number: number;
  run_attempt: number;
  name: string;
  display_title: string;
  event: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  head_branch: string | null;
  head_sha: string;
  /** Workflow file path at dispatch time. */
  path: string;
  actor: string;
  triggering_actor: string;
  inputs: Record<string, string | number | boolean>;
  created_at: string;
  updated_at: string;
  run_started_at: string;
  /** Webhook payload of the triggering event, what the job's GITHUB_EVENT_PATH holds (dispatch runs build theirs). */
  event_payload?: Record<string, unknown>;
  /** GITHUB_REF when it is not the branch/tag `head_branch` names (pull request events: `refs/pull/N/merge`). */
  ref?: string;
  /** Same-repository pull requests the run belongs to (`pull_requests`; GitHub leaves fork PRs out). */
  pull_numbers?: number[];
  /** Runs for pull requests from forks: the job token gets read permissions only, like GitHub's. */
  read_only_token?: boolean;
}

export interface StepSpec {
  name: string;
  /** Set once a job agent reports the step (otherwise the API derives step states from the job's). */
  reported?: { status: 'queued' | 'in_progress' | 'completed'; conclusion: Conclusion | null; started_at: string | null; completed_at: string | null };
}

export interface JobRecord {
  id: number;
  run_id: number;
  run_attempt: number;
  repo_id: number;
  /** Key under `jobs:` (what `needs:` refers to). */
  key: string;
  name: string;
  /** `runs-on` labels. */
  labels: string[];
  needs: string[];
  steps: StepSpec[];
  /** `pending` = waiting on `needs`; `queued` = ready for a runner. */
  status: 'pending' | 'queued' | 'in_progress' | 'completed';
  conclusion: Conclusion | null;
  created_at: string;
  started_at: string;
  completed_at: string | null;
  runner_id: number | null;
  runner_name: string | null;
  outputs: Record<string, string>;
  /** Set once a job agent (see runner-bridge `executeJob`) has been handed this job. */
  handed_to_agent: boolean;
  /** The job's log as its agent reported it (`actions/download-job-logs-for-workflow-run`). */
  log?: string;
}

export interface RunnerLabel {
  id: number;
  name: string;
  type: 'read-only' | 'custom';
}

export interface RunnerRecord {
  id: number;
  repo_id: number;
  name: string;
  os: string;
  labels: RunnerLabel[];
  ephemeral: boolean;
  runner_group_id: number;
  work_folder: string;
  /** Virtual ms at which the runner process has connected; null while not running anywhere. */
  online_at: number | null;
  /** The job it is running. */
  job_id: number | null;
  /** JIT secret embedded in the encoded config (proves a blob came from this world). */
  jit_secret: string | null;
  /** EC2 instance hosting it, when the runner bridge started it. */
  instance_id: string | null;
  /** Ephemeral runners are removed after their one job; this marks that it has run it. */
  used: boolean;
}

export interface ArtifactRecord {
  id: number;
  repo_id: number;
  run_id: number;
  name: string;
  /** The zip archive as uploaded (or built from files). */
  zip: Buffer;
  digest: string;
  created_at: string;
  expires_at: string;
}

export interface RunnerTokenRecord {
  token: string;
  repo_id: number;
  kind: 'registration' | 'remove';
  /** Virtual ms. */
  expires_at: number;
}

/** Everything Actions; `World.actions`. */
export interface ActionsWorld {
  workflows: WorkflowRecord[];
  runs: WorkflowRunRecord[];
  jobs: JobRecord[];
  runners: RunnerRecord[];
  artifacts: ArtifactRecord[];
  runnerTokens: RunnerTokenRecord[];
  /** Label name (lower case) → id, so a label keeps its id across runners, like GitHub's. */
  labelIds: Record<string, number>;
  /** Signs artifact download URLs and JIT configs. */
  secret: string;
}

/** An empty Actions state (seeding and reset). */
export function createActionsWorld(): ActionsWorld {
  return { workflows: [], runs: [], jobs: [], runners: [], artifacts: [], runnerTokens: [], labelIds: {}, secret: randomBytes(16).toString('hex') };
}

/** The runner's status as the API reports it. */
export function runnerStatus(runner: RunnerRecord, now: number): 'online' | 'offline' {
  return runner.online_at !== null && runner.online_at <= now ? 'online' : 'offline';
}

/** A label record with the world-wide id for its name. */
export function runnerLabel(world: World, name: string, type: RunnerLabel['type']): RunnerLabel {
  const key = name.toLowerCase();
  world.actions.labelIds[key] ??= nextId(world);
  return { id: world.actions.labelIds[key]!, name, type };
}

/** The labels every self-hosted Linux x64 runner gets, then the custom ones (deduplicated, case-insensitively). */
export function runnerLabels(world: World, custom: string[]): RunnerLabel[] {
  const labels = ['self-hosted', 'Linux', 'X64'].map((n) => runnerLabel(world, n, 'read-only'));
  for (const name of custom) {
    if (!labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) labels.push(runnerLabel(world, name, 'custom'));
  }
  return labels;
}

/** The jobs of a run's latest attempt. */
export function latestJobs(world: World, run: WorkflowRunRecord): JobRecord[] {
  return world.actions.jobs.filter((j) => j.run_id === run.id && j.run_attempt === run.run_attempt);
}

/** Registers a runner (offline until its process connects). */
export function addRunner(
  world: World,
  repoId: number,
  fields: { name: string; labels: string[]; ephemeral: boolean; runner_group_id?: number; work_folder?: string; jit_secret?: string | null },
): RunnerRecord {
  const runner: RunnerRecord = {
    id: nextId(world),
    repo_id: repoId,
    name: fields.name,
    os: 'Linux',
    labels: runnerLabels(world, fields.labels),
    ephemeral: fields.ephemeral,
    runner_group_id: fields.runner_group_id ?? 1,
    work_folder: fields.work_folder ?? '_work',
    online_at: null,
    job_id: null,
    jit_secret: fields.jit_secret ?? null,
    instance_id: null,
    used: false,
  };
  world.actions.runners.push(runner);
  return runner;
}
