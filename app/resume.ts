/**
 * Crash recovery: a draft release with gh-mlops' marker is a registration that stopped between steps. Resuming runs
 * the same registration again (it plans from what the draft holds). A draft that cannot be finished (its bundle
 * expired, its PR gone) and lacks lineage.json (the last asset) is removed, so the registry holds only whole versions.
 */
import type { ResolvedConfig } from '../lib/config/types.js';
import { MlopsError } from '../lib/errors.js';
import type { AppDeps } from './deps.js';
import { isHttpStatus } from './github/client.js';
import { listRegistryReleases } from './github/registry-reader.js';
import { registerFromPullRequest } from './registration.js';

/** Resumes or removes unfinished drafts of the repository; returns what it did per tag. */
export async function resumeDrafts(deps: AppDeps, config: ResolvedConfig, options: { except?: number } = {}): Promise<Record<string, 'resumed' | 'removed' | 'kept'>> {
  const done: Record<string, 'resumed' | 'removed' | 'kept'> = {};
  const drafts = (await listRegistryReleases(deps.gh, deps.where)).filter((r) => r.draft && r.marker?.pr !== undefined && r.marker.pr !== options.except);
  for (const draft of drafts) {
    const model = config.models.find((m) => m.name === draft.model);
    const complete = draft.assets.some((a) => a.name === 'lineage.json');
    if (!model || (complete && !model.promotion.auto_promote)) {
      done[draft.tag] = 'kept';
      continue;
    }
    try {
      const { data: pull } = await deps.gh.rest.pulls.get({ ...deps.where, pull_number: draft.marker!.pr! });
      await registerFromPullRequest(deps, { number: pull.number, merged: pull.merged, mergeSha: draft.marker!.sha, mergedAt: pull.merged_at ?? draft.createdAt }, model);
      done[draft.tag] = 'resumed';
    } catch (error) {
      deps.log.warn(`cannot resume ${draft.tag}: ${error instanceof Error ? error.message : String(error)}`);
      // Only a source that is gone for good (artifact expired, PR deleted) removes the draft; a 5xx keeps it for later.
      const gone = (error instanceof MlopsError && error.code === 'bundle-missing') || isHttpStatus(error, 404, 410);
      if (complete || !gone) {
        done[draft.tag] = 'kept';
        continue;
      }
      await deps.gh.rest.repos.deleteRelease({ ...deps.where, release_id: draft.id }).catch((e: unknown) => { if (!isHttpStatus(e, 404)) throw e; });
      done[draft.tag] = 'removed';
    }
  }
  return done;
}
