/**
 * Releases (the model registry) and their assets. Drafts are only visible to callers with push access and never by
 * tag; publishing creates the tag from `target_commitish` when it does not exist; a published release's tag cannot
 * change (GitHub's immutable releases). Asset bytes arrive on the uploads host (see uploads.ts) and are kept as sent.
 */
import { createHash } from 'node:crypto';
import { numberParam, optionalString, paginate, requireString, roleAtLeast, type EmulatorEnv, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { emitEvent, moveRef } from '../events.js';
import { nextId, type RepoRecord, type World } from '../model.js';
import type { ReleaseAssetRecord, ReleaseRecord } from '../model-releases.js';
import { actorLogin, resolveCommit } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { releaseAssetJson, releaseHookJson, releaseJson } from '../serialize-releases.js';

const READ = { role: 'read', appPermission: 'contents' } as const;
const WRITE = { role: 'write', appPermission: 'contents' } as const;

/** Where the uploads host leaves the raw request body for `repos/upload-release-asset` (not settable from JSON). */
export const RAW_UPLOAD = Symbol('raw upload body');
export interface RawUpload {
  data: Buffer;
  contentType: string | undefined;
}

const canPush = (ctx: HandlerContext) => ctx.actor.kind === 'installation' || roleAtLeast(ctx.role, 'write');
const visible = (ctx: HandlerContext) => (r: ReleaseRecord) => r.repo_id === ctx.repo.id && (!r.draft || canPush(ctx));

function releaseParam(ctx: HandlerContext): ReleaseRecord {
  const id = numberParam(ctx, 'release_id');
  const release = ctx.world.releases.releases.find((r) => r.id === id && visible(ctx)(r));
  if (!release) throw notFound();
  return release;
}

/** The release and asset an asset id names (visible to the caller), or 404. */
export function assetParam(ctx: HandlerContext): { release: ReleaseRecord; asset: ReleaseAssetRecord } {
  const id = numberParam(ctx, 'asset_id');
  for (const release of ctx.world.releases.releases.filter(visible(ctx))) {
    const asset = release.assets.find((a) => a.id === id);
    if (asset) return { release, asset };
  }
  throw notFound();
}

/** The release GitHub calls latest: the one marked latest, else the newest published full release. */
export function latestRelease(world: World, repo: RepoRecord): ReleaseRecord | undefined {
  const candidates = world.releases.releases.filter((r) => r.repo_id === repo.id && !r.draft && !r.prerelease);
  const marked = candidates.find((r) => r.id === world.releases.latest[repo.id]);
  return marked ?? candidates.sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id - a.id)[0];
}

function emitRelease(env: EmulatorEnv, repo: RepoRecord, sender: string, action: string, release: ReleaseRecord, extra: Record<string, unknown> = {}): void {
  emitEvent(env, repo, sender, 'release', { action, release: releaseHookJson(env.world(), env.baseUrl(), repo, release), ...extra });
}

function optionalBool(ctx: HandlerContext, field: string): boolean | undefined {
  const v = ctx.body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validationFailed('Release', field, 'invalid');
  return v;
}

function makeLatest(ctx: HandlerContext): 'true' | 'false' | 'legacy' | undefined {
  const v = ctx.body.make_latest;
  if (v === undefined || v === null) return undefined;
  if (v !== 'true' && v !== 'false' && v !== 'legacy') throw validationFailed('Release', 'make_latest', 'invalid');
  return v;
}

/** Publishing: the tag must be free of other published releases; it is created at `target_commitish` if absent. */
function publish(ctx: HandlerContext, release: ReleaseRecord, sender: string): void {
  if (ctx.world.releases.releases.some((r) => r !== release && r.repo_id === ctx.repo.id && !r.draft && r.tag_name === release.tag_name)) {
    throw validationFailed('Release', 'tag_name', 'already_exists');
  }
  const ref = `refs/tags/${release.tag_name}`;
  if (ctx.repo.refs[ref] === undefined) {
    const sha = resolveCommit(ctx.world, ctx.repo, release.target_commitish);
    if (!sha) throw validationFailed('Release', 'target_commitish', 'invalid');
    moveRef(ctx.env, ctx.repo, ref, sha, sender);
  }
  release.draft = false;
  release.published_at = ctx.now();
}

function announcePublished(ctx: HandlerContext, release: ReleaseRecord, sender: string, latest: string | undefined): void {
  if (!release.prerelease && latest !== 'false') ctx.world.releases.latest[ctx.repo.id] = release.id;
  emitRelease(ctx.env, ctx.repo, sender, 'published', release);
  emitRelease(ctx.env, ctx.repo, sender, release.prerelease ? 'prereleased' : 'released', release);
}

/** Routes: releases and release assets. */
export const releaseRoutes: RouteDef[] = [
  {
    operationId: 'repos/create-release',
    method: 'POST',
    path: '/repos/{owner}/{repo}/releases',
    access: WRITE,
    handle(ctx) {
      const tag = requireString(ctx, 'Release', 'tag_name');
      if (/[\s~^:?*[\\]|\.\.|^\/|\/$|\.lock$/.test(tag)) throw validationFailed('Release', 'tag_name', 'invalid');
      const draft = optionalBool(ctx, 'draft') ?? false;
      const latest = makeLatest(ctx);
      const target = optionalString(ctx, 'Release', 'target_commitish') ?? ctx.repo.default_branch;
      if (!ctx.repo.refs[`refs/tags/${tag}`] && !resolveCommit(ctx.world, ctx.repo, target)) throw validationFailed('Release', 'target_commitish', 'invalid');
      if (ctx.world.releases.releases.some((r) => r.repo_id === ctx.repo.id && !r.draft && r.tag_name === tag)) throw validationFailed('Release', 'tag_name', 'already_exists');
      const sender = actorLogin(ctx);
      const now = ctx.now();
      const release: ReleaseRecord = {
        id: nextId(ctx.world),
        repo_id: ctx.repo.id,
        tag_name: tag,
        target_commitish: target,
        name: optionalString(ctx, 'Release', 'name') ?? null,
        body: optionalString(ctx, 'Release', 'body') ?? null,
        draft: true,
        prerelease: optionalBool(ctx, 'prerelease') ?? false,
        author: sender,
        created_at: now,
        published_at: null,
        updated_at: now,
        assets: [],
      };
      if (!draft) publish(ctx, release, sender);
      ctx.world.releases.releases.push(release);
      emitRelease(ctx.env, ctx.repo, sender, 'created', release);
      if (!draft) announcePublished(ctx, release, sender, latest);
      return { status: 201, headers: { location: `${ctx.env.baseUrl()}/repos/${ctx.repo.owner}/${ctx.repo.name}/releases/${release.id}` }, body: releaseJson(ctx.world, ctx.env.baseUrl(), ctx.repo, release) };
    },
  },
  {
    operationId: 'repos/list-releases',
    method: 'GET',
    path: '/repos/{owner}/{repo}/releases',
    access: READ,
    handle(ctx) {
      const list = ctx.world.releases.releases.filter(visible(ctx)).sort((a, b) => b.id - a.id);
      const { page, headers } = paginate(ctx, list);
      return { status: 200, headers, body: page.map((r) => releaseJson(ctx.world, ctx.env.baseUrl(), ctx.repo, r)) };
    },
  },
  {
    operationId: 'repos/get-latest-release',
    method: 'GET',
    path: '/repos/{owner}/{repo}/releases/latest',
    access: READ,
    handle(ctx) {
      const release = latestRelease(ctx.world, ctx.repo);
      if (!release) throw notFound();
      return { status: 200, body: releaseJson(ctx.world, ctx.env.baseUrl(), ctx.repo, release) };
    },
  },
  {
    operationId: 'repos/get-release-by-tag',
    method: 'GET',
    path: '/repos/{owner}/{repo}/releases/tags/{tag}',
    access: READ,
    handle(ctx) {
      const release = ctx.world.releases.releases.find((r) => r.repo_id === ctx.repo.id && !r.draft && r.tag_name === ctx.params.tag);
      if (!release) throw notFound();
      return { status: 200, body: releaseJson(ctx.world, ctx.env.baseUrl(), ctx.repo, release) };
    },
  },
  {
    operationId: 'repos/get-release',
    method: 'GET',
    path: '/repos/{owner}/{repo}/releases/{release_id}',
    access: READ,
    handle: (ctx) => ({ status: 200, body: releaseJson(ctx.world, ctx.env.baseUrl(), ctx.repo, releaseParam(ctx)) }),
  },
  {
    operationId: 'repos/update-release',
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/releases/{release_id}',
    access: WRITE,
    handle(ctx) {
      const release = releaseParam(ctx);
      const sender = actorLogin(ctx);
      const tag = optionalString(ctx, 'Release', 'tag_name');
      const draft = optionalBool(ctx, 'draft');
      const prerelease = optionalBool(ctx, 'prerelease');
      const latest = makeLatest(ctx);
      const wasDraft = release.draft;
      const wasPrerelease = release.prerelease;
      if (tag !== undefined && tag !== release.tag_name && !release.draft) {
        throw validationFailed('Release', 'tag_name', 'custom', 'Cannot change the tag of a published release: the release is immutable');
      }
      if (draft === true && !release.draft) throw validationFailed('Release', 'draft', 'custom', 'Cannot unpublish an immutable release');
      const changes: Record<string, unknown> = {};
      const before = { ...release };
      if (tag !== undefined && tag !== release.tag_name) {
        changes.tag_name = { from: release.tag_name };
        release.tag_name = tag;
      }
      const target = optionalString(ctx, 'Release', 'target_commitish');
      if (target !== undefined && release.draft) {
        if (!resolveCommit(ctx.world, ctx.repo, target)) throw validationFailed('Release', 'target_commitish', 'invalid');
        release.target_commitish = target;
      }
      for (const field of ['name', 'body'] as const) {
        const value = optionalString(ctx, 'Release', field);
        if (value !== undefined && value !== release[field]) {
          changes[field] = { from: release[field] ?? '' };
          release[field] = value;
        }
      }
      if (prerelease !== undefined) release.prerelease = prerelease;
      try {
        if (wasDraft && draft === false) publish(ctx, release, sender);
      } catch (error) {
        Object.assign(release, before);
        throw error;
      }
      release.updated_at = ctx.now();
      if (wasDraft && !release.draft) {
        announcePublished(ctx, release, sender, latest);
      } else {
        if (!release.draft && latest === 'true' && !release.prerelease) ctx.world.releases.latest[ctx.repo.id] = release.id;
        if (latest !== undefined) changes.make_latest = { to: latest === 'true' };
        emitRelease(ctx.env, ctx.repo, sender, 'edited', release, { changes });
        if (!release.draft && wasPrerelease !== release.prerelease) emitRelease(ctx.env, ctx.repo, sender, release.prerelease ? 'prereleased' : 'released', release);
      }
      return { status: 200, body: releaseJson(ctx.world, ctx.env.baseUrl(), ctx.repo, release) };
    },
  },
  {
    operationId: 'repos/delete-release',
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/releases/{release_id}',
    access: WRITE,
    handle(ctx) {
      const release = releaseParam(ctx);
      ctx.world.releases.releases = ctx.world.releases.releases.filter((r) => r !== release);
      if (ctx.world.releases.latest[ctx.repo.id] === release.id) delete ctx.world.releases.latest[ctx.repo.id];
      emitRelease(ctx.env, ctx.repo, actorLogin(ctx), 'deleted', release);
      return { status: 204 };
    },
  },
  {
    operationId: 'repos/upload-release-asset',
    method: 'POST',
    path: '/repos/{owner}/{repo}/releases/{release_id}/assets',
    access: WRITE,
    handle(ctx) {
      const release = releaseParam(ctx);
      const raw = (ctx.body as { [RAW_UPLOAD]?: RawUpload })[RAW_UPLOAD];
      if (!raw) throw new GithubHttpError(400, 'Bad Content-Type: upload the raw file bytes to the release\'s upload_url');
      const name = ctx.query.get('name');
      if (!name) throw validationFailed('ReleaseAsset', 'name', 'missing_field');
      // GitHub replaces characters it does not keep in asset names with a dot.
      const clean = name.replace(/[^\w.+@-]+/g, '.');
      if (release.assets.some((a) => a.name === clean)) throw validationFailed('ReleaseAsset', 'name', 'already_exists');
      const now = ctx.now();
      const asset: ReleaseAssetRecord = {
        id: nextId(ctx.world),
        release_id: release.id,
        name: clean,
        label: ctx.query.get('label') || null,
        content_type: raw.contentType ?? 'application/octet-stream',
        data: raw.data,
        digest: `sha256:${createHash('sha256').update(raw.data).digest('hex')}`,
        uploader: actorLogin(ctx),
        download_count: 0,
        created_at: now,
        updated_at: now,
      };
      release.assets.push(asset);
      return { status: 201, body: releaseAssetJson(ctx.world, ctx.env.baseUrl(), ctx.repo, release, asset) };
    },
  },
  {
    operationId: 'repos/list-release-assets',
    method: 'GET',
    path: '/repos/{owner}/{repo}/releases/{release_id}/assets',
    access: READ,
    handle(ctx) {
      const release = releaseParam(ctx);
      const { page, headers } = paginate(ctx, release.assets);
      return { status: 200, headers, body: page.map((a) => releaseAssetJson(ctx.world, ctx.env.baseUrl(), ctx.repo, release, a)) };
    },
  },
  {
    operationId: 'repos/get-release-asset',
    method: 'GET',
    path: '/repos/{owner}/{repo}/releases/assets/{asset_id}',
    access: READ,
    handle(ctx) {
      const { release, asset } = assetParam(ctx);
      return { status: 200, body: releaseAssetJson(ctx.world, ctx.env.baseUrl(), ctx.repo, release, asset) };
    },
  },
  {
    operationId: 'repos/delete-release-asset',
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/releases/assets/{asset_id}',
    access: WRITE,
    handle(ctx) {
      const { release, asset } = assetParam(ctx);
      release.assets = release.assets.filter((a) => a !== asset);
      return { status: 204 };
    },
  },
];
