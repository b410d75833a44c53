/**
 * Route table: method + OpenAPI path template → handler, each named by its Octokit operationId.
 * Hand-written rather than an HTTP framework because fault injection, permissions and the OpenAPI conformance test
 * all key on the operationId, and the templates must be the spec's own (`/repos/{owner}/{repo}/git/ref/{ref}`).
 */
import type { HandlerContext } from './context.js';

/** What a caller must hold on the repository: a role for users, a permission for app installations. */
export interface Access {
  /** Minimum repository role for user tokens; `read` also means "can see it". */
  role: 'read' | 'triage' | 'write' | 'maintain' | 'admin';
  /** The GitHub App permission an installation token needs (`issues`, `contents`, `pull_requests`, …). */
  appPermission?: string;
  /** App permission level needed; defaults to `read` for GET and `write` otherwise. */
  appLevel?: 'read' | 'write' | 'admin';
}

/** A handler's answer. `body` undefined means no content. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One served operation. Route modules under `routes/` export arrays of these. */
export interface RouteDef {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path template, exactly as in the spec. */
  path: string;
  /** Checked before the handler when the path has `{owner}/{repo}`; omitted = any authenticated caller. */
  access?: Access;
  /** `app-jwt`: only the app itself (its JWT) may call it, like GitHub's `/app/*` endpoints. */
  auth?: 'app-jwt';
  handle(ctx: HandlerContext): RouteResult | Promise<RouteResult>;
}

export interface CompiledRoute {
  def: RouteDef;
  regex: RegExp;
  names: string[];
  literals: number;
}

// Parameters that may hold slashes (refs, file paths) when they are the template's last segment.
const GREEDY = new Set(['ref', 'path']);

/** Compiles templates into matchers, most specific (most literal segments) first. */
export function compileRoutes(defs: RouteDef[]): CompiledRoute[] {
  const seen = new Set<string>();
  const compiled = defs.map((def) => {
    const key = `${def.method} ${def.path}`;
    if (seen.has(key)) throw new Error(`duplicate route ${key}`);
    seen.add(key);
    const names: string[] = [];
    const segments = def.path.split('/').slice(1);
    let literals = 0;
    const pattern = segments
      .map((seg, i) => {
        const m = /^\{(\w+)\}$/.exec(seg);
        if (!m) {
          literals++;
          return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
        names.push(m[1]!);
        if (i === segments.length - 1 && GREEDY.has(m[1]!)) return '(.+)';
        // `workflow_id` is the one id that may also be a file name (`train.yml`).
        return /(_number|_id)$/.test(m[1]!) && m[1] !== 'workflow_id' ? '(\\d+)' : '([^/]+)';
      })
      .join('/');
    return { def, regex: new RegExp(`^/${pattern}/?$`), names, literals };
  });
  return compiled.sort((a, b) => b.literals - a.literals);
}

/** Finds the route for a request path; `methodMismatch` tells 404 from 405 apart. */
export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } | { methodMismatch: boolean } {
  let methodMismatch = false;
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    if (route.def.method !== method) {
      methodMismatch = true;
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!);
    });
    return { route, params };
  }
  return { methodMismatch };
}
