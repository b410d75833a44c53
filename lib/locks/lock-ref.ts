/**
 * The pure half of the one lock primitive: a lock is the git ref `refs/mlops/locks/<key>`. Creating a ref is atomic on
 * GitHub (a second create answers 422), so whoever creates it holds the lock, whichever replica it runs on. The ref
 * points at a commit whose message carries the holder and an expiry, so a holder that crashed blocks others only until
 * its TTL passes. This file names refs, writes and reads the message, and decides what an existing lock means.
 */
import { BadInputError } from '../errors.js';

/** Prefix of every lock ref. */
export const lockRefPrefix = 'refs/mlops/locks/';

/** First line of a lock commit's message: marks the commit as ours. */
const header = 'mlops-lock';

/** What a lock commit's message records. */
export interface LockRecord {
  key: string;
  /** Who holds it, e.g. `app:delivery-<id>` or `cli:<host>:<pid>`. */
  holder: string;
  /** When it was taken, ms since the epoch. */
  acquiredAt: number;
  /** When it stops counting, ms since the epoch. */
  expiresAt: number;
}

// Keys become ref path segments: git forbids `..`, `//`, `@{`, control characters, spaces and a few symbols, and a
// segment may not start with `.` or end with `.lock`. Allow a plain, readable subset and refuse the rest.
const keyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Throws BadInputError unless `key` can name a lock ref (letters, digits, `._-`, `/`-separated segments). */
export function checkLockKey(key: string): void {
  const bad = !keyPattern.test(key) || key.includes('..') || key.split('/').some((s) => s.endsWith('.lock')) || key.length > 200;
  if (bad) {
    throw new BadInputError('bad-lock-key', `lock key '${key}' cannot name a git ref`, {
      hint: 'use letters, digits, ".", "_", "-" and "/"-separated segments (e.g. promote/churn/production), at most 200 characters',
    });
  }
}

/** The full ref of the lock `key`, e.g. `refs/mlops/locks/promote/churn/production`. */
export function lockRefName(key: string): string {
  checkLockKey(key);
  return lockRefPrefix + key;
}

/** The ref as the git refs API names it in URLs (without `refs/`). */
export function lockRefPath(key: string): string {
  return lockRefName(key).slice('refs/'.length);
}

/** The commit message that records a lock (parsed back by `parseLockMessage`). */
export function lockMessage(record: LockRecord): string {
  return [
    header,
    '',
    `key: ${record.key}`,
    `holder: ${record.holder}`,
    `acquired: ${new Date(record.acquiredAt).toISOString()}`,
    `expires: ${new Date(record.expiresAt).toISOString()}`,
    '',
  ].join('\n');
}

/** The record in a lock commit's message, or undefined when the message is not one. */
export function parseLockMessage(message: string): LockRecord | undefined {
  const lines = message.split('\n');
  if (lines[0]?.trim() !== header) return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const at = line.indexOf(': ');
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 2).trim());
  }
  const acquiredAt = Date.parse(fields.get('acquired') ?? '');
  const expiresAt = Date.parse(fields.get('expires') ?? '');
  const key = fields.get('key');
  const holder = fields.get('holder');
  if (!key || !holder || Number.isNaN(acquiredAt) || Number.isNaN(expiresAt)) return undefined;
  return { key, holder, acquiredAt, expiresAt };
}

/** What an existing lock ref means to someone who wants the lock. */
export type LockState =
  | { state: 'held'; record: LockRecord; remainingMs: number }
  | { state: 'expired'; record: LockRecord; expiredForMs: number }
  /** The commit is not a lock commit (hand-made ref, foreign tool): nobody can prove it live, so it may be taken over. */
  | { state: 'unreadable' };

/** Decides whether the lock whose commit says `message` is still held at `now` (ms since the epoch). */
export function lockState(message: string, now: number): LockState {
  const record = parseLockMessage(message);
  if (!record) return { state: 'unreadable' };
  if (now < record.expiresAt) return { state: 'held', record, remainingMs: record.expiresAt - now };
  return { state: 'expired', record, expiredForMs: now - record.expiresAt };
}

/** A new lock record for `holder`, valid `ttlMs` from `now`. */
export function newLockRecord(key: string, holder: string, now: number, ttlMs: number): LockRecord {
  if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) throw new BadInputError('bad-lock-ttl', `lock TTL must be a positive number of milliseconds, got ${ttlMs}`);
  return { key, holder, acquiredAt: now, expiresAt: now + ttlMs };
}
