/** Pull requests: open (same repo or fork), read, list, update, merge (merge commit moves the base branch), files, reviewers. */
import { numberParam, optionalString, paginate, requireRole, requireString, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { emitPull, moveRef } from '../events.js';
import { userByLogin } from '../serialize-core.js';
import { buildTree, commitFiles, mergeBase, mergeFiles, writeCommit } from '../git-objects.js';
import { findUser, fullName, nextId, type PullRecord } from '../model.js';
import { actorLogin, personFor } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { diffEntryJson } from '../serialize-git.js';
import { pullChanges, pullJson, pullMergeable } from '../serialize-issues.js';
import { createIssueRecord, updateIssue } from './issues.js';

const access = { role: 'read', appPermission: 'pull_requests' } as const;

/** The pull request with `{pull_number}`, or 404. */
export function findPull(ctx: HandlerContext): PullRecord {
  const n = numberParam(ctx, 'pull_number');
  const pull = ctx.repo.pulls.find((p) => p.number === n);
  if (!pull) throw notFound();
  return pull;
}

function issueOf(ctx: HandlerContext, pull: PullRecord) {
  return ctx.repo.issues.find((i) => i.number === pull.number)!;
}

function json(ctx: HandlerContext, pull: PullRecord, full = true) {
  return pullJson(ctx.world, ctx.env.baseUrl(), ctx.repo, pull, full);
}

/** Routes: pulls/create, pulls/get, pulls/list, pulls/update, pulls/merge, pulls/list-files, pulls/request-reviewers. */
export const pullRoutes: RouteDef[] = [
  {
    operationId: 'pulls/create',
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls',
    access,
    handle(ctx) {
      const head = requireString(ctx, 'PullRequest', 'head');
      const baseRef = requireString(ctx, 'PullRequest', 'base');
      const title = requireString(ctx, 'PullRequest', 'title');
      const baseSha = ctx.repo.refs[`refs/heads/${baseRef}`];
      if (!baseSha) throw validationFailed('PullRequest', 'base', 'invalid');
      const [headOwner, headRef] = head.includes(':') ? (head.split(':', 2) as [string, string]) : [ctx.repo.owner, head];
      const headRepo = headOwner === ctx.repo.owner ? ctx.repo : ctx.world.repos.find((r) => r.owner === headOwner && r.parent === fullName(ctx.repo));
      const headSha = headRepo?.refs[`refs/heads/${headRef}`];
      if (!headRepo || !headSha) throw validationFailed('PullRequest', 'head', 'invalid');
      if (!mergeBase(ctx.world.git, baseSha, headSha) || headSha === baseSha || commitFiles(ctx.world.git, headSha).size === 0) {
        throw validationFailed('PullRequest', 'head', 'custom', `No commits between ${baseRef} and ${headRef}`);
      }
      const open = ctx.repo.pulls.find((p) => p.head_repo === fullName(headRepo) && p.head_ref === headRef && p.base_ref === baseRef && issueOf(ctx, p).state === 'open');
      if (open) throw validationFailed('PullRequest', 'head', 'custom', `A pull request already exists for ${headOwner}:${headRef}.`);
      const issue = createIssueRecord(ctx, title, optionalString(ctx, 'PullRequest', 'body') ?? null, true);
      const pull: PullRecord = {
        id: nextId(ctx.world),
        number: issue.number,
        head_ref: headRef,
        head_repo: fullName(headRepo),
        head_sha: headSha,
        base_ref: baseRef,
        base_sha: baseSha,
        draft: ctx.body.draft === true,
        merged: false,
        merged_at: null,
        merged_by: null,
        merge_commit_sha: null,
        requested_reviewers: [],
        maintainer_can_modify: ctx.body.maintainer_can_modify !== false && headRepo !== ctx.repo,
      };
      ctx.repo.pulls.push(pull);
      emitPull(ctx.env, ctx.repo, issue.user, 'opened', pull);
      return {
        status: 201,
        headers: { location: `${ctx.env.baseUrl()}/repos/${fullName(ctx.repo)}/pulls/${pull.number}` },
        body: json(ctx, pull),
      };
    },
  },
  {
    operationId: 'pulls/get',
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}',
    access,
    handle: (ctx) => ({ status: 200, body: json(ctx, findPull(ctx)) }),
  },
  {
    operationId: 'pulls/list',
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls',
    access,
    handle(ctx) {
      const state = ctx.query.get('state') ?? 'open';
      const head = ctx.query.get('head');
      const base = ctx.query.get('base');
      let list = ctx.repo.pulls.filter((p) => state === 'all' || issueOf(ctx, p).state === state);
      if (head) list = list.filter((p) => `${p.head_repo.split('/')[0]}:${p.head_ref}` === head);
      if (base) list = list.filter((p) => p.base_ref === base);
      list = [...list].sort((a, b) => b.number - a.number);
      if (ctx.query.get('direction') === 'asc') list.reverse();
      const { page, headers } = paginate(ctx, list);
      return { status: 200, headers, body: page.map((p) => json(ctx, p, false)) };
    },
  },
  {
    operationId: 'pulls/update',
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}',
    access,
    handle(ctx) {
      const pull = findPull(ctx);
      const issue = issueOf(ctx, pull);
      if (pull.merged && ctx.body.state === 'open') throw validationFailed('PullRequest', 'state', 'custom', 'Cannot reopen a merged pull request');
      const base = optionalString(ctx, 'PullRequest', 'base');
      if (base !== undefined && base !== pull.base_ref) {
        requireRole(ctx, 'write', issue.user === ctx.actor.user?.login);
        if (!ctx.repo.refs[`refs/heads/${base}`]) throw validationFailed('PullRequest', 'base', 'invalid');
        pull.base_ref = base;
        pull.base_sha = ctx.repo.refs[`refs/heads/${base}`]!;
      }
      const { labels: _l, assignees: _a, assignee: _b, ...rest } = ctx.body;
      updateIssue({ ...ctx, body: rest }, issue);
      return { status: 200, body: json(ctx, pull) };
    },
  },
  {
    operationId: 'pulls/merge',
    method: 'PUT',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    access: { role: 'write', appPermission: 'contents' },
    handle(ctx) {
      const pull = findPull(ctx);
      const issue = issueOf(ctx, pull);
      if (pull.merged || issue.state !== 'open') throw new GithubHttpError(405, 'Pull Request is not mergeable');
      const method = ctx.body.merge_method ?? 'merge';
      if (!['merge', 'squash', 'rebase'].includes(String(method))) throw validationFailed('PullRequest', 'merge_method', 'invalid');
      if (typeof ctx.body.sha === 'string' && ctx.body.sha !== pull.head_sha) {
        throw new GithubHttpError(409, 'Head branch was modified. Review and try the merge again.');
      }
      const baseTip = ctx.repo.refs[`refs/heads/${pull.base_ref}`];
      if (!baseTip || !pullMergeable(ctx.world, ctx.repo, pull)) throw new GithubHttpError(405, 'Pull Request is not mergeable');
      const git = ctx.world.git;
      const merged = mergeFiles(commitFiles(git, baseTip), commitFiles(git, pull.head_sha), commitFiles(git, pullChanges(ctx.world, ctx.repo, pull).mergeBase))!;
      const tree = buildTree(git, merged);
      const who = personFor(ctx);
      const headLabel = `${pull.head_repo.split('/')[0]}/${pull.head_ref}`;
      const title = typeof ctx.body.commit_title === 'string' ? ctx.body.commit_title : method === 'merge' ? `Merge pull request #${pull.number} from ${headLabel}` : `${issue.title} (#${pull.number})`;
      const extra = typeof ctx.body.commit_message === 'string' ? ctx.body.commit_message : method === 'merge' ? issue.title : '';
      // Squash and rebase both land as one commit on the base here; a rebase of several commits is not replayed one by one.
      const parents = method === 'merge' ? [baseTip, pull.head_sha] : [baseTip];
      const sha = writeCommit(git, { tree, parents, author: who, committer: who, message: extra ? `${title}\n\n${extra}` : title });
      const sender = actorLogin(ctx);
      moveRef(ctx.env, ctx.repo, `refs/heads/${pull.base_ref}`, sha, sender);
      const now = ctx.now();
      Object.assign(pull, { merged: true, merged_at: now, merged_by: sender, merge_commit_sha: sha });
      Object.assign(issue, { state: 'closed', closed_at: now, closed_by: sender, updated_at: now, state_reason: 'completed' });
      emitPull(ctx.env, ctx.repo, sender, 'closed', pull);
      return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
    },
  },
  {
    operationId: 'pulls/list-files',
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    access,
    handle(ctx) {
      const pull = findPull(ctx);
      const { changes } = pullChanges(ctx.world, ctx.repo, pull);
      const { page, headers } = paginate(ctx, changes);
      return { status: 200, headers, body: page.map((c) => diffEntryJson(ctx.world, ctx.env.baseUrl(), ctx.repo, pull.head_sha, c)) };
    },
  },
  {
    operationId: 'pulls/request-reviewers',
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    access: { role: 'triage', appPermission: 'pull_requests' },
    handle(ctx) {
      const pull = findPull(ctx);
      const issue = issueOf(ctx, pull);
      const reviewers = Array.isArray(ctx.body.reviewers) ? ctx.body.reviewers.map(String) : [];
      for (const login of reviewers) {
        const user = findUser(ctx.world, login);
        if (!user || !ctx.repo.collaborators[user.login]) {
          throw new GithubHttpError(422, `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${fullName(ctx.repo)} repository.`);
        }
        if (user.login === issue.user) throw new GithubHttpError(422, 'Review cannot be requested from pull request author.');
      }
      const sender = actorLogin(ctx);
      for (const login of reviewers) {
        if (pull.requested_reviewers.includes(login)) continue;
        pull.requested_reviewers.push(login);
        emitPull(ctx.env, ctx.repo, sender, 'review_requested', pull, { requested_reviewer: userByLogin(ctx.world, ctx.env.baseUrl(), login) });
      }
      return { status: 201, body: json(ctx, pull, false) };
    },
  },
];
