/** The whole sandbox state as JSON, using the GitHub API's own shapes and field names. */
import { settle } from '../github/actions-engine.js';
import type { GithubEmulator } from '../github/server.js';
import { fullName, type RepoRecord, type World } from '../github/model.js';
import { appJson, installationJson, labelJson, repoJson, userJson } from '../github/serialize-core.js';
import { commentJson, issueJson, pullJson, reviewJson } from '../github/serialize-issues.js';
import { hookJson } from '../github/serialize-git.js';
import { artifactJson, jobJson, runJson, runnerJson, workflowJson } from '../github/serialize-actions.js';
import { checkRunJson, statusJson } from '../github/serialize-checks.js';
import { deploymentJson, deploymentStatusJson, environmentJson } from '../github/serialize-deployments.js';
import { releaseJson } from '../github/serialize-releases.js';

/** GitHub's part of `GET /_sandbox/state`. */
export function githubState(github: GithubEmulator): Record<string, unknown> {
  // Like the EC2 state, as of the virtual clock: runners that came online have taken their queued jobs.
  settle(github.env);
  const world = github.world();
  const base = github.env.baseUrl();
  return {
    users: world.users.map((u) => userJson(base, u)),
    app: { ...appJson(world, base, world.app), webhook_url: world.app.webhook.url },
    installations: world.installations.map((i) => installationJson(world, base, i)),
    repos: world.repos.map((repo) => ({
      ...repoJson(world, base, repo),
      collaborators: repo.collaborators,
      refs: { ...repo.refs },
      labels: repo.labels.map((l) => labelJson(base, repo, l)),
      issues: repo.issues.filter((i) => !i.pull).map((i) => issueJson(world, base, repo, i)),
      pulls: repo.pulls.map((p) => ({
        ...pullJson(world, base, repo, p),
        reviews: repo.reviews.filter((r) => r.pull_number === p.number).map((r) => reviewJson(world, base, repo, r)),
      })),
      comments: repo.comments.map((c) => commentJson(world, base, repo, c)),
      hooks: repo.hooks.map((h) => hookJson(base, repo, h)),
      actions: actionsState(world, base, repo, github.env.clock.now()),
      ...registryState(world, base, repo),
      full_name: fullName(repo),
    })),
    deliveries: github.webhooks.deliveries().map(({ request: _r, response: _s, ...summary }) => summary),
  };
}

/**
 * A repository's Actions state in the API's shapes: workflows, runs (every attempt's jobs), runners and artifact
 * metadata (not the zips). Runs leave out `repository`/`head_repository`: they are the enclosing repository. Runners add
 * `instance_id`, the EC2 instance (in `ec2.instances`) the runner bridge started them on, or null.
 */
function actionsState(world: World, base: string, repo: RepoRecord, now: number): Record<string, unknown> {
  const mine = <T extends { repo_id: number }>(list: T[]) => list.filter((x) => x.repo_id === repo.id);
  return {
    workflows: mine(world.actions.workflows).map((w) => workflowJson(base, repo, w)),
    workflow_runs: mine(world.actions.runs).map((run) => {
      const { repository: _r, head_repository: _h, ...json } = runJson(world, base, repo, run);
      return json;
    }),
    jobs: mine(world.actions.jobs).map((j) => jobJson(world, base, repo, j)),
    runners: mine(world.actions.runners).map((r) => ({ ...runnerJson(r, now), instance_id: r.instance_id })),
    artifacts: mine(world.actions.artifacts).map((a) => artifactJson(world, base, repo, a, now)),
  };
}

/**
 * A repository's check runs, commit statuses, releases (drafts included, with `assets[]`), deployments (each with its
 * `statuses`, newest first as the API lists them) and environments, in the API's shapes.
 */
function registryState(world: World, base: string, repo: RepoRecord): Record<string, unknown> {
  const mine = <T extends { repo_id: number }>(list: T[]) => list.filter((x) => x.repo_id === repo.id);
  return {
    check_runs: mine(world.checks.runs).map((r) => checkRunJson(world, base, repo, r)),
    statuses: mine(world.checks.statuses).map((s) => statusJson(world, base, repo, s)),
    releases: mine(world.releases.releases).map((r) => releaseJson(world, base, repo, r)),
    deployments: mine(world.deployments.deployments).map((d) => ({
      ...deploymentJson(world, base, repo, d),
      statuses: world.deployments.statuses
        .filter((s) => s.deployment_id === d.id)
        .map((s) => deploymentStatusJson(world, base, repo, d, s))
        .reverse(),
    })),
    environments: mine(world.deployments.environments).map((e) => environmentJson(world, base, repo, e)),
  };
}
