/** Commit statuses: create (announced as a `status` event), the combined status of a ref, and the list for a ref. */
import { optionalString, paginate, type HandlerContext } from '../context.js';
import { GithubHttpError, validationFailed } from '../errors.js';
import { emitEvent } from '../events.js';
import { readObject } from '../git-objects.js';
import { fullName, nextId } from '../model.js';
import { STATUS_STATES, type StatusRecord, type StatusState } from '../model-checks.js';
import { actorLogin, resolveCommit } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { combinedStatusJson, latestPerContext, statusJson } from '../serialize-checks.js';
import { commitJson } from '../serialize-git.js';

/** GitHub refuses more than this many statuses for one sha and context. */
const MAX_PER_CONTEXT = 1000;

function shaForRef(ctx: HandlerContext): string {
  const ref = ctx.params.ref!;
  const sha = resolveCommit(ctx.world, ctx.repo, ref);
  if (!sha) throw new GithubHttpError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

const statusesOf = (ctx: HandlerContext, sha: string): StatusRecord[] =>
  ctx.world.checks.statuses.filter((s) => s.repo_id === ctx.repo.id && s.sha === sha).sort((a, b) => b.id - a.id);

/** A REST commit as `status` payloads carry it: the verification has no `verified_at` there. */
function hookCommit(commit: Record<string, unknown>): Record<string, unknown> {
  const inner = commit.commit as { verification?: Record<string, unknown> } | undefined;
  if (!inner?.verification) return commit;
  const { verified_at: _restOnly, ...verification } = inner.verification;
  return { ...commit, commit: { ...inner, verification } };
}

/** Routes: commit statuses. */
export const statusRoutes: RouteDef[] = [
  {
    operationId: 'repos/create-commit-status',
    method: 'POST',
    path: '/repos/{owner}/{repo}/statuses/{sha}',
    access: { role: 'write', appPermission: 'statuses' },
    handle(ctx) {
      const sha = ctx.params.sha!;
      const state = ctx.body.state;
      if (!(STATUS_STATES as readonly unknown[]).includes(state)) throw validationFailed('Status', 'state', state === undefined ? 'missing_field' : 'invalid');
      if (!/^[0-9a-f]{40}$/.test(sha) || !readObject(ctx.world.git, sha, 'commit')) throw new GithubHttpError(422, `No commit found for SHA: ${sha}`);
      const context = optionalString(ctx, 'Status', 'context') ?? 'default';
      if (ctx.world.checks.statuses.filter((s) => s.repo_id === ctx.repo.id && s.sha === sha && s.context === context).length >= MAX_PER_CONTEXT) {
        throw validationFailed('Status', 'context', 'custom', `This SHA and context has reached the maximum number of statuses.`);
      }
      const now = ctx.now();
      const record: StatusRecord = {
        id: nextId(ctx.world),
        repo_id: ctx.repo.id,
        sha,
        state: state as StatusState,
        target_url: optionalString(ctx, 'Status', 'target_url') ?? null,
        description: optionalString(ctx, 'Status', 'description') ?? null,
        context,
        creator: actorLogin(ctx),
        created_at: now,
        updated_at: now,
      };
      ctx.world.checks.statuses.push(record);
      const base = ctx.env.baseUrl();
      const commit = readObject(ctx.world.git, sha, 'commit')!;
      const branches = Object.entries(ctx.repo.refs)
        .filter(([ref, tip]) => ref.startsWith('refs/heads/') && tip === sha)
        .map(([ref]) => ({ name: ref.slice('refs/heads/'.length), commit: { sha, url: `${base}/repos/${fullName(ctx.repo)}/commits/${sha}` }, protected: false }));
      const json = statusJson(ctx.world, base, ctx.repo, record);
      emitEvent(ctx.env, ctx.repo, record.creator, 'status', {
        id: record.id,
        sha,
        name: fullName(ctx.repo),
        target_url: record.target_url,
        avatar_url: json.avatar_url,
        context,
        description: record.description,
        state: record.state,
        commit: hookCommit(commitJson(ctx.world, base, ctx.repo, commit, false)),
        branches,
        created_at: now,
        updated_at: now,
      });
      return { status: 201, body: json };
    },
  },
  {
    operationId: 'repos/get-combined-status-for-ref',
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}/status',
    access: { role: 'read', appPermission: 'statuses' },
    handle(ctx) {
      const sha = shaForRef(ctx);
      const latest = latestPerContext(statusesOf(ctx, sha));
      const { page, headers } = paginate(ctx, latest);
      return { status: 200, headers, body: combinedStatusJson(ctx.world, ctx.env.baseUrl(), ctx.repo, sha, latest, page) };
    },
  },
  {
    operationId: 'repos/list-commit-statuses-for-ref',
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}/statuses',
    access: { role: 'read', appPermission: 'statuses' },
    handle(ctx) {
      const { page, headers } = paginate(ctx, statusesOf(ctx, shaForRef(ctx)));
      return { status: 200, headers, body: page.map((s) => statusJson(ctx.world, ctx.env.baseUrl(), ctx.repo, s)) };
    },
  },
];
