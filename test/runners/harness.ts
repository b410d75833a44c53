/** A sandbox (GitHub + EC2 emulators, fast virtual clock) and the runner lifecycle's real clients pointed at it. */
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { createEc2, createGithub, type Ec2Observations, type GithubObservations } from '../../runners/clients.js';
import type { LaunchDeps } from '../../runners/launch.js';
import type { LaunchRequest } from '../../runners/launch.js';

/** Virtual seconds per wall second: EC2 boot (20 s) plus runner boot (30 s) take under a wall second. */
export const CLOCK_FACTOR = 100;

export interface RunnerHarness {
  sandbox: Sandbox;
  env: NodeJS.ProcessEnv;
  deps: LaunchDeps & { clock(): number };
  ec2Seen: Ec2Observations;
  githubSeen: GithubObservations;
  /** Secrets handed to onSecret. */
  secrets: string[];
  waits: number[];
  close(): Promise<void>;
}

/** Starts the sandbox and builds deps whose sleeps are real but short (backoff is capped at 20 ms). */
export async function startRunnerHarness(options: { clockFactor?: number } = {}): Promise<RunnerHarness> {
  const sandbox = await startSandbox({ clockFactor: options.clockFactor ?? CLOCK_FACTOR });
  const env: NodeJS.ProcessEnv = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDSANDBOX',
    AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
    AWS_ENDPOINT_URL_EC2: sandbox.ec2!,
    GITHUB_API_URL: sandbox.github,
    GITHUB_TOKEN: sandbox.tokens.alice,
  };
  const ec2 = createEc2(env);
  const github = createGithub(env);
  const secrets: string[] = [];
  const waits: number[] = [];
  let seed = 1;
  const deps = {
    ec2: ec2.client,
    octokit: github.octokit,
    serverTime: () => ec2.seen.serverTime,
    onSecret: (value: string) => void secrets.push(value),
    sleep: (ms: number) => {
      waits.push(ms);
      return new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)));
    },
    // Deterministic "random" for exact backoff assertions.
    random: () => ((seed = (seed * 48271) % 2147483647) / 2147483647),
    clock: () => performance.now(),
  };
  return {
    sandbox, env, deps, ec2Seen: ec2.seen, githubSeen: github.seen, secrets, waits,
    async close() {
      ec2.client.destroy();
      await sandbox.close();
    },
  };
}

/** A launch request for acme/churn-model with the given overrides. */
export function launchRequest(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  return {
    repo: { owner: 'acme', repo: 'churn-model' },
    label: 'gpu-run-1',
    runId: '1001',
    attempt: 1,
    instanceTypes: ['g5.xlarge', 'g4dn.xlarge'],
    subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
    market: 'on-demand',
    imageId: 'ami-0123456789abcdef0',
    diskGb: 100,
    ttlMs: 6 * 3_600_000,
    ...overrides,
  };
}
