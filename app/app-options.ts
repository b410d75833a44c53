/** Options of the gh-mlops app, and the per-event dependencies built from a Probot context. */
import type { Context } from 'probot';
import { toolVersion } from '../lib/package-root.js';
import type { AppDeps } from './deps.js';
import type { GitHub } from './github/client.js';
import { createRefLocks } from './github/lock.js';
import type { Checkpoint } from './github/release-writer.js';

/** What the app factory takes (all optional: production uses the defaults). */
export interface AppOptions {
  /** The clock (tests use the sandbox's virtual clock). */
  now?: () => number;
  /** The GitHub App id (for recognising its own protection rules); default from the APP_ID the Probot was built with. */
  appId?: number;
  /** Called between registration steps: fault-injection tests crash here. */
  checkpoint?: Checkpoint;
  /** How long to wait for a busy lock before giving up on a delivery (ms). */
  lockWaitMs?: number;
}

/** Dependencies for one delivery's repository. */
export function depsFor(context: Context, options: AppOptions, appId: number): AppDeps {
  const now = options.now ?? Date.now;
  const gh = context.octokit as unknown as GitHub;
  const where = context.repo();
  return {
    gh,
    where: { owner: where.owner, repo: where.repo },
    locks: createRefLocks(gh, where, { holder: `app:${context.id}`, now }),
    now,
    toolVersion: toolVersion(),
    appId,
    log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
  };
}
