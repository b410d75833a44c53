/**
 * Waits until the launched runner is online. On timeout (or when the instance dies first) it terminates what was
 * launched and deregisters the runner, then fails with the reason: a runner that never comes online must not be left
 * behind to bill.
 */
import { DescribeInstancesCommand, TerminateInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { Octokit } from '@octokit/rest';
import { CheckFailedError } from '../lib/errors.js';
import { withBackoff, type BackoffOptions } from './backoff.js';
import { listRunners } from './find.js';
import { deregister, type RepoRef } from './registration.js';

export interface WaitOnlineDeps extends BackoffOptions {
  ec2: EC2Client;
  octokit: Octokit;
  /** Monotonic wall milliseconds (a timeout is the caller's own patience, not a server fact). */
  clock(): number;
  log?(line: string): void;
}

export interface WaitOnlineOptions {
  repo: RepoRef;
  instanceId: string;
  runnerName: string;
  timeoutMs: number;
  /** Between runner polls (default 5 s). */
  pollMs?: number;
}

/** Resolves with the runner id and how long it took once online; throws CheckFailedError after cleaning up otherwise. */
export async function waitOnline(options: WaitOnlineOptions, deps: WaitOnlineDeps): Promise<{ runnerId: number; waitedMs: number }> {
  const started = deps.clock();
  const pollMs = options.pollMs ?? 5000;
  let reason = `runner ${options.runnerName} was not online within ${Math.round(options.timeoutMs / 1000)} s`;
  for (let poll = 0; ; poll++) {
    const runners = await listRunners(deps.octokit, options.repo, options.runnerName);
    const runner = runners.find((r) => r.name === options.runnerName);
    if (runner && runner.status === 'online') return { runnerId: runner.id, waitedMs: deps.clock() - started };
    // The instance is checked every fourth poll only: a dead instance is rare, API calls are not free.
    if (poll % 4 === 3) {
      const out = await withBackoff(() => deps.ec2.send(new DescribeInstancesCommand({ InstanceIds: [options.instanceId] })), deps);
      const instance = out.Reservations?.[0]?.Instances?.[0];
      const state = instance?.State?.Name;
      if (state === 'shutting-down' || state === 'terminated' || state === 'stopped') {
        reason = `instance ${options.instanceId} is ${state}${instance?.StateReason?.Message ? ` (${instance.StateReason.Message})` : ''} before runner ${options.runnerName} came online`;
        break;
      }
    }
    if (deps.clock() - started >= options.timeoutMs) break;
    await deps.sleep(Math.min(pollMs, Math.max(0, options.timeoutMs - (deps.clock() - started))));
  }
  deps.log?.(`${reason}; terminating ${options.instanceId}`);
  await withBackoff(() => deps.ec2.send(new TerminateInstancesCommand({ InstanceIds: [options.instanceId] })), deps).catch(() => undefined);
  for (const runner of await listRunners(deps.octokit, options.repo, options.runnerName)) await deregister(deps.octokit, options.repo, runner.id).catch(() => undefined);
  throw new CheckFailedError('runner-not-online', reason, {
    location: { file: 'mlops runner launch' },
    hint: 'check the image boots and reaches GitHub (egress, NAT); raise --wait-online; the instance was terminated',
  });
}
