/**
 * The lock primitive over the git refs API: `refs/mlops/locks/<key>` created atomically (a second create gets 422),
 * its commit message carrying holder and expiry (lib/locks). Never an in-memory lock: the app may run as several
 * replicas, and the actions and the CLI take the same locks. Shared by the app, the evaluate action and ChatOps.
 *
 * Takeover of an expired lock is a fast-forward update to a new commit whose parent is the expired one: two replicas
 * racing for it both build on the same parent, and only the first update is a fast-forward (the second gets 422).
 */
import { lockMessage, lockRefName, lockRefPath, lockState, newLockRecord, type LockRecord } from '../../lib/locks/index.js';
import { isHttpStatus, type GitHub, type RepoRef } from './client.js';

/** A lock this process holds. */
export interface HeldLock {
  key: string;
  record: LockRecord;
  /** The lock commit; release deletes the ref only while it still points here. */
  sha: string;
  release(): Promise<void>;
}

/** Options of the lock client. */
export interface RefLockOptions {
  /** Who takes the locks (shows in the lock commit). */
  holder: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Acquires and releases locks in one repository. */
export interface RefLocks {
  /** Takes the lock if free (or expired); undefined when someone else holds it. */
  tryAcquire(key: string, ttlMs: number): Promise<HeldLock | undefined>;
  /** Waits (polling with backoff, up to `waitMs`) for the lock, runs `fn`, releases; throws LockBusyError on timeout. */
  withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>, waitMs?: number): Promise<T>;
}

/** The lock was still held when the wait ran out. */
export class LockBusyError extends Error {
  constructor(readonly key: string, readonly holder: string | undefined) {
    super(`lock ${key} is held${holder ? ` by ${holder}` : ''}`);
    this.name = 'LockBusyError';
  }
}

// The commit needs a tree; the empty tree is made once per lock client (an object in the repository, cheap to remake).
/** A lock client over `gh` for `where`. */
export function createRefLocks(gh: GitHub, where: RepoRef, options: RefLockOptions): RefLocks {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let emptyTree: string | undefined;

  const commit = async (record: LockRecord, parents: string[]) => {
    emptyTree ??= (await gh.rest.git.createTree({ ...where, tree: [] })).data.sha;
    return (await gh.rest.git.createCommit({ ...where, message: lockMessage(record), tree: emptyTree, parents })).data.sha;
  };

  const held = (key: string, record: LockRecord, sha: string): HeldLock => ({
    key,
    record,
    sha,
    async release() {
      try {
        const current = (await gh.rest.git.getRef({ ...where, ref: lockRefPath(key) })).data.object.sha;
        if (current === sha) await gh.rest.git.deleteRef({ ...where, ref: lockRefPath(key) });
      } catch (error) {
        if (!isHttpStatus(error, 404, 422)) throw error;
      }
    },
  });

  const tryAcquire = async (key: string, ttlMs: number): Promise<HeldLock | undefined> => {
    const record = newLockRecord(key, options.holder, now(), ttlMs);
    const sha = await commit(record, []);
    try {
      await gh.rest.git.createRef({ ...where, ref: lockRefName(key), sha });
      return held(key, record, sha);
    } catch (error) {
      if (!isHttpStatus(error, 422)) throw error;
    }
    // Someone holds it, or held it and crashed: read the TTL.
    let current: string;
    try {
      current = (await gh.rest.git.getRef({ ...where, ref: lockRefPath(key) })).data.object.sha;
    } catch (error) {
      if (isHttpStatus(error, 404)) return undefined; // released between our create and our read: let the caller retry
      throw error;
    }
    const message = (await gh.rest.git.getCommit({ ...where, commit_sha: current })).data.message;
    if (lockState(message, now()).state === 'held') return undefined;
    const takeover = await commit(record, [current]);
    try {
      await gh.rest.git.updateRef({ ...where, ref: lockRefPath(key), sha: takeover, force: false });
      return held(key, record, takeover);
    } catch (error) {
      if (isHttpStatus(error, 422)) return undefined; // another replica took it over first
      throw error;
    }
  };

  return {
    tryAcquire,
    async withLock(key, ttlMs, fn, waitMs = 30_000) {
      const start = now();
      let delay = 100;
      for (;;) {
        const lock = await tryAcquire(key, ttlMs);
        if (lock) {
          try {
            return await fn();
          } finally {
            await lock.release();
          }
        }
        if (now() - start >= waitMs) {
          const message = await gh.rest.git.getRef({ ...where, ref: lockRefPath(key) }).then((r) => gh.rest.git.getCommit({ ...where, commit_sha: r.data.object.sha })).then((c) => c.data.message, () => '');
          const state = lockState(message, now());
          throw new LockBusyError(key, state.state === 'unreadable' ? undefined : state.record.holder);
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
      }
    },
  };
}
