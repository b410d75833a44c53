/** Users and rate limits. */
import { GithubHttpError, notFound } from '../errors.js';
import { findUser } from '../model.js';
import { rateHeaders } from '../rate-limit.js';
import type { RouteDef } from '../router.js';
import { publicUserJson } from '../serialize-core.js';

/** Routes: users/get-authenticated, users/get-by-username, rate-limit/get. */
export const metaRoutes: RouteDef[] = [
  {
    // Who a token is (the CLI learns its user this way); installation tokens are not users, as on GitHub.
    operationId: 'users/get-authenticated',
    method: 'GET',
    path: '/user',
    handle(ctx) {
      if (ctx.actor.kind !== 'user' || !ctx.actor.user) throw new GithubHttpError(ctx.actor.kind === 'anonymous' ? 401 : 403, ctx.actor.kind === 'anonymous' ? 'Requires authentication' : 'Resource not accessible by integration');
      return { status: 200, body: publicUserJson(ctx.world, ctx.env.baseUrl(), ctx.actor.user) };
    },
  },
  {
    operationId: 'users/get-by-username',
    method: 'GET',
    path: '/users/{username}',
    handle(ctx) {
      const user = findUser(ctx.world, ctx.params.username!);
      if (!user) throw notFound();
      return { status: 200, body: publicUserJson(ctx.world, ctx.env.baseUrl(), user) };
    },
  },
  {
    operationId: 'rate-limit/get',
    method: 'GET',
    path: '/rate_limit',
    handle(ctx) {
      // Reading the limit does not count against it, as on GitHub; the pipeline skips counting for this route.
      const w = ctx.env.rateLimits.peek(ctx.actor.bucket);
      const core = { limit: w.limit, used: w.used, remaining: Math.max(0, w.limit - w.used), reset: w.reset };
      const other = (limit: number) => ({ limit, used: 0, remaining: limit, reset: w.reset });
      return {
        status: 200,
        headers: rateHeaders(w),
        body: {
          resources: { core, search: other(30), graphql: other(5000), integration_manifest: other(5000), code_search: other(10) },
          rate: core,
        },
      };
    },
  },
];
