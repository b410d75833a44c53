/** The repository's config for an event: `context.config('mlops.yml')` (so `_extends` works), validated. */
import type { Context } from 'probot';
import type { ResolvedConfig } from '../../lib/config/types.js';
import { resolveRepoConfig } from '../github/repo-settings.js';

/** The validated config, or undefined when the repository has none (the app then ignores it). */
export async function eventConfig(context: Context): Promise<ResolvedConfig | undefined> {
  return resolveRepoConfig(await context.config('mlops.yml'));
}
