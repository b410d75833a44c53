/**
 * The one world every lifecycle step shares: the sandbox (GitHub + EC2 emulators) with the gh-mlops app serving its
 * signed webhooks, a job agent that runs the repository's workflows (hosted jobs, and jobs handed to the ephemeral GPU
 * runners the EC2 emulator brings online), the built `mlops` CLI on the jobs' PATH, and the record of every event.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Octokit } from '@octokit/rest';
import { assetPath } from '../../lib/package-root.js';
import { createJobAgent, type JobAgent } from '../../sandbox/agent/index.js';
import type { FinishJob } from '../../sandbox/github/runner-bridge.js';
import type { JobRecord, RunnerRecord } from '../../sandbox/github/model-actions.js';
import type { Sandbox } from '../../sandbox/index.js';
import type { CliResult } from '../stage.js';
import { client, startAppWorld, type AppWorld } from '../world.js';

/** What the steps learn and hand on to later steps. */
export interface DemoState {
  dataPr?: number;
  trainPr?: { number: number; branch: string; headSha: string };
  trainRunId?: number;
  modelSha256?: string;
  dashboard?: number;
  driftIssue?: number;
  retrainPr?: { number: number; branch: string; headSha: string };
}

/** One event of demo-out/lifecycle.json: wall time, and the sandbox's virtual time the emulators stamp GitHub data with. */
export interface DemoEvent {
  at: string;
  sandboxAt: string;
  stage: string;
  step: string;
  detail?: unknown;
}

/** The shared world. */
export interface Demo {
  world: AppWorld;
  sandbox: Sandbox;
  outDir: string;
  /** Scratch folder (the demo's own files, job workspaces). */
  workDir: string;
  state: DemoState;
  /** Records an event of the current step and prints it. */
  record(step: string, detail?: unknown): void;
  /** Runs the built CLI as `user` against the sandbox repository (GITHUB_* set), failing on an unexpected exit code. */
  mlops(args: string[], options?: { expectExit?: number; cwd?: string; user?: string; env?: NodeJS.ProcessEnv }): Promise<CliResult>;
  /** Octokit as a seeded user. */
  gh(user: string): Octokit;
  /** Environment variables of the jobs the agent runs (mutable: a GPU job gets its instance's metadata endpoint). */
  jobEnv: Record<string, string>;
  /** Called when the runner bridge hands a job to an EC2 runner; set by the step that expects it. */
  onRunnerJob?: (job: JobRecord, runner: RunnerRecord) => void;
  close(): Promise<void>;
}

/** Writes an `mlops` executable that runs the built CLI, for the jobs' PATH. */
function mlopsShim(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const shim = join(dir, 'mlops');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${assetPath('dist', 'cli.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

/** Starts the world. `record` receives every event (the runner prints and stores them). */
export async function startDemo(input: {
  outDir: string;
  workDir: string;
  record: (step: string, detail?: unknown) => void;
  mlops: (args: string[], options: { expectExit?: number; cwd?: string; env: NodeJS.ProcessEnv }) => Promise<CliResult>;
}): Promise<Demo> {
  let demo: Demo | undefined;
  let agent: JobAgent | undefined;
  // Jobs the bridge assigns to EC2 runners run on the same agent as hosted ones, with the instance's metadata endpoint.
  const executeJob = (job: JobRecord, runner: RunnerRecord, finish: FinishJob) => {
    if (!agent || !demo) return finish('failure');
    demo.jobEnv.AWS_EC2_METADATA_SERVICE_ENDPOINT = `${demo.sandbox.ec2}/instances/${runner.instance_id ?? 'none'}`;
    demo.onRunnerJob?.(job, runner);
    agent.executeJob(job, runner, finish);
  };
  const world = await startAppWorld({}, { executeJob, ec2BootSeconds: 20, runnerBootSeconds: 30 });
  const { sandbox } = world;
  const bin = mlopsShim(join(input.workDir, 'bin'));
  const jobEnv: Record<string, string> = {
    MLOPS_HOME: assetPath(),
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  mkdirSync(join(input.workDir, 'jobs'), { recursive: true });
  agent = createJobAgent({ github: sandbox.githubEmulator, env: jobEnv, workDir: join(input.workDir, 'jobs'), tickMs: 50 });
  const baseEnv = { GITHUB_API_URL: sandbox.github, GITHUB_REPOSITORY: 'acme/churn-model' };
  demo = {
    world,
    sandbox,
    outDir: input.outDir,
    workDir: input.workDir,
    state: {},
    record: input.record,
    mlops: (args, options = {}) =>
      input.mlops(args, { ...(options.expectExit !== undefined ? { expectExit: options.expectExit } : {}), ...(options.cwd ? { cwd: options.cwd } : {}), env: { ...baseEnv, GITHUB_TOKEN: sandbox.tokens[options.user ?? 'alice']!, ...options.env } }),
    gh: (user) => client(sandbox, user),
    jobEnv,
    async close() {
      await agent?.close();
      await world.close();
    },
  };
  return demo;
}
