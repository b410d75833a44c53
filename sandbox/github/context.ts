/** What a route handler gets: the request's parts, the caller, the repository, and the emulator's services. */
import type { SandboxClock } from '../clock.js';
import { GithubHttpError, notFound, validationFailed } from './errors.js';
import { ROLES, type RepoRecord, type Role, type UserRecord, type World } from './model.js';
import type { RateLimiter } from './rate-limit.js';
import type { WebhookDispatcher } from './webhooks.js';

/** Who is calling. Installation tokens act as the app's bot user. */
export interface Actor {
  kind: 'user' | 'installation' | 'app' | 'anonymous';
  /** The user (or `slug[bot]` user) the request acts as; undefined for the app JWT and anonymous callers. */
  user?: UserRecord;
  installationId?: number;
  /** Installation token permissions (`issues: 'write'`, …). */
  permissions?: Record<string, string>;
  /** Rate-limit bucket key. */
  bucket: string;
  /** An installation token a workflow job was given (GITHUB_TOKEN): its events do not start workflow runs. */
  jobToken?: boolean;
}

/** Shared services every handler may use. */
export interface EmulatorEnv {
  world(): World;
  clock: SandboxClock;
  /** The emulator's base URL (`http://127.0.0.1:PORT`), used for every `*_url` field. */
  baseUrl(): string;
  webhooks: WebhookDispatcher;
  rateLimits: RateLimiter;
  /** Who made the request being handled, if any (events outside requests — clock, control API — have none). */
  currentActor?(): Actor | undefined;
}

export interface HandlerContext {
  env: EmulatorEnv;
  world: World;
  /** Request pathname (for Link headers). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body ({} when none). */
  body: Record<string, unknown>;
  actor: Actor;
  /** The repository named by `{owner}/{repo}`; throws 404 when the route has none. */
  repo: RepoRecord;
  /** The caller's role on `repo` (installations count as their permission level), null without access. */
  role: Role | null;
  /** Virtual now, ISO 8601 without milliseconds like GitHub. */
  now(): string;
}

/** GitHub's timestamp format: ISO 8601, second precision, `Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** True when `role` is at least `needed`. */
export function roleAtLeast(role: Role | null, needed: Role): boolean {
  return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Throws GitHub's 403 unless the caller holds `needed` on the repository (or is `allowIf`, e.g. the author). */
export function requireRole(ctx: HandlerContext, needed: Role, allowIf = false): void {
  if (allowIf || roleAtLeast(ctx.role, needed)) return;
  throw forbidden(ctx, needed);
}

/** The 403 GitHub sends to a caller who can see a repository but may not change it. */
export function forbidden(ctx: HandlerContext, needed: Role): GithubHttpError {
  if (ctx.actor.kind === 'installation') return new GithubHttpError(403, 'Resource not accessible by integration');
  const what = needed === 'admin' ? 'admin' : needed === 'read' ? 'read' : 'push';
  return new GithubHttpError(403, `Must have ${what} access to repository`);
}

/** A required string field of the body, or a 422 naming it. */
export function requireString(ctx: HandlerContext, resource: string, field: string): string {
  const value = ctx.body[field];
  if (typeof value !== 'string' || value === '') throw validationFailed(resource, field, 'missing_field');
  return value;
}

/** An optional string field; 422 when present with the wrong type. */
export function optionalString(ctx: HandlerContext, resource: string, field: string): string | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationFailed(resource, field, 'invalid');
  return value;
}

/** An optional array of strings; 422 when present with the wrong type. */
export function optionalStrings(ctx: HandlerContext, resource: string, field: string): string[] | undefined {
  const value = ctx.body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw validationFailed(resource, field, 'invalid');
  return value as string[];
}

/** A numeric path parameter. */
export function numberParam(ctx: HandlerContext, name: string): number {
  const n = Number(ctx.params[name]);
  if (!Number.isInteger(n)) throw notFound();
  return n;
}

/**
 * Slices a list for `page`/`per_page` (default 30, max 100) and builds the `Link` header GitHub sends
 * (rel next/last/prev/first, each repeating the query).
 */
export function paginate<T>(ctx: HandlerContext, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number) => {
    const q = new URLSearchParams(ctx.query);
    q.set('per_page', String(perPage));
    q.set('page', String(p));
    return `<${ctx.env.baseUrl()}${ctx.path}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  const headers: Record<string, string> = rels.length > 0 ? { link: rels.join(', ') } : {};
  return { page: items.slice((page - 1) * perPage, page * perPage), headers };
}
