/** Conformance tour of releases and release assets (uploads through `upload_url` and through `baseUrl`). */
import assert from 'node:assert/strict';
import type { TourContext } from './context.js';

/** Calls every release and release asset route. */
export async function tourReleases(ctx: TourContext): Promise<void> {
  const { sandbox, owner, repo } = ctx;
  const dave = ctx.as('dave');
  const release = (await dave.rest.repos.createRelease({ owner, repo, tag_name: 'tour-v1', name: 'Tour', body: 'b', draft: true, prerelease: false, make_latest: 'true' })).data;
  const asset = (await dave.rest.repos.uploadReleaseAsset({ owner, repo, release_id: release.id, name: 'model.onnx', data: Buffer.from([8, 1, 18]) as unknown as string, baseUrl: sandbox.github, headers: { 'content-type': 'application/octet-stream' } })).data;
  await dave.request({ method: 'POST', url: release.upload_url, name: 'card.md', data: Buffer.from('# Card\n'), headers: { 'content-type': 'text/markdown' } });
  await dave.rest.repos.updateRelease({ owner, repo, release_id: release.id, draft: false });
  await dave.rest.repos.getRelease({ owner, repo, release_id: release.id });
  await dave.rest.repos.getReleaseByTag({ owner, repo, tag: 'tour-v1' });
  await dave.rest.repos.getLatestRelease({ owner, repo });
  await dave.rest.repos.listReleases({ owner, repo });
  assert.equal((await dave.rest.repos.listReleaseAssets({ owner, repo, release_id: release.id })).data.length, 2);
  await dave.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id });
  await dave.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: asset.id });
  await dave.rest.repos.deleteRelease({ owner, repo, release_id: release.id });
}
