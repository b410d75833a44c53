/**
 * Workflow run artifacts: list (per run, per repository, by name), get, delete, and download — a 302 to a short-lived
 * signed URL that the control server serves (`/_sandbox/artifact-blobs/{id}`), as GitHub redirects to blob storage.
 * Uploads go through the control API for now (see sandbox/control/actions.ts).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isoSeconds, numberParam, paginate, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound } from '../errors.js';
import { nextId, type World } from '../model.js';
import type { ArtifactRecord, WorkflowRunRecord } from '../model-actions.js';
import type { RouteDef } from '../router.js';
import { artifactJson } from '../serialize-actions.js';

const READ = { role: 'read', appPermission: 'actions' } as const;
const WRITE = { role: 'write', appPermission: 'actions' } as const;
/** GitHub's default artifact retention. */
const RETENTION_MS = 90 * 86_400_000;
/** How long a download URL stays valid (GitHub: about a minute). */
const DOWNLOAD_URL_MS = 60_000;

/** Stores an artifact of a run; a second artifact with the same name in one run is refused (upload-artifact v4). */
export function addArtifact(world: World, run: WorkflowRunRecord, name: string, zip: Buffer, now: number): ArtifactRecord {
  if (world.actions.artifacts.some((a) => a.run_id === run.id && a.name === name)) throw new GithubHttpError(409, `an artifact named ${name} already exists in run ${run.id}`);
  const artifact: ArtifactRecord = {
    id: nextId(world),
    repo_id: run.repo_id,
    run_id: run.id,
    name,
    zip,
    digest: `sha256:${createHash('sha256').update(zip).digest('hex')}`,
    created_at: isoSeconds(now),
    expires_at: isoSeconds(now + RETENTION_MS),
  };
  world.actions.artifacts.push(artifact);
  return artifact;
}

const signature = (world: World, id: number, expires: number) => createHmac('sha256', world.actions.secret).update(`${id}:${expires}`).digest('hex');

/** The signed download path of an artifact (relative to the emulator's base URL). */
export function artifactDownloadPath(world: World, artifact: ArtifactRecord, now: number): string {
  const expires = now + DOWNLOAD_URL_MS;
  return `/_sandbox/artifact-blobs/${artifact.id}?expires=${expires}&sig=${signature(world, artifact.id, expires)}`;
}

/** The artifact a signed download URL names, or why not: undefined when the signature is wrong or has expired. */
export function artifactForDownload(world: World, id: number, expires: number, sig: string, now: number): ArtifactRecord | undefined {
  const expected = Buffer.from(signature(world, id, expires));
  const given = Buffer.from(sig);
  if (expires < now || expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return world.actions.artifacts.find((a) => a.id === id);
}

function listArtifacts(ctx: HandlerContext, artifacts: ArtifactRecord[]) {
  const name = ctx.query.get('name');
  const matching = artifacts.filter((a) => !name || a.name === name).reverse();
  const { page, headers } = paginate(ctx, matching);
  const now = ctx.env.clock.now();
  return { status: 200, headers, body: { total_count: matching.length, artifacts: page.map((a) => artifactJson(ctx.world, ctx.env.baseUrl(), ctx.repo, a, now)) } };
}

function artifactParam(ctx: HandlerContext): ArtifactRecord {
  const id = numberParam(ctx, 'artifact_id');
  const artifact = ctx.world.actions.artifacts.find((a) => a.id === id && a.repo_id === ctx.repo.id);
  if (!artifact) throw notFound();
  return artifact;
}

/** Routes: actions artifacts. */
export const actionsArtifactRoutes: RouteDef[] = [
  {
    operationId: 'actions/list-artifacts-for-repo',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/artifacts',
    access: READ,
    handle: (ctx) => listArtifacts(ctx, ctx.world.actions.artifacts.filter((a) => a.repo_id === ctx.repo.id)),
  },
  {
    operationId: 'actions/list-workflow-run-artifacts',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
    access: READ,
    handle(ctx) {
      const id = numberParam(ctx, 'run_id');
      if (!ctx.world.actions.runs.some((r) => r.id === id && r.repo_id === ctx.repo.id)) throw notFound();
      return listArtifacts(ctx, ctx.world.actions.artifacts.filter((a) => a.run_id === id));
    },
  },
  {
    operationId: 'actions/get-artifact',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
    access: READ,
    handle: (ctx) => ({ status: 200, body: artifactJson(ctx.world, ctx.env.baseUrl(), ctx.repo, artifactParam(ctx), ctx.env.clock.now()) }),
  },
  {
    operationId: 'actions/download-artifact',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
    access: READ,
    handle(ctx) {
      const artifact = artifactParam(ctx);
      if (ctx.params.archive_format !== 'zip') throw notFound();
      const now = ctx.env.clock.now();
      if (Date.parse(artifact.expires_at) <= now) throw new GithubHttpError(410, 'Artifact has expired');
      return { status: 302, headers: { location: `${ctx.env.baseUrl()}${artifactDownloadPath(ctx.world, artifact, now)}` } };
    },
  },
  {
    operationId: 'actions/delete-artifact',
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
    access: WRITE,
    handle(ctx) {
      const artifact = artifactParam(ctx);
      ctx.world.actions.artifacts = ctx.world.actions.artifacts.filter((a) => a !== artifact);
      return { status: 204 };
    },
  },
];
