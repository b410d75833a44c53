/**
 * The GitHub REST emulator: one request pipeline (headers → route → auth → rate limit → fault → repository access →
 * handler) shared by HTTP callers and in-process callers (`call`, used by the control API's act-as helpers).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock.js';
import type { FaultRegistry } from '../faults.js';
import { appLevelCovers, authenticate, roleOn } from './auth.js';
import { forbidden, type Actor, type EmulatorEnv, type HandlerContext } from './context.js';
import { GithubHttpError, notFound, STATUS_MESSAGES } from './errors.js';
import { findRepo, type RepoRecord, type World } from './model.js';
import { createRateLimiter, rateHeaders, type RateLimiter } from './rate-limit.js';
import { compileRoutes, matchRoute, type RouteDef } from './router.js';
import { githubRoutes } from './routes/index.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks.js';

/** A request as the pipeline sees it. */
export interface EmulatorRequest {
  method: string;
  /** Path with query, e.g. `/repos/acme/churn-model/issues?page=2`. */
  url: string;
  headers: Record<string, string | undefined>;
  body?: unknown;
  remote?: string;
  /** In-process calls skip rate limits and faults (they stand for people using the web UI). */
  internal?: boolean;
}

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface GithubEmulator {
  /** Serves one HTTP request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Runs a request in-process through the same pipeline. */
  call(request: EmulatorRequest): Promise<EmulatorResponse>;
  world(): World;
  /** Replaces the world with a freshly seeded one and clears deliveries and rate limits. */
  reset(): void;
  /** Served routes (the OpenAPI conformance test checks each one). */
  routes: RouteDef[];
  webhooks: WebhookDispatcher;
  rateLimits: RateLimiter;
  env: EmulatorEnv;
  /** Sets the base URL once the server knows its port. */
  setBaseUrl(url: string): void;
}

/** Creates the emulator over a world factory (called now and on every reset). */
export function createGithubEmulator(options: {
  clock: SandboxClock;
  faults: FaultRegistry;
  seed: () => World;
  routes?: RouteDef[];
}): GithubEmulator {
  const { clock, faults } = options;
  let world = options.seed();
  let baseUrl = 'http://127.0.0.1';
  const routes = options.routes ?? githubRoutes;
  const compiled = compileRoutes(routes);
  const webhooks = createWebhookDispatcher({ world: () => world, clock });
  const rateLimits = createRateLimiter(clock);
  // The caller of the request being handled, for rules that depend on who caused an event (job tokens).
  const requestActor = new AsyncLocalStorage<Actor>();
  const env: EmulatorEnv = { world: () => world, clock, baseUrl: () => baseUrl, webhooks, rateLimits, currentActor: () => requestActor.getStore() };

  const call = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const headers: Record<string, string> = {
      date: clock.date().toUTCString(),
      'content-type': 'application/json; charset=utf-8',
      server: 'GitHub.com',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase().replace(/(.{4})(.{4})(.{4})(.{4})/, '$1:$2:$3:$4'),
    };
    const reply = (status: number, body: unknown, extra: Record<string, string> = {}): EmulatorResponse => ({ status, headers: { ...headers, ...extra }, body });
    try {
      const url = new URL(request.url, 'http://sandbox');
      const found = matchRoute(compiled, request.method.toUpperCase(), url.pathname);
      if (!('route' in found)) throw found.methodMismatch ? new GithubHttpError(404, 'Not Found') : notFound();
      const { route, params } = found;
      const actor = authenticate(world, clock, request.headers.authorization, request.remote ?? '127.0.0.1');
      if (!request.internal && route.def.operationId !== 'rate-limit/get') {
        const w = rateLimits.hit(actor.bucket);
        Object.assign(headers, rateHeaders(w));
        if (w.used > w.limit) {
          const who = actor.user ? `user ID ${actor.user.id}` : `${request.remote ?? '127.0.0.1'}`;
          throw new GithubHttpError(403, `API rate limit exceeded for ${who}.`);
        }
      }
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (!request.internal) {
        const fault = faults.take('github', route.def.operationId, { ...Object.fromEntries(url.searchParams), ...body, ...params });
        if (fault) return faultResponse(fault.status, fault.message, headers);
      }
      const ctx = contextFor(route.def, params, url, body, actor);
      const result = await requestActor.run(actor, () => route.def.handle(ctx));
      return reply(result.status, result.body, result.headers);
    } catch (error) {
      if (error instanceof GithubHttpError) return reply(error.status, error.body(), error.headers);
      const message = error instanceof Error ? error.message : String(error);
      return reply(500, { message: `sandbox internal error: ${message}`, documentation_url: 'https://docs.github.com/rest', status: '500' });
    }
  };

  const contextFor = (def: RouteDef, params: Record<string, string>, url: URL, body: Record<string, unknown>, actor: Actor): HandlerContext => {
    if (def.auth === 'app-jwt' && actor.kind !== 'app') {
      throw new GithubHttpError(401, 'A JSON web token could not be decoded');
    }
    if (actor.kind === 'anonymous' && def.method !== 'GET') throw new GithubHttpError(401, 'Requires authentication');
    let repo: RepoRecord | undefined;
    let role: HandlerContext['role'] = null;
    if (params.owner !== undefined && params.repo !== undefined) {
      repo = findRepo(world, params.owner, params.repo);
      if (!repo) throw notFound();
      if (def.auth !== 'app-jwt') {
        if (actor.kind === 'app') throw new GithubHttpError(403, 'Resource not accessible by integration');
        role = roleOn(world, actor, repo);
        if (role === null) throw notFound();
      }
    }
    const ctx: HandlerContext = {
      env,
      world,
      path: url.pathname,
      params,
      query: url.searchParams,
      body,
      actor,
      get repo(): RepoRecord {
        if (!repo) throw notFound();
        return repo;
      },
      role,
      now: () => new Date(Math.floor(clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    };
    if (repo && def.access && def.auth !== 'app-jwt') {
      if (actor.kind === 'installation' && def.access.appPermission) {
        const needed = def.access.appLevel ?? (def.method === 'GET' ? 'read' : 'write');
        if (!appLevelCovers(actor.permissions?.[def.access.appPermission], needed)) throw forbidden(ctx, def.access.role);
      } else if (actor.kind !== 'installation' && !roleCovers(role, def.access.role)) {
        throw forbidden(ctx, def.access.role);
      }
    }
    return ctx;
  };

  return {
    async handle(req, res) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      let response: EmulatorResponse;
      let body: unknown;
      try {
        body = raw.trim() === '' ? undefined : (JSON.parse(raw) as unknown);
        response = await call({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: { authorization: req.headers.authorization },
          body,
          remote: req.socket.remoteAddress ?? '127.0.0.1',
        });
      } catch {
        response = { status: 400, headers: { 'content-type': 'application/json; charset=utf-8', date: clock.date().toUTCString() }, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest', status: '400' } };
      }
      // The raw media type (`Accept: application/vnd.github.raw`, what Probot's context.config sends) answers a file's
      // contents with its bytes instead of the JSON object, as GitHub does.
      const file = response.body as { type?: unknown; encoding?: unknown; content?: unknown } | undefined;
      if (response.status === 200 && /vnd\.github(\.v3)?\.raw/.test(String(req.headers.accept ?? '')) && file?.type === 'file' && file.encoding === 'base64' && typeof file.content === 'string') {
        const bytes = Buffer.from(file.content, 'base64');
        res.writeHead(200, { ...response.headers, 'content-type': 'application/vnd.github.raw; charset=utf-8', 'x-github-media-type': 'github.v3; param=raw', 'content-length': String(bytes.length) });
        res.end(bytes);
        return;
      }
      const text = response.body === undefined ? '' : JSON.stringify(response.body);
      res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    },
    call: (request) => call({ ...request, internal: request.internal ?? true }),
    world: () => world,
    reset() {
      world = options.seed();
      webhooks.reset();
      rateLimits.reset();
    },
    routes,
    webhooks,
    rateLimits,
    env,
    setBaseUrl(url) {
      baseUrl = url.replace(/\/$/, '');
    },
  };
}

function roleCovers(role: HandlerContext['role'], needed: NonNullable<RouteDef['access']>['role']): boolean {
  const order = ['read', 'triage', 'write', 'maintain', 'admin'];
  return role !== null && order.indexOf(role) >= order.indexOf(needed);
}

function faultResponse(status: number | string, message: string | undefined, headers: Record<string, string>): EmulatorResponse {
  if (status === 'secondary-rate-limit') {
    return {
      status: 403,
      headers: { ...headers, 'retry-after': '60' },
      body: {
        message:
          message ??
          `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${headers['x-github-request-id']}.`,
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: '403',
      },
    };
  }
  const code = typeof status === 'number' ? status : Number(status) || 500;
  return {
    status: code,
    headers,
    body: { message: message ?? STATUS_MESSAGES[code] ?? 'Error', documentation_url: 'https://docs.github.com/rest', status: String(code) },
  };
}
