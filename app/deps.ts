/** What every app operation on one repository works with: its client, the repository, locks, a clock, the version. */
import type { GitHub, RepoRef } from './github/client.js';
import type { RefLocks } from './github/lock.js';

/** Dependencies of registry, promotion and dashboard operations (passed in: nothing is global). */
export interface AppDeps {
  gh: GitHub;
  where: RepoRef;
  locks: RefLocks;
  now: () => number;
  toolVersion: string;
  /** The GitHub App's id (its deployment protection rules name it). */
  appId: number;
  log: { info(msg: string): void; warn(msg: string): void };
}
