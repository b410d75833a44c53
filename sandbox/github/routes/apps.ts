/** GitHub App endpoints: the app (JWT), its installations, installation tokens. */
import { randomBytes } from 'node:crypto';
import { isoSeconds } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import type { RouteDef } from '../router.js';
import { appJson, installationJson } from '../serialize-core.js';

const TOKEN_TTL_MS = 3600_000;

/** Routes: apps/get-authenticated, apps/list-installations, apps/create-installation-access-token, apps/get-repo-installation. */
export const appRoutes: RouteDef[] = [
  {
    operationId: 'apps/get-authenticated',
    method: 'GET',
    path: '/app',
    auth: 'app-jwt',
    handle: (ctx) => ({ status: 200, body: appJson(ctx.world, ctx.env.baseUrl(), ctx.world.app) }),
  },
  {
    operationId: 'apps/list-installations',
    method: 'GET',
    path: '/app/installations',
    auth: 'app-jwt',
    handle: (ctx) => ({ status: 200, body: ctx.world.installations.map((i) => installationJson(ctx.world, ctx.env.baseUrl(), i)) }),
  },
  {
    operationId: 'apps/create-installation-access-token',
    method: 'POST',
    path: '/app/installations/{installation_id}/access_tokens',
    auth: 'app-jwt',
    handle(ctx) {
      const inst = ctx.world.installations.find((i) => i.id === Number(ctx.params.installation_id));
      if (!inst) throw notFound();
      const granted = ctx.world.app.permissions;
      const asked = (ctx.body.permissions ?? undefined) as Record<string, string> | undefined;
      const order = ['read', 'write', 'admin'];
      let permissions: Record<string, string> = { ...granted };
      if (asked) {
        permissions = {};
        for (const [name, level] of Object.entries(asked)) {
          const held = granted[name];
          if (!held || order.indexOf(level) < 0 || order.indexOf(level) > order.indexOf(held)) {
            throw new GithubHttpError(422, `The permissions requested are not granted to this installation.`);
          }
          permissions[name] = level;
        }
      }
      if (ctx.body.repositories !== undefined && !Array.isArray(ctx.body.repositories)) throw validationFailed('Installation', 'repositories', 'invalid');
      const expires = ctx.env.clock.now() + TOKEN_TTL_MS;
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      ctx.world.tokens.push({ token, kind: 'installation', subject: String(inst.id), expires_at: expires, permissions });
      return {
        status: 201,
        body: { token, expires_at: isoSeconds(expires), permissions, repository_selection: inst.repository_selection },
      };
    },
  },
  {
    operationId: 'apps/get-repo-installation',
    method: 'GET',
    path: '/repos/{owner}/{repo}/installation',
    auth: 'app-jwt',
    handle(ctx) {
      const inst = ctx.world.installations.find((i) => i.account === ctx.repo.owner);
      if (!inst) throw notFound();
      return { status: 200, body: installationJson(ctx.world, ctx.env.baseUrl(), inst) };
    },
  },
];
