/** `repository_dispatch`: how the monitor action tells the app about drift without a shared server. */
import { GithubHttpError } from '../errors.js';
import { emitEvent } from '../events.js';
import { actorLogin } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { requireString } from '../context.js';

/** Routes: repos/create-dispatch-event. */
export const dispatchRoutes: RouteDef[] = [
  {
    operationId: 'repos/create-dispatch-event',
    method: 'POST',
    path: '/repos/{owner}/{repo}/dispatches',
    access: { role: 'write', appPermission: 'contents' },
    handle(ctx) {
      const eventType = requireString(ctx, 'Repository', 'event_type');
      // GitHub's own limits (REST docs): event_type ≤ 100 characters, client_payload ≤ 10 top-level keys.
      if (eventType.length > 100) throw new GithubHttpError(422, 'event_type is too long (maximum is 100 characters)');
      const payload = ctx.body.client_payload ?? {};
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
        throw new GithubHttpError(422, 'Invalid request.\n\nFor \'properties/client_payload\', is not an object.');
      }
      if (Object.keys(payload).length > 10) throw new GithubHttpError(422, 'client_payload can have at most 10 top-level properties');
      emitEvent(ctx.env, ctx.repo, actorLogin(ctx), 'repository_dispatch', {
        action: eventType,
        branch: ctx.repo.default_branch,
        client_payload: payload,
      });
      return { status: 204 };
    },
  },
];
