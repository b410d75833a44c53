/**
 * Writes a version: a draft release tagged `<model>/v<semver>` on the merge commit, each asset uploaded and its sha256
 * verified against what GitHub stored, then published as a pre-release when the model auto-promotes. Runs from a plan (lib/registry/registration-plan.ts), so a
 * run cut by a crash or a 5xx is finished by the next one; a published version is never re-pointed or re-uploaded.
 */
import { CheckFailedError } from '../../lib/errors.js';
import type { RegistrationPlan, RegistryRelease, WantedAsset } from '../../lib/registry/index.js';
import { isHttpStatus, type GitHub, type RepoRef } from './client.js';
import { downloadAsset, sha256, toRegistryAsset, toRegistryRelease } from './registry-reader.js';

/** What to write. */
export interface VersionWrite {
  plan: RegistrationPlan;
  /** The merge commit the tag points at. */
  targetSha: string;
  name: string;
  notes: string;
  /** Asset name → bytes (every asset of the plan's `upload` must be here). */
  files: Map<string, Buffer>;
  /** Publish as a pre-release (auto-promote: requests the first stage); false leaves a verified draft for people to publish. */
  publish: boolean;
}

/** Stops between two steps (tests inject a crash here; production never does). */
export type Checkpoint = (step: 'drafted' | 'uploaded' | 'published') => void | Promise<void>;

const contentType = (name: string) => (name.endsWith('.json') ? 'application/json' : name.endsWith('.md') ? 'text/markdown' : 'application/octet-stream');

/** Carries out `write.plan`; returns the published release. */
export async function writeVersion(gh: GitHub, where: RepoRef, write: VersionWrite, checkpoint: Checkpoint = () => {}): Promise<RegistryRelease> {
  const { plan } = write;
  if (plan.damaged.length > 0) {
    throw new CheckFailedError('version-damaged', `${plan.tag} is published but ${plan.damaged.join(', ')} are missing or differ`, { hint: 'a published version is immutable: delete the release by hand and merge again, or register a new version' });
  }
  if (plan.done && plan.release) return plan.release;
  let release = plan.release;
  let uploadUrl: string;
  if (!release) {
    const { data } = await gh.rest.repos.createRelease({ ...where, tag_name: plan.tag, target_commitish: write.targetSha, name: write.name, body: write.notes, draft: true });
    release = toRegistryRelease(data)!;
    uploadUrl = data.upload_url;
    await checkpoint('drafted');
  } else {
    uploadUrl = (await gh.rest.repos.getRelease({ ...where, release_id: release.id })).data.upload_url;
  }
  for (const asset of plan.remove) await gh.rest.repos.deleteReleaseAsset({ ...where, asset_id: asset.id }).catch((e: unknown) => { if (!isHttpStatus(e, 404)) throw e; });
  for (const wanted of plan.upload) await uploadVerified(gh, where, release.id, uploadUrl, wanted, write.files);
  await checkpoint('uploaded');
  if (!write.publish) return toRegistryRelease((await gh.rest.repos.getRelease({ ...where, release_id: release.id })).data)!;
  const { data } = await gh.rest.repos.updateRelease({ ...where, release_id: release.id, draft: false, prerelease: true, make_latest: 'false' });
  await checkpoint('published');
  return toRegistryRelease(data)!;
}

/** Uploads one asset and checks GitHub stored exactly its bytes; a wrong copy is deleted and the step fails. */
async function uploadVerified(gh: GitHub, where: RepoRef, releaseId: number, uploadUrl: string, wanted: WantedAsset, files: Map<string, Buffer>): Promise<void> {
  const data = files.get(wanted.name);
  if (!data) throw new Error(`no bytes for asset ${wanted.name}`);
  let stored;
  try {
    const res = await gh.request({ method: 'POST', url: uploadUrl, name: wanted.name, data, headers: { 'content-type': contentType(wanted.name), 'content-length': data.length } });
    stored = toRegistryAsset(res.data as Parameters<typeof toRegistryAsset>[0]);
  } catch (error) {
    // 422 already_exists: an earlier attempt stored it but its answer was lost (a 502 after the write). Check that copy.
    if (!isHttpStatus(error, 422)) throw error;
    const assets = await gh.paginate(gh.rest.repos.listReleaseAssets, { ...where, release_id: releaseId, per_page: 100 });
    const found = assets.find((a) => a.name === wanted.name);
    if (!found) throw error;
    stored = toRegistryAsset(found);
  }
  const digest = stored.sha256 ?? sha256(await downloadAsset(gh, where, stored.id));
  if (digest !== wanted.sha256 || stored.bytes !== wanted.bytes) {
    await gh.rest.repos.deleteReleaseAsset({ ...where, asset_id: stored.id });
    throw new CheckFailedError('asset-mismatch', `asset ${wanted.name} was stored with sha256 ${digest} (${stored.bytes} bytes); expected ${wanted.sha256} (${wanted.bytes} bytes)`, { hint: 'the copy was deleted; the next delivery or the start-up sweep uploads it again' });
  }
}
