/** Pull request reviews: submit (APPROVE / REQUEST_CHANGES / COMMENT, or pending without an event) and list. */
import { optionalString, paginate } from '../context.js';
import { GithubHttpError, validationFailed } from '../errors.js';
import { emitEvent } from '../events.js';
import { nextId, type ReviewRecord } from '../model.js';
import { actorLogin } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { pullJson, reviewJson } from '../serialize-issues.js';
import { findPull } from './pulls.js';

const access = { role: 'read', appPermission: 'pull_requests' } as const;
const STATES: Record<string, ReviewRecord['state']> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

/** Routes: pulls/create-review, pulls/list-reviews. */
export const reviewRoutes: RouteDef[] = [
  {
    operationId: 'pulls/create-review',
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    access,
    handle(ctx) {
      const pull = findPull(ctx);
      const issue = ctx.repo.issues.find((i) => i.number === pull.number)!;
      const event = optionalString(ctx, 'PullRequestReview', 'event');
      if (event !== undefined && !STATES[event]) throw validationFailed('PullRequestReview', 'event', 'invalid');
      const body = optionalString(ctx, 'PullRequestReview', 'body') ?? '';
      const user = actorLogin(ctx);
      if (issue.state !== 'open') throw new GithubHttpError(422, 'Unprocessable Entity', [{ resource: 'PullRequestReview', field: 'pull_request', code: 'custom', message: 'Pull request is closed' }]);
      if ((event === 'REQUEST_CHANGES' || event === 'COMMENT') && body === '') throw validationFailed('PullRequestReview', 'body', 'missing_field');
      if ((event === 'APPROVE' || event === 'REQUEST_CHANGES') && user === issue.user) {
        const verb = event === 'APPROVE' ? 'approve' : 'request changes on';
        throw new GithubHttpError(422, 'Unprocessable Entity', [{ resource: 'PullRequestReview', field: 'event', code: 'custom', message: `Can not ${verb} your own pull request` }]);
      }
      const commitId = optionalString(ctx, 'PullRequestReview', 'commit_id') ?? pull.head_sha;
      if (!ctx.world.git.objects.has(commitId)) throw validationFailed('PullRequestReview', 'commit_id', 'invalid');
      const review: ReviewRecord = {
        id: nextId(ctx.world),
        pull_number: pull.number,
        user,
        body,
        state: event ? STATES[event]! : 'PENDING',
        commit_id: commitId,
        submitted_at: event ? ctx.now() : null,
      };
      ctx.repo.reviews.push(review);
      pull.requested_reviewers = pull.requested_reviewers.filter((r) => r !== user);
      if (event) {
        emitEvent(ctx.env, ctx.repo, user, 'pull_request_review', {
          action: 'submitted',
          review: reviewJson(ctx.world, ctx.env.baseUrl(), ctx.repo, review),
          pull_request: pullJson(ctx.world, ctx.env.baseUrl(), ctx.repo, pull, false),
        });
      }
      return { status: 200, body: reviewJson(ctx.world, ctx.env.baseUrl(), ctx.repo, review) };
    },
  },
  {
    operationId: 'pulls/list-reviews',
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    access,
    handle(ctx) {
      const pull = findPull(ctx);
      const mine = ctx.actor.user?.login;
      // Pending reviews are visible only to their author, as on GitHub.
      const list = ctx.repo.reviews.filter((r) => r.pull_number === pull.number && (r.state !== 'PENDING' || r.user === mine));
      const { page, headers } = paginate(ctx, list);
      return { status: 200, headers, body: page.map((r) => reviewJson(ctx.world, ctx.env.baseUrl(), ctx.repo, r)) };
    },
  },
];
