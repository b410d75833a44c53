/** Issue and pull request comments, and reactions on them (a repeated reaction answers 200 with the existing one). */
import { numberParam, paginate, requireRole, requireString, type HandlerContext } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { emitComment } from '../events.js';
import { nextId, type CommentRecord } from '../model.js';
import { actorLogin } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { commentJson, reactionJson } from '../serialize-issues.js';
import { findIssue } from './issues.js';

const access = { role: 'read', appPermission: 'issues' } as const;
const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

function findComment(ctx: HandlerContext): CommentRecord {
  const id = numberParam(ctx, 'comment_id');
  const comment = ctx.repo.comments.find((c) => c.id === id);
  if (!comment) throw notFound();
  return comment;
}

function listed(ctx: HandlerContext, comments: CommentRecord[]) {
  const since = ctx.query.get('since');
  const list = since ? comments.filter((c) => c.updated_at >= since) : comments;
  const { page, headers } = paginate(ctx, list);
  return { status: 200, headers, body: page.map((c) => commentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, c)) };
}

/** Routes: issues/create-comment, issues/list-comments, issues/list-comments-for-repo, issues/update-comment, issues/delete-comment, reactions/create-for-issue-comment. */
export const commentRoutes: RouteDef[] = [
  {
    operationId: 'issues/create-comment',
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    access,
    handle(ctx) {
      const issue = findIssue(ctx);
      const body = requireString(ctx, 'IssueComment', 'body');
      if (issue.locked) requireRole(ctx, 'write');
      const now = ctx.now();
      const comment: CommentRecord = { id: nextId(ctx.world), issue_number: issue.number, user: actorLogin(ctx), body, created_at: now, updated_at: now, reactions: [] };
      ctx.repo.comments.push(comment);
      issue.updated_at = now;
      emitComment(ctx.env, ctx.repo, comment.user, 'created', comment);
      return {
        status: 201,
        headers: { location: `${ctx.env.baseUrl()}/repos/${ctx.repo.owner}/${ctx.repo.name}/issues/comments/${comment.id}` },
        body: commentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, comment),
      };
    },
  },
  {
    operationId: 'issues/list-comments',
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    access,
    handle(ctx) {
      const issue = findIssue(ctx);
      return listed(ctx, ctx.repo.comments.filter((c) => c.issue_number === issue.number));
    },
  },
  {
    operationId: 'issues/list-comments-for-repo',
    method: 'GET',
    path: '/repos/{owner}/{repo}/issues/comments',
    access,
    handle: (ctx) => listed(ctx, ctx.repo.comments),
  },
  {
    operationId: 'issues/update-comment',
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    access,
    handle(ctx) {
      const comment = findComment(ctx);
      requireRole(ctx, 'write', comment.user === ctx.actor.user?.login);
      const body = requireString(ctx, 'IssueComment', 'body');
      const from = comment.body;
      comment.body = body;
      comment.updated_at = ctx.now();
      if (from !== body) emitComment(ctx.env, ctx.repo, actorLogin(ctx), 'edited', comment, { changes: { body: { from } } });
      return { status: 200, body: commentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, comment) };
    },
  },
  {
    operationId: 'issues/delete-comment',
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    access,
    handle(ctx) {
      const comment = findComment(ctx);
      requireRole(ctx, 'write', comment.user === ctx.actor.user?.login);
      emitComment(ctx.env, ctx.repo, actorLogin(ctx), 'deleted', comment);
      ctx.repo.comments = ctx.repo.comments.filter((c) => c.id !== comment.id);
      return { status: 204 };
    },
  },
  {
    operationId: 'reactions/create-for-issue-comment',
    method: 'POST',
    path: '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    access,
    handle(ctx) {
      const comment = findComment(ctx);
      const content = requireString(ctx, 'Reaction', 'content');
      if (!REACTIONS.includes(content)) throw validationFailed('Reaction', 'content', 'invalid');
      const user = actorLogin(ctx);
      const existing = comment.reactions.find((r) => r.user === user && r.content === content);
      if (existing) return { status: 200, body: reactionJson(ctx.world, ctx.env.baseUrl(), existing) };
      const reaction = { id: nextId(ctx.world), user, content, created_at: ctx.now() };
      comment.reactions.push(reaction);
      return { status: 201, body: reactionJson(ctx.world, ctx.env.baseUrl(), reaction) };
    },
  },
];
