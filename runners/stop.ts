/**
 * `mlops runner stop`: terminates the instances launched for a label and deregisters their runner. Meant for an
 * `if: always()` job, so it also reports whether the instance was reclaimed by Spot (EC2's state reason), the
 * interruption marker that decides whether training is resumed on a new runner.
 */
import { TerminateInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { Octokit } from '@octokit/rest';
import { withBackoff, type BackoffOptions } from './backoff.js';
import { findRunnerInstances, listRunners } from './find.js';
import { deregister, type RepoRef } from './registration.js';

export interface StopDeps extends BackoffOptions {
  ec2: EC2Client;
  octokit: Octokit;
  log?(line: string): void;
}

export interface StopResult {
  label: string;
  terminated: string[];
  /** Instances of the label that were already gone (shutting down or terminated). */
  alreadyGone: string[];
  removedRunners: string[];
  /** True when EC2 says an instance of this label was reclaimed by Spot. */
  spotInterrupted: boolean;
}

/** The state reason EC2 gives an instance it reclaimed. */
export const spotTerminationReason = 'Server.SpotInstanceTermination';

/** Stops everything launched for `label` in `repo`; safe to call twice (the second call finds nothing to do). */
export async function stopRunner(query: { repo: RepoRef; label: string }, deps: StopDeps): Promise<StopResult> {
  const instances = await findRunnerInstances(deps.ec2, deps, { ...query, states: ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] });
  const live = instances.filter((i) => i.state !== 'shutting-down' && i.state !== 'terminated');
  if (live.length > 0) {
    await withBackoff(() => deps.ec2.send(new TerminateInstancesCommand({ InstanceIds: live.map((i) => i.instanceId) })), deps);
    deps.log?.(`terminated ${live.map((i) => i.instanceId).join(', ')}`);
  }
  const names = new Set(instances.map((i) => i.runnerName).filter((n): n is string => n !== undefined));
  const removed: string[] = [];
  if (names.size > 0) {
    const runners = await listRunners(deps.octokit, query.repo);
    for (const runner of runners.filter((r) => names.has(r.name) && !r.busy)) {
      if (await deregister(deps.octokit, query.repo, runner.id)) removed.push(runner.name);
    }
  }
  return {
    label: query.label,
    terminated: live.map((i) => i.instanceId),
    alreadyGone: instances.filter((i) => !live.includes(i)).map((i) => i.instanceId),
    removedRunners: removed,
    spotInterrupted: instances.some((i) => i.stateReason === spotTerminationReason),
  };
}
