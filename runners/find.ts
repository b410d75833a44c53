/** Reading runner instances and runners back: DescribeInstances by our tags (all pages) and the repository's runners. */
import { DescribeInstancesCommand, type EC2Client, type Filter } from '@aws-sdk/client-ec2';
import type { Octokit } from '@octokit/rest';
import type { ListedRunner } from '../lib/runners/reap-plan.js';
import { readRunnerInstance, tagKeys, type RunnerInstance } from '../lib/runners/tags.js';
import { withBackoff, type BackoffOptions } from './backoff.js';
import type { RepoRef } from './registration.js';

/** Every instance tagged for `repo` (and `label`, when given) in the given states, following pagination. */
export async function findRunnerInstances(
  ec2: EC2Client,
  retry: BackoffOptions,
  query: { repo: RepoRef; label?: string; states?: string[] },
): Promise<RunnerInstance[]> {
  const filters: Filter[] = [
    { Name: `tag:${tagKeys.repo}`, Values: [`${query.repo.owner}/${query.repo.repo}`] },
    { Name: 'instance-state-name', Values: query.states ?? ['pending', 'running', 'stopping', 'stopped'] },
  ];
  if (query.label) filters.push({ Name: `tag:${tagKeys.label}`, Values: [query.label] });
  const out: RunnerInstance[] = [];
  let token: string | undefined;
  do {
    const page = await withBackoff(() => ec2.send(new DescribeInstancesCommand({ Filters: filters, MaxResults: 1000, ...(token ? { NextToken: token } : {}) })), retry);
    for (const reservation of page.Reservations ?? []) for (const instance of reservation.Instances ?? []) out.push(readRunnerInstance(instance));
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

/** Every self-hosted runner of the repository (all pages), or only those with `name`. */
export async function listRunners(octokit: Octokit, repo: RepoRef, name?: string): Promise<ListedRunner[]> {
  const runners = await octokit.paginate(octokit.rest.actions.listSelfHostedRunnersForRepo, { ...repo, per_page: 100, ...(name ? { name } : {}) });
  return runners.map((r) => ({ id: r.id, name: r.name, status: r.status, busy: r.busy, labels: r.labels.map((l) => l.name) }));
}
