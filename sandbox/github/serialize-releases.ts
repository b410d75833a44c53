/** API shapes for releases and release assets (OpenAPI `release`, `release-asset`). */
import { fullName, type RepoRecord, type World } from './model.js';
import type { ReleaseAssetRecord, ReleaseRecord } from './model-releases.js';
import { nodeId, userByLogin } from './serialize-core.js';

/** Where uploads go, under the emulator's base URL (GitHub: `https://uploads.github.com`, GHES: `/api/uploads`). */
export const UPLOADS_PREFIX = '/uploads';

/** `release-asset`. */
export function releaseAssetJson(world: World, base: string, repo: RepoRecord, release: ReleaseRecord, a: ReleaseAssetRecord): Record<string, unknown> {
  return {
    url: `${base}/repos/${fullName(repo)}/releases/assets/${a.id}`,
    id: a.id,
    node_id: nodeId('RA', a.id),
    name: a.name,
    label: a.label,
    uploader: userByLogin(world, base, a.uploader),
    content_type: a.content_type,
    state: 'uploaded',
    size: a.data.length,
    digest: a.digest,
    download_count: a.download_count,
    created_at: a.created_at,
    updated_at: a.updated_at,
    browser_download_url: `${base}/${fullName(repo)}/releases/download/${encodeURIComponent(release.tag_name)}/${encodeURIComponent(a.name)}`,
  };
}

/** `release`. Published releases report `immutable: true`: their tag can no longer change (routes/releases.ts). */
export function releaseJson(world: World, base: string, repo: RepoRecord, r: ReleaseRecord): Record<string, unknown> {
  const url = `${base}/repos/${fullName(repo)}/releases/${r.id}`;
  const tag = encodeURIComponent(r.tag_name);
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `${base}${UPLOADS_PREFIX}/repos/${fullName(repo)}/releases/${r.id}/assets{?name,label}`,
    html_url: r.draft ? `${base}/${fullName(repo)}/releases/tag/untagged-${r.id.toString(16)}` : `${base}/${fullName(repo)}/releases/tag/${tag}`,
    id: r.id,
    author: userByLogin(world, base, r.author),
    node_id: nodeId('RE', r.id),
    tag_name: r.tag_name,
    target_commitish: r.target_commitish,
    name: r.name,
    draft: r.draft,
    immutable: !r.draft,
    prerelease: r.prerelease,
    created_at: r.created_at,
    updated_at: r.updated_at,
    published_at: r.published_at,
    assets: r.assets.map((a) => releaseAssetJson(world, base, repo, r, a)),
    tarball_url: r.draft ? null : `${base}/repos/${fullName(repo)}/tarball/${tag}`,
    zipball_url: r.draft ? null : `${base}/repos/${fullName(repo)}/zipball/${tag}`,
    body: r.body,
  };
}

/**
 * A release as `release` webhooks carry it (checked against @octokit/webhooks-schemas): no `immutable`/`updated_at`,
 * assets without `digest`, and `name`/`body` as strings.
 */
export function releaseHookJson(world: World, base: string, repo: RepoRecord, r: ReleaseRecord): Record<string, unknown> {
  const { immutable: _i, updated_at: _u, ...json } = releaseJson(world, base, repo, r);
  return {
    ...json,
    name: r.name ?? '',
    body: r.body ?? '',
    assets: (json.assets as Record<string, unknown>[]).map(({ digest: _d, ...a }) => a),
  };
}
