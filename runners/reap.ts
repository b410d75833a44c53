/**
 * `mlops runner reap`: one pass of the two-phase reaper over a repository's runner instances and runners (see
 * lib/runners/reap-plan.ts for the decisions). "Now" is the EC2 endpoint's `Date` header or an explicit `--now`:
 * the machine running the reaper may have a wrong clock, and EC2's is the one the instances' expiry is measured by.
 */
import { CreateTagsCommand, TerminateInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { Octokit } from '@octokit/rest';
import { BadInputError } from '../lib/errors.js';
import { planReap, type ReapPlan } from '../lib/runners/reap-plan.js';
import { tagKeys } from '../lib/runners/tags.js';
import { withBackoff, type BackoffOptions } from './backoff.js';
import { findRunnerInstances, listRunners } from './find.js';
import { deregister, type RepoRef } from './registration.js';

export interface ReapDeps extends BackoffOptions {
  ec2: EC2Client;
  octokit: Octokit;
  /** The EC2 endpoint's latest `Date` (epoch ms), as the client middleware saw it. */
  serverTime(): number | undefined;
}

export interface ReapRequest {
  repo: RepoRef;
  /** Epoch ms given by the caller (`--now`); otherwise the EC2 `Date` header. */
  now?: number;
  graceMs?: number;
  markAgeMs?: number;
  dryRun?: boolean;
}

export interface ReapResult {
  now: string;
  nowSource: 'option' | 'ec2-date-header';
  dryRun: boolean;
  scanned: number;
  plan: ReapPlan;
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Runs one reaper pass (or only plans it, with `dryRun`). */
export async function reapRunners(request: ReapRequest, deps: ReapDeps): Promise<ReapResult> {
  const instances = await findRunnerInstances(deps.ec2, deps, { repo: request.repo });
  const now = request.now ?? deps.serverTime();
  if (now === undefined) {
    throw new BadInputError('no-server-time', 'the EC2 endpoint sent no Date header, and --now was not given', {
      location: { file: 'mlops runner reap', path: 'now' },
      hint: 'pass --now <ISO time> from a clock you trust; the local clock alone is never used to expire instances',
    });
  }
  const runners = await listRunners(deps.octokit, request.repo);
  const plan = planReap(instances, runners, { now, ...(request.graceMs !== undefined ? { graceMs: request.graceMs } : {}), ...(request.markAgeMs !== undefined ? { markAgeMs: request.markAgeMs } : {}) });
  if (!request.dryRun) {
    for (const ids of chunk(plan.terminate.map((t) => t.instanceId), 1000)) {
      await withBackoff(() => deps.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids })), deps);
    }
    for (const reason of new Set(plan.mark.map((m) => m.reason))) {
      const ids = plan.mark.filter((m) => m.reason === reason).map((m) => m.instanceId);
      for (const part of chunk(ids, 1000)) {
        const Tags = [{ Key: tagKeys.reapMarkedAt, Value: new Date(now).toISOString() }, { Key: tagKeys.reapReason, Value: reason }];
        await withBackoff(() => deps.ec2.send(new CreateTagsCommand({ Resources: part, Tags })), deps);
      }
    }
    // A mark is cleared by emptying it (an empty value reads as unmarked): one call, no DeleteTags permission needed.
    for (const part of chunk(plan.unmark, 1000)) {
      await withBackoff(() => deps.ec2.send(new CreateTagsCommand({ Resources: part, Tags: [{ Key: tagKeys.reapMarkedAt, Value: '' }, { Key: tagKeys.reapReason, Value: '' }] })), deps);
    }
    for (const runner of plan.removeRunners) await deregister(deps.octokit, request.repo, runner.id);
  }
  return { now: new Date(now).toISOString(), nowSource: request.now !== undefined ? 'option' : 'ec2-date-header', dryRun: Boolean(request.dryRun), scanned: instances.length, plan };
}
