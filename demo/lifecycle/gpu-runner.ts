/**
 * The Train workflow's start-runner and stop-runner jobs, played with runners/ (the code behind `mlops runner
 * launch|stop`) against the EC2 emulator through the real AWS SDK. In-process, so that their waits (boot, runner
 * registration, backoff) pass on the sandbox's virtual clock instead of the wall clock.
 */
import { createEc2, createGithub, type ObservedEc2 } from '../../runners/clients.js';
import { launchRunner, type LaunchResult } from '../../runners/launch.js';
import { stopRunner, type StopResult } from '../../runners/stop.js';
import { waitOnline } from '../../runners/wait-online.js';
import type { Demo } from './context.js';

/** The label the Train workflow's GPU job asks for (`runs-on: [self-hosted, churn-gpu]`). */
export const gpuLabel = 'churn-gpu';
const repo = { owner: 'acme', repo: 'churn-model' };

/** Runner lifecycle operations bound to the demo's sandbox. */
export interface GpuRunners {
  /** Launches an instance for run `runId` attempt `attempt` and waits until its runner is online. */
  launch(runId: number, attempt: number): Promise<LaunchResult & { waitedMs: number }>;
  stop(): Promise<StopResult>;
  /** Environment for `mlops runner …` run as a CLI against the same emulators. */
  env: NodeJS.ProcessEnv;
  close(): void;
}

/** Creates the runner operations (an admin's token: runner registration needs administration rights). */
export function gpuRunners(demo: Demo): GpuRunners {
  const { sandbox } = demo;
  const env: NodeJS.ProcessEnv = {
    AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDDEMO', AWS_SECRET_ACCESS_KEY: 'demo', AWS_ENDPOINT_URL_EC2: sandbox.ec2 ?? '',
    GITHUB_API_URL: sandbox.github, GITHUB_TOKEN: sandbox.tokens.alice!, GITHUB_REPOSITORY: 'acme/churn-model',
  };
  const ec2: ObservedEc2 = createEc2(env);
  const { octokit } = createGithub(env);
  // A wait moves the virtual clock by its length and yields briefly, so the emulators see the time pass.
  const sleep = async (ms: number) => {
    sandbox.clock.advance(ms / 1000);
    await new Promise((r) => setTimeout(r, 15));
  };
  const deps = { ec2: ec2.client, octokit, serverTime: () => ec2.seen.serverTime, onSecret: () => undefined, sleep, random: Math.random, clock: () => sandbox.clock.now() };
  return {
    env,
    async launch(runId, attempt) {
      const launched = await launchRunner({
        repo, label: gpuLabel, runId: String(runId), attempt, instanceTypes: ['g5.xlarge', 'g4dn.xlarge'], subnets: ['subnet-0aaa1111'],
        market: 'spot-then-on-demand', imageId: 'ami-0123456789abcdef0', diskGb: 100, ttlMs: 6 * 3_600_000,
      }, deps);
      const online = await waitOnline({ repo, instanceId: launched.instanceId, runnerName: launched.runnerName, timeoutMs: 10 * 60_000, pollMs: 5000 }, deps);
      return { ...launched, waitedMs: online.waitedMs };
    },
    stop: () => stopRunner({ repo, label: gpuLabel }, deps),
    close: () => ec2.client.destroy(),
  };
}
