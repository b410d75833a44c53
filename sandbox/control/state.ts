/** The whole sandbox state as JSON, using the GitHub API's own shapes and field names. */
import type { GithubEmulator } from '../github/server.js';
import { fullName } from '../github/model.js';
import { appJson, installationJson, labelJson, repoJson, userJson } from '../github/serialize-core.js';
import { commentJson, issueJson, pullJson, reviewJson } from '../github/serialize-issues.js';
import { hookJson } from '../github/serialize-git.js';

/** GitHub's part of `GET /_sandbox/state`. */
export function githubState(github: GithubEmulator): Record<string, unknown> {
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
      full_name: fullName(repo),
    })),
    deliveries: github.webhooks.deliveries().map(({ request: _r, response: _s, ...summary }) => summary),
  };
}
