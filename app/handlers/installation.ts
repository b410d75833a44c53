/** `installation.created`: draw each repository's registry dashboard (and finish drafts a previous install left). */
import type { Context } from 'probot';
import { toolVersion } from '../../lib/package-root.js';
import type { AppOptions } from '../app-options.js';
import { updateDashboard } from '../dashboard.js';
import type { GitHub } from '../github/client.js';
import { createRefLocks } from '../github/lock.js';
import { readRepoConfig } from '../github/repo-settings.js';
import { resumeDrafts } from '../resume.js';

/** Handles one `installation.created` delivery; returns the repositories it set up. */
export async function onInstallationCreated(context: Context<'installation.created'>, options: AppOptions, appId: number): Promise<string[]> {
  const gh = context.octokit as unknown as GitHub;
  const now = options.now ?? Date.now;
  const done: string[] = [];
  for (const r of context.payload.repositories ?? []) {
    const [owner, repo] = r.full_name.split('/') as [string, string];
    const where = { owner, repo };
    const config = await readRepoConfig(gh, where).catch(() => undefined);
    if (!config) continue;
    const deps = { gh, where, locks: createRefLocks(gh, where, { holder: `app:${context.id}`, now }), now, toolVersion: toolVersion(), appId, log: { info: (m: string) => context.log.info(m), warn: (m: string) => context.log.warn(m) } };
    await resumeDrafts(deps, config);
    await updateDashboard(deps, config);
    done.push(r.full_name);
  }
  return done;
}
