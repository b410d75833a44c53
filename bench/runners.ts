/**
 * Runner lifecycle against the sandbox with the real SDK and Octokit: orchestration overhead of launch + wait-online +
 * stop beyond the emulator's simulated boot (EC2 pending → running, then the runner connecting), API calls per launch
 * and per stop, and one reaper pass over 1,000 expired instances.
 */
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { createEc2, createGithub, totalCalls } from '../runners/clients.js';
import { launchRunner } from '../runners/launch.js';
import { reapRunners } from '../runners/reap.js';
import { stopRunner } from '../runners/stop.js';
import { waitOnline } from '../runners/wait-online.js';
import { runnerTags } from '../lib/runners/tags.js';
import { startSandbox } from '../sandbox/index.js';
import type { BenchResult } from './types.js';

const FACTOR = 20;
const EC2_BOOT_S = 20;
const RUNNER_BOOT_S = 30;
const POLL_MS = 2000; // the CLI's default --poll

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Measures the lifecycle `rounds` times and one reap over `reapInstances`. */
export async function benchRunners(options: { rounds?: number; reapInstances?: number } = {}): Promise<BenchResult> {
  const rounds = options.rounds ?? 5;
  const sandbox = await startSandbox({ clockFactor: FACTOR, ec2BootSeconds: EC2_BOOT_S, runnerBootSeconds: RUNNER_BOOT_S });
  const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_ENDPOINT_URL_EC2: sandbox.ec2!, GITHUB_API_URL: sandbox.github, GITHUB_TOKEN: sandbox.tokens.alice };
  const ec2 = createEc2(env);
  const github = createGithub(env);
  const deps = {
    ec2: ec2.client, octokit: github.octokit, serverTime: () => ec2.seen.serverTime, onSecret: () => undefined,
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), random: Math.random, clock: () => performance.now(),
  };
  const repo = { owner: 'acme', repo: 'churn-model' };
  const simulatedMs = ((EC2_BOOT_S + RUNNER_BOOT_S) / FACTOR) * 1000;
  const overheads: number[] = [];
  const calls = { launch: { ec2: 0, github: 0 }, stop: { ec2: 0, github: 0 } };
  const reset = () => {
    for (const k of Object.keys(ec2.seen.calls)) delete ec2.seen.calls[k];
    for (const k of Object.keys(github.seen.calls)) delete github.seen.calls[k];
  };
  try {
    for (let round = 0; round < rounds; round++) {
      reset();
      const started = performance.now();
      const launched = await launchRunner({
        repo, label: `bench-${round}`, runId: '777', attempt: round + 1, instanceTypes: ['g5.xlarge', 'g4dn.xlarge'], subnets: ['subnet-0aaa1111'],
        market: 'spot-then-on-demand', imageId: 'ami-0123456789abcdef0', diskGb: 100, ttlMs: 3_600_000,
      }, deps);
      await waitOnline({ repo, instanceId: launched.instanceId, runnerName: launched.runnerName, timeoutMs: 60_000, pollMs: POLL_MS }, deps);
      calls.launch = { ec2: totalCalls(ec2.seen.calls), github: totalCalls(github.seen.calls) };
      reset();
      await stopRunner({ repo, label: `bench-${round}` }, deps);
      calls.stop = { ec2: totalCalls(ec2.seen.calls), github: totalCalls(github.seen.calls) };
      overheads.push(performance.now() - started - simulatedMs);
    }

    // 1,000 expired instances (one RunInstances), then one reaper pass that must terminate them all.
    const count = options.reapInstances ?? 1000;
    const tags = runnerTags({ repo: 'acme/churn-model', runId: 'old', label: 'old', runnerName: 'mlops-old', expiresAt: sandbox.clock.now() - 1000 });
    await ec2.client.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', MinCount: count, MaxCount: count, TagSpecifications: [{ ResourceType: 'instance', Tags: tags }] }));
    reset();
    const reapStarted = performance.now();
    const reaped = await reapRunners({ repo }, deps);
    const reapMs = performance.now() - reapStarted;
    if (reaped.plan.terminate.length < count) throw new Error(`reap terminated ${reaped.plan.terminate.length} of ${count}`);
    const overhead = median(overheads) / 1000;
    return {
      name: 'runners',
      figure: Math.round(overhead * 1000) / 1000,
      unit: 's',
      target: 2,
      // Lower is better: the ratio is target / figure, so ≥ 1 meets the target.
      ratio: Math.round((2 / overhead) * 100) / 100,
      details: {
        'overhead per lifecycle, median of rounds (s)': Math.round(overhead * 1000) / 1000,
        'overhead, each round (s)': overheads.map((o) => Math.round(o) / 1000),
        'simulated boot (EC2 + runner, wall s)': simulatedMs / 1000,
        'wait-online poll interval (ms)': POLL_MS,
        'API calls per launch + wait-online (EC2 / GitHub)': `${calls.launch.ec2} / ${calls.launch.github}`,
        'API calls per stop (EC2 / GitHub)': `${calls.stop.ec2} / ${calls.stop.github}`,
        [`reap over ${count} expired instances (s)`]: Math.round(reapMs) / 1000,
        'reap API calls (EC2 / GitHub)': `${totalCalls(ec2.seen.calls)} / ${totalCalls(github.seen.calls)}`,
      },
    };
  } finally {
    ec2.client.destroy();
    await sandbox.close();
  }
}
