/** Repository, branches, commits, collaborators' permissions and repository webhooks. */
import { paginate } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { ancestors, commitFiles, readObject } from '../git-objects.js';
import { findUser, nextId } from '../model.js';
import { resolveCommit } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { permissionFlags, repoJson, userJson } from '../serialize-core.js';
import { branchJson, commitJson, hookJson } from '../serialize-git.js';
import { roleOn } from '../auth.js';

const contents = { role: 'read', appPermission: 'contents' } as const;

/** Routes: repos/get, repos/get-branch, repos/list-commits, repos/get-commit, repos/get-collaborator-permission-level, repos/create-webhook. */
export const repoRoutes: RouteDef[] = [
  {
    operationId: 'repos/get',
    method: 'GET',
    path: '/repos/{owner}/{repo}',
    access: { role: 'read', appPermission: 'metadata' },
    handle: (ctx) => ({ status: 200, body: repoJson(ctx.world, ctx.env.baseUrl(), ctx.repo, ctx.role) }),
  },
  {
    operationId: 'repos/get-branch',
    method: 'GET',
    path: '/repos/{owner}/{repo}/branches/{branch}',
    access: contents,
    handle(ctx) {
      const sha = ctx.repo.refs[`refs/heads/${ctx.params.branch}`];
      if (!sha) throw new GithubHttpError(404, 'Branch not found');
      return { status: 200, body: branchJson(ctx.world, ctx.env.baseUrl(), ctx.repo, ctx.params.branch!, readObject(ctx.world.git, sha, 'commit')!) };
    },
  },
  {
    operationId: 'repos/list-commits',
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits',
    access: contents,
    handle(ctx) {
      const start = resolveCommit(ctx.world, ctx.repo, ctx.query.get('sha') ?? ctx.repo.default_branch);
      if (!start) throw new GithubHttpError(404, `No commit found for SHA: ${ctx.query.get('sha') ?? ''}`);
      const path = ctx.query.get('path');
      const author = ctx.query.get('author');
      const commits = ancestors(ctx.world.git, start).map((s) => readObject(ctx.world.git, s, 'commit')!);
      let list = commits;
      if (path) {
        list = list.filter((c) => {
          const now = commitFiles(ctx.world.git, c.sha);
          const before = c.parents[0] ? commitFiles(ctx.world.git, c.parents[0]) : new Map();
          const changed = (m: Map<string, { sha: string }>) => [...m].filter(([p]) => p === path || p.startsWith(`${path}/`)).map(([p, f]) => `${p}:${f.sha}`).join();
          return changed(now) !== changed(before);
        });
      }
      if (author) {
        const user = findUser(ctx.world, author);
        list = list.filter((c) => c.author.email === (user?.email ?? author) || c.author.name === author);
      }
      const { page, headers } = paginate(ctx, list);
      return { status: 200, headers, body: page.map((c) => commitJson(ctx.world, ctx.env.baseUrl(), ctx.repo, c, false)) };
    },
  },
  {
    operationId: 'repos/get-commit',
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}',
    access: contents,
    handle(ctx) {
      const sha = resolveCommit(ctx.world, ctx.repo, ctx.params.ref!);
      if (!sha) throw new GithubHttpError(422, `No commit found for SHA: ${ctx.params.ref}`);
      return { status: 200, body: commitJson(ctx.world, ctx.env.baseUrl(), ctx.repo, readObject(ctx.world.git, sha, 'commit')!, true) };
    },
  },
  {
    operationId: 'repos/get-collaborator-permission-level',
    method: 'GET',
    path: '/repos/{owner}/{repo}/collaborators/{username}/permission',
    access: { role: 'read', appPermission: 'metadata' },
    handle(ctx) {
      const user = findUser(ctx.world, ctx.params.username!);
      if (!user) throw notFound();
      const roleName = roleOn(ctx.world, { kind: 'user', user, bucket: '' }, ctx.repo);
      // The legacy `permission` field folds maintain into write and triage into read, as GitHub documents.
      const permission = roleName === null ? 'none' : roleName === 'maintain' ? 'write' : roleName === 'triage' ? 'read' : roleName;
      return {
        status: 200,
        body: {
          permission,
          role_name: roleName ?? 'none',
          user: { ...userJson(ctx.env.baseUrl(), user), permissions: permissionFlags(roleName), role_name: roleName ?? 'none' },
        },
      };
    },
  },
  {
    operationId: 'repos/create-webhook',
    method: 'POST',
    path: '/repos/{owner}/{repo}/hooks',
    access: { role: 'admin', appPermission: 'repository_hooks' },
    handle(ctx) {
      const config = (ctx.body.config ?? {}) as Record<string, unknown>;
      if (typeof config.url !== 'string' || !/^https?:\/\//.test(config.url)) throw validationFailed('Hook', 'url', 'custom', 'url is not a valid URL');
      const events = ctx.body.events ?? ['push'];
      if (!Array.isArray(events) || events.some((e) => typeof e !== 'string')) throw validationFailed('Hook', 'events', 'invalid');
      if (config.content_type !== undefined && config.content_type !== 'json') {
        throw validationFailed('Hook', 'content_type', 'invalid', 'the sandbox delivers application/json only');
      }
      const now = ctx.now();
      const hook = {
        id: nextId(ctx.world),
        owner: `${ctx.repo.owner}/${ctx.repo.name}`,
        url: config.url,
        secret: typeof config.secret === 'string' ? config.secret : null,
        events: events as string[],
        active: ctx.body.active !== false,
        content_type: 'json' as const,
        created_at: now,
        updated_at: now,
        last_response: { code: null, status: 'unused', message: null },
      };
      ctx.repo.hooks.push(hook);
      return { status: 201, body: hookJson(ctx.env.baseUrl(), ctx.repo, hook) };
    },
  },
];
