/**
 * Reads the registry from GitHub into lib/registry's plain shapes: releases (drafts included when the token can push)
 * with their assets, deployments of a stage environment with their statuses, and asset bytes.
 */
import { createHash } from 'node:crypto';
import { parseReleaseMarker, parseVersionTag, type RegistryAsset, type RegistryRelease, type StageDeployment } from '../../lib/registry/index.js';
import type { DeploymentStatusState } from '../../lib/registry/types.js';
import type { GitHub, RepoRef } from './client.js';

type ApiRelease = Awaited<ReturnType<GitHub['rest']['repos']['getRelease']>>['data'];
type ApiAsset = ApiRelease['assets'][number];

/** An API asset as a registry asset (sha256 from GitHub's `digest` when present). */
export function toRegistryAsset(a: ApiAsset): RegistryAsset {
  const digest = (a as { digest?: string | null }).digest;
  return { id: a.id, name: a.name, bytes: a.size, ...(digest?.startsWith('sha256:') ? { sha256: digest.slice(7) } : {}), url: a.url };
}

/** An API release as a registry release, or undefined when its tag is not a model version tag. */
export function toRegistryRelease(r: ApiRelease): RegistryRelease | undefined {
  const tag = parseVersionTag(r.tag_name);
  if (!tag) return undefined;
  const marker = parseReleaseMarker(r.body);
  return {
    id: r.id,
    tag: r.tag_name,
    model: tag.model,
    version: tag.version,
    draft: r.draft,
    prerelease: r.prerelease,
    ...(marker ? { marker } : {}),
    createdAt: r.created_at,
    publishedAt: r.published_at,
    url: r.html_url,
    assets: r.assets.map(toRegistryAsset),
  };
}

/** Every model-version release of the repository (of `model` when given), newest first as GitHub lists them. */
export async function listRegistryReleases(gh: GitHub, where: RepoRef, model?: string): Promise<RegistryRelease[]> {
  const all = await gh.paginate(gh.rest.repos.listReleases, { ...where, per_page: 100 });
  return all.map(toRegistryRelease).filter((r): r is RegistryRelease => r !== undefined && (model === undefined || r.model === model));
}

/** Deployments to `environment` with their statuses (one call per deployment for statuses). */
export async function listStageDeployments(gh: GitHub, where: RepoRef, environment: string): Promise<StageDeployment[]> {
  const deployments = await gh.paginate(gh.rest.repos.listDeployments, { ...where, environment, per_page: 100 });
  return Promise.all(
    deployments.map(async (d) => {
      const statuses = await gh.paginate(gh.rest.repos.listDeploymentStatuses, { ...where, deployment_id: d.id, per_page: 100 });
      return {
        id: d.id,
        environment: d.environment,
        ref: d.ref,
        sha: d.sha,
        creator: d.creator?.login ?? 'unknown',
        createdAt: d.created_at,
        payload: d.payload,
        statuses: statuses.map((s) => ({ id: s.id, state: s.state as DeploymentStatusState, description: s.description ?? '', creator: s.creator?.login ?? 'unknown', createdAt: s.created_at })),
      };
    }),
  );
}

/** The bytes of a release asset (the API answers 302 to storage; fetch follows it). */
export async function downloadAsset(gh: GitHub, where: RepoRef, assetId: number): Promise<Buffer> {
  // Unparsed: storage answers with the asset's own content type (JSON assets would come back parsed, not as bytes).
  const res = await gh.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', { ...where, asset_id: assetId, headers: { accept: 'application/octet-stream' }, request: { parseSuccessResponseBody: false } });
  return Buffer.from(await new Response(res.data as unknown as ReadableStream).arrayBuffer());
}

/** sha256 of bytes as lower-case hex. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
