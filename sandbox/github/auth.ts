/**
 * Who is calling and what they may do: personal and installation tokens, the app's RS256 JWT (verified with
 * node:crypto against the app's public key, `iat`/`exp` checked against the virtual clock), and repository roles.
 */
import { createPublicKey, verify } from 'node:crypto';
import type { SandboxClock } from '../clock.js';
import type { Actor } from './context.js';
import { GithubHttpError } from './errors.js';
import { findUser, type RepoRecord, type Role, type World } from './model.js';

/** Reads the `Authorization` header (`token X`, `Bearer X`) into an actor; throws 401 for bad credentials. */
export function authenticate(world: World, clock: SandboxClock, header: string | undefined, remote: string): Actor {
  if (!header) return { kind: 'anonymous', bucket: `ip:${remote}` };
  const m = /^(token|bearer)\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new GithubHttpError(401, 'Bad credentials');
  const token = m[2]!;
  if (token.split('.').length === 3) return verifyAppJwt(world, clock, token);
  const record = world.tokens.find((t) => t.token === token);
  if (!record || (record.expires_at !== null && record.expires_at <= clock.now())) throw new GithubHttpError(401, 'Bad credentials');
  if (record.kind === 'user') {
    const user = findUser(world, record.subject);
    if (!user) throw new GithubHttpError(401, 'Bad credentials');
    return { kind: 'user', user, bucket: `user:${user.id}` };
  }
  const installationId = Number(record.subject);
  const bot = findUser(world, `${world.app.slug}[bot]`);
  const actor: Actor = { kind: 'installation', installationId, permissions: record.permissions ?? {}, bucket: `installation:${installationId}` };
  if (bot) actor.user = bot;
  if (record.job) actor.jobToken = true;
  return actor;
}

function b64urlJson(part: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  return parsed as Record<string, unknown>;
}

/** Verifies an app JWT the way GitHub does; messages are GitHub's. */
export function verifyAppJwt(world: World, clock: SandboxClock, jwt: string): Actor {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = b64urlJson(h);
    claims = b64urlJson(p);
  } catch {
    throw new GithubHttpError(401, 'A JSON web token could not be decoded');
  }
  if (header.alg !== 'RS256') throw new GithubHttpError(401, 'A JSON web token could not be decoded');
  const app = world.app;
  if (String(claims.iss) !== String(app.id) && claims.iss !== app.client_id) {
    throw new GithubHttpError(401, `'Issuer' claim ('iss') must be an Integer`);
  }
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey(app.public_key_pem), Buffer.from(s, 'base64url'));
  if (!ok) throw new GithubHttpError(401, 'A JSON web token could not be decoded');
  const now = Math.floor(clock.now() / 1000);
  const iat = claims.iat;
  const exp = claims.exp;
  if (typeof iat !== 'number' || iat > now + 60) {
    throw new GithubHttpError(401, `'Issued at' claim ('iat') must be an Integer representing a time in the past`);
  }
  if (typeof exp !== 'number' || exp <= now || exp - iat > 660) {
    throw new GithubHttpError(401, `'Expiration time' claim ('exp') is too far in the future or already expired`);
  }
  return { kind: 'app', bucket: `app:${app.id}` };
}

/**
 * The caller's role on a repository, or null when it may not even see it (→ 404). Non-collaborators read public
 * repositories; an installation on the owner acts with `maintain` and is narrowed by its permissions per route.
 */
export function roleOn(world: World, actor: Actor, repo: RepoRecord): Role | null {
  if (actor.kind === 'installation') {
    const inst = world.installations.find((i) => i.id === actor.installationId);
    if (inst && inst.account === repo.owner) return 'maintain';
    return repo.private ? null : 'read';
  }
  if (actor.kind === 'user' && actor.user) {
    const explicit = repo.collaborators[actor.user.login] ?? (repo.owner === actor.user.login ? 'admin' : undefined);
    if (explicit) return explicit;
  }
  return repo.private ? null : 'read';
}

/** Whether an installation permission level covers what is needed (`write` covers `read`). */
export function appLevelCovers(held: string | undefined, needed: 'read' | 'write' | 'admin'): boolean {
  const order = ['read', 'write', 'admin'];
  return held !== undefined && order.indexOf(held) >= order.indexOf(needed);
}
