/**
 * The sandbox job agent: what actions/runner does once a runner has been assigned a job. It checks the run's commit
 * out of the emulator's git store, runs the job's steps (steps.ts) with the Actions environment (job-environment.ts),
 * reports step progress and conclusions into the job record, stores the log, and completes the job with its outputs
 * — which makes the engine emit `workflow_job` / `workflow_run` events as for any runner.
 *
 * Runners: self-hosted runners bridged from EC2 hand their jobs over through the runner bridge (`executeJob`);
 * GitHub-hosted labels (`ubuntu-latest`, `ubuntu-24.04`, …) are served by a built-in hosted runner that this agent
 * provisions per queued job (one ephemeral runner per job, hidden from the self-hosted runner API like GitHub's).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeJob, settle } from '../github/actions-engine.js';
import { fullName } from '../github/model.js';
import { addRunner, runnerLabel, type Conclusion, type JobRecord, type RunnerRecord } from '../github/model-actions.js';
import { isoSeconds } from '../github/context.js';
import { addArtifact } from '../github/routes/actions-artifacts.js';
import type { FinishJob } from '../github/runner-bridge.js';
import type { GithubEmulator } from '../github/server.js';
import { workflowFiles } from '../github/workflow-files.js';
import { builtinAction, type ArtifactPort } from './builtin-actions.js';
import { checkoutCommit } from './checkout.js';
import { interpolate, type JobStatus } from './expressions.js';
import { jobDefinition } from './job-definition.js';
import { jobEnvironment, revokeJobToken } from './job-environment.js';
import { runSteps, type StepHost, type StepResult } from './steps.js';

/** Labels the built-in hosted runner answers to (GitHub's Linux images). */
export const HOSTED_LABELS = ['ubuntu-latest', 'ubuntu-24.04', 'ubuntu-22.04'];

export interface JobAgentOptions {
  github: GithubEmulator;
  /** Folder for job workspaces (default: a new folder under the OS temp dir, removed by `close`). */
  workDir?: string;
  /** Extra variables for every step (e.g. a PATH that holds `mlops`). */
  env?: Record<string, string>;
  /** The environment jobs inherit (default `process.env`; GITHUB_*, RUNNER_*, INPUT_*, CI are dropped from it). */
  hostEnv?: NodeJS.ProcessEnv;
  /** Also export the job token as GITHUB_TOKEN (the real runner does not: steps pass `${{ github.token }}`). Default false. */
  tokenInEnv?: boolean;
  /** Labels served by the built-in hosted runner; [] turns it off. Default HOSTED_LABELS. */
  hostedLabels?: string[];
  /** Wall ms a step may run (default 10 minutes). */
  stepTimeoutMs?: number;
  /** Keep each job's folder after it finishes (debugging). */
  keepWorkspaces?: boolean;
  /** Wall ms between hosted-runner ticks (default 50). */
  tickMs?: number;
}

export interface JobAgent {
  /** Runs an assigned job and finishes it: the runner bridge's `executeJob`. */
  executeJob(job: JobRecord, runner: RunnerRecord, finish: FinishJob): void;
  /** Provisions hosted runners for queued hosted jobs and starts the jobs they were given. */
  tick(): void;
  /** Resolves when no job is running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Creates the job agent; its hosted runner ticks on a timer until `close`. */
export function createJobAgent(options: JobAgentOptions): JobAgent {
  const { github } = options;
  const root = options.workDir ?? mkdtempSync(join(tmpdir(), 'mlops-agent-'));
  const hostedLabels = new Set((options.hostedLabels ?? HOSTED_LABELS).map((l) => l.toLowerCase()));
  const hostedRunners = new Set<number>();
  const running = new Set<Promise<void>>();
  let hostedCount = 0;

  const execute = (job: JobRecord, runner: RunnerRecord | undefined, finish: FinishJob) => {
    const task = runJob(job, runner)
      .catch((error: unknown) => ({ conclusion: 'failure' as Conclusion, outputs: {}, log: `##[error]sandbox agent: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n` }))
      .then((result) => {
        // A reset swaps the world: a job of the old one is not finished into the new one.
        if (!github.world().actions.jobs.includes(job)) return;
        job.log = result.log;
        finish(result.conclusion, result.outputs);
      });
    running.add(task);
    void task.finally(() => running.delete(task));
  };

  async function runJob(job: JobRecord, runner: RunnerRecord | undefined): Promise<{ conclusion: Conclusion; outputs: Record<string, string>; log: string }> {
    const world = github.world();
    const run = world.actions.runs.find((r) => r.id === job.run_id)!;
    const repo = world.repos.find((r) => r.id === job.repo_id)!;
    const chunks: string[] = [];
    const log = (text: string) => void chunks.push(text);
    const text = workflowFiles(world, run.head_sha).get(run.path);
    const definition = text === undefined ? undefined : jobDefinition(text, job.key);
    if (!definition) return { conclusion: 'failure', outputs: {}, log: `##[error]job ${job.key} not found in ${run.path}@${run.head_sha}\n` };

    const jobDir = mkdtempSync(join(root, `job-${job.id}-`));
    const dirs = { workspace: join(jobDir, 'work', repo.name, repo.name), temp: join(jobDir, 'temp'), toolCache: join(jobDir, 'tool-cache') };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    const files = checkoutCommit(world.git, run.head_sha, dirs.workspace);
    log(`Runner name: ${runner?.name ?? job.runner_name ?? 'sandbox'}\nChecked out ${fullName(repo)}@${run.head_sha} (${files} files) into ${dirs.workspace}\n`);
    const environment = jobEnvironment(github.env, { job, run, repo, runner }, dirs, { hostEnv: options.hostEnv ?? process.env, extraEnv: options.env ?? {}, tokenInEnv: options.tokenInEnv ?? false });

    const now = () => isoSeconds(github.env.clock.now());
    job.steps = definition.steps.map((s) => ({ name: s.name, reported: { status: 'queued', conclusion: null, started_at: null, completed_at: null } }));
    const observe = (index: number, phase: 'started' | 'completed', result?: StepResult) => {
      const step = job.steps[index];
      if (!step?.reported) return;
      if (phase === 'started') step.reported = { ...step.reported, status: 'in_progress', started_at: now() };
      else step.reported = { ...step.reported, status: 'completed', conclusion: result?.outcome ?? 'success', completed_at: now() };
    };
    const artifacts: ArtifactPort = {
      upload(name, zip) {
        const artifact = addArtifact(github.world(), run, name, zip, github.env.clock.now());
        return { id: artifact.id, url: `${github.env.baseUrl()}/repos/${fullName(repo)}/actions/artifacts/${artifact.id}`, digest: artifact.digest };
      },
      list: (name, runId) =>
        github.world().actions.artifacts.filter((a) => a.repo_id === repo.id && a.run_id === (runId ?? run.id) && (name === undefined || a.name === name)),
    };
    const summary: string[] = [];
    const host: StepHost = {
      workspace: dirs.workspace,
      tempDir: dirs.temp,
      baseEnv: environment.env,
      jobEnv: { ...definition.env },
      path: [],
      summary,
      contexts: environment.contexts,
      defaults: definition.defaults,
      log,
      cancelled: () => job.status !== 'in_progress',
      stepTimeoutMs: options.stepTimeoutMs ?? 600_000,
      uses: builtinAction(artifacts, run.head_sha),
    };
    // Job env values may hold expressions too (`env: { MODEL: ${{ inputs.model }} }`).
    const bare = { ...environment.contexts, env: {}, steps: {} };
    for (const [k, v] of Object.entries(host.jobEnv)) host.jobEnv[k] = interpolate(v, bare);
    const status: JobStatus = { failed: false, cancelled: false };
    const scope = { inputs: environment.contexts.inputs, steps: {}, env: {} };
    try {
      await runSteps(definition.steps, scope, host, status, observe);
      const contexts = { ...environment.contexts, env: host.jobEnv, steps: scope.steps };
      const outputs: Record<string, string> = {};
      for (const [name, value] of Object.entries(definition.outputs)) {
        try {
          outputs[name] = interpolate(value, contexts, status);
        } catch (error) {
          log(`##[warning]output ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
      if (summary.length > 0) log(`##[group]Job summary\n${summary.join('\n')}\n##[endgroup]\n`);
      const conclusion: Conclusion = status.cancelled ? 'cancelled' : status.failed ? 'failure' : 'success';
      log(`Job completed: ${conclusion}\n`);
      return { conclusion, outputs, log: chunks.join('') };
    } finally {
      revokeJobToken(github.world(), environment.token);
      if (!options.keepWorkspaces) rmSync(jobDir, { recursive: true, force: true });
    }
  }

  const isHosted = (job: JobRecord) => job.labels.length > 0 && job.labels.every((l) => hostedLabels.has(l.toLowerCase()));

  const tick = () => {
    const world = github.world();
    const now = github.env.clock.now();
    const queued = world.actions.jobs.filter((j) => j.status === 'queued' && isHosted(j));
    if (queued.length > 0) {
      for (const job of queued) {
        const runner = addRunner(world, job.repo_id, { name: `GitHub Actions ${++hostedCount}`, labels: [], ephemeral: true });
        runner.labels = job.labels.map((l) => runnerLabel(world, l, 'read-only'));
        runner.online_at = now;
        hostedRunners.add(runner.id);
      }
      settle(github.env);
      // Hosted runners are not repository runners: keep them out of the self-hosted runner API.
      world.actions.runners = world.actions.runners.filter((r) => !hostedRunners.has(r.id));
    }
    for (const job of world.actions.jobs.filter((j) => j.status === 'in_progress' && !j.handed_to_agent && j.runner_id !== null && hostedRunners.has(j.runner_id))) {
      job.handed_to_agent = true;
      execute(job, undefined, (conclusion, outputs) => {
        if (job.status === 'in_progress') completeJob(github.env, job, conclusion, outputs);
      });
    }
  };

  const timer = options.hostedLabels?.length === 0 ? undefined : setInterval(tick, options.tickMs ?? 50);
  timer?.unref();

  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return {
    executeJob: (job, runner, finish) => execute(job, runner, finish),
    tick,
    idle,
    async close() {
      if (timer) clearInterval(timer);
      await idle();
      if (!options.workDir) rmSync(root, { recursive: true, force: true });
    },
  };
}
