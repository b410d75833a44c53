/**
 * Runner bridge: EC2 instances of the EC2 emulator become self-hosted runners of the GitHub emulator, the way the
 * actions/runner started by an instance's user data registers with GitHub.
 * - An instance reaching `running` whose user data holds an encoded JIT config (or `config.sh --token … --labels …`)
 *   brings that runner online `bootSeconds` (virtual) later: online is derived from the clock, so no timer is needed.
 * - `stopping`/`stopped`/`shutting-down`/`terminated` take its runners offline; ephemeral ones are removed, and a job
 *   they were running fails, as when a runner loses its connection.
 * - A tick (every `tickMs` wall ms, and after each EC2 change) assigns queued jobs to idle matching runners and hands
 *   each newly assigned job to `executeJob`.
 *
 * INTEGRATION POINT (job agent): `executeJob(job, runner)` is where a runner agent will run the job's steps and finish
 * it with `completeJob`. Until then jobs stay in_progress until `POST /_sandbox/jobs/{id}/complete`.
 */
import { completeJob, runnerGone, settle } from './actions-engine.js';
import { findRepo } from './model.js';
import { addRunner, type Conclusion, type JobRecord, type RunnerRecord } from './model-actions.js';
import { runnerRequests, userDataText, type RunnerRequest } from './runner-config.js';
import type { GithubEmulator } from './server.js';

/** An instance as the EC2 emulator's state listeners see it (a copy of its record, EC2 API field names). */
export interface Ec2InstanceView {
  InstanceId: string;
  /** EC2 state name: pending, running, stopping, stopped, shutting-down, terminated. */
  State: { Name: string };
  /** Base64, exactly as given to RunInstances. */
  UserData?: string;
}

/** What the bridge needs from the EC2 emulator (sandbox/ec2 provides both). */
export interface Ec2InstanceEvents {
  /** Calls `listener` on every instance state change (and on launch); returns an unsubscribe function. */
  onInstanceState(listener: (instance: Ec2InstanceView, previous: string | null) => void): () => void;
  /** Applies the state transitions due by the virtual clock (the EC2 emulator evaluates lazily). */
  tick?(): void;
}

/** Finishes a job the way its runner reports it (what an agent calls when the steps are done). */
export type FinishJob = (conclusion: Conclusion, outputs?: Record<string, string>) => void;

export interface RunnerBridgeOptions {
  github: GithubEmulator;
  ec2: Ec2InstanceEvents;
  /** Virtual seconds from `running` until the runner has configured itself and connected (default 30). */
  bootSeconds?: number;
  /** Wall milliseconds between ticks (default 100). */
  tickMs?: number;
  /** Runs an assigned job; see the integration point above. Omitted: jobs wait for the control API. */
  executeJob?: (job: JobRecord, runner: RunnerRecord, finish: FinishJob) => void;
}

export interface RunnerBridge {
  /** Assigns queued jobs to idle online runners and hands new assignments to `executeJob`. */
  tick(): void;
  close(): void;
}

const GONE = new Set(['stopping', 'stopped', 'shutting-down', 'terminated']);

/** Connects the EC2 emulator's instances to the GitHub emulator's runners. */
export function createRunnerBridge(options: RunnerBridgeOptions): RunnerBridge {
  const { github } = options;
  const bootMs = (options.bootSeconds ?? 30) * 1000;

  /** Finds or registers the runner a request names; undefined when GitHub would refuse it (bad token, used JIT). */
  const runnerFor = (request: RunnerRequest, instanceId: string): RunnerRecord | undefined => {
    const world = github.world();
    if (request.kind === 'jit') {
      const runner = world.actions.runners.find((r) => r.id === request.runnerId && r.jit_secret === request.secret);
      return runner && !runner.used ? runner : undefined;
    }
    const existing = world.actions.runners.find((r) => r.instance_id === instanceId);
    if (existing) return existing;
    const token = world.actions.runnerTokens.find((t) => t.token === request.token && t.kind === 'registration' && t.expires_at > github.env.clock.now());
    if (!token) return undefined;
    const urlRepo = request.url ? /\/([^/]+)\/([^/]+?)\/?$/.exec(request.url) : null;
    if (urlRepo && world.repos.find((r) => r.id === token.repo_id) !== findRepo(world, urlRepo[1]!, urlRepo[2]!)) return undefined;
    const name = request.name ?? instanceId;
    // config.sh --replace semantics: a runner registered again under the same name replaces the old registration.
    world.actions.runners = world.actions.runners.filter((r) => !(r.repo_id === token.repo_id && r.name === name && r.job_id === null));
    return addRunner(world, token.repo_id, { name, labels: request.labels, ephemeral: request.ephemeral });
  };

  const onChange = (instance: Ec2InstanceView) => {
    const world = github.world();
    const id = instance.InstanceId;
    if (instance.State.Name === 'running') {
      const requests = instance.UserData ? runnerRequests(userDataText(instance.UserData)) : [];
      const bound = world.actions.runners.filter((r) => r.instance_id === id);
      for (const runner of [...bound, ...requests.map((r) => runnerFor(r, id))]) {
        if (!runner || runner.online_at !== null) continue;
        runner.instance_id = id;
        runner.online_at = github.env.clock.now() + bootMs;
      }
    } else if (GONE.has(instance.State.Name)) {
      for (const runner of world.actions.runners.filter((r) => r.instance_id === id)) runnerGone(github.env, runner);
    }
  };

  const tick = () => {
    options.ec2.tick?.();
    settle(github.env);
    if (!options.executeJob) return;
    const world = github.world();
    for (const job of world.actions.jobs.filter((j) => j.status === 'in_progress' && !j.handed_to_agent)) {
      const runner = world.actions.runners.find((r) => r.id === job.runner_id);
      if (!runner?.instance_id) continue;
      job.handed_to_agent = true;
      options.executeJob(job, runner, (conclusion, outputs) => {
        if (job.status === 'in_progress') completeJob(github.env, job, conclusion, outputs);
      });
    }
  };

  const unsubscribe = options.ec2.onInstanceState(onChange);
  const timer = setInterval(tick, options.tickMs ?? 100);
  timer.unref();
  return {
    tick,
    close() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}

/** True when an EC2 emulator offers the state subscription the bridge needs. */
export function hasInstanceEvents(ec2: unknown): ec2 is Ec2InstanceEvents {
  return typeof (ec2 as Partial<Ec2InstanceEvents> | undefined)?.onInstanceState === 'function';
}
