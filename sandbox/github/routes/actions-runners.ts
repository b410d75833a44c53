/** Repository self-hosted runners: registration/remove tokens, JIT configs, list, get, delete. */
import { randomBytes } from 'node:crypto';
import { isoSeconds, numberParam, paginate, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { settle } from '../actions-engine.js';
import { fullName } from '../model.js';
import { addRunner, type RunnerRecord, type RunnerTokenRecord } from '../model-actions.js';
import type { RouteDef } from '../router.js';
import { encodeJitConfig } from '../runner-config.js';
import { runnerJson } from '../serialize-actions.js';

// GitHub: repository runners need admin on the repository, or `administration: write` for an app.
const ADMIN = { role: 'admin', appPermission: 'administration', appLevel: 'write' } as const;
const ADMIN_READ = { role: 'admin', appPermission: 'administration', appLevel: 'read' } as const;

/** Runner tokens look like GitHub's: 29 upper-case base32 characters, valid for one hour. */
function runnerToken(ctx: HandlerContext, kind: RunnerTokenRecord['kind']) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const token = [...randomBytes(29)].map((b) => alphabet[b % 32]).join('');
  const expires = ctx.env.clock.now() + 3_600_000;
  ctx.world.actions.runnerTokens.push({ token, repo_id: ctx.repo.id, kind, expires_at: expires });
  return { status: 201, body: { token, expires_at: isoSeconds(expires) } };
}

function runnerParam(ctx: HandlerContext): RunnerRecord {
  settle(ctx.env);
  const id = numberParam(ctx, 'runner_id');
  const runner = ctx.world.actions.runners.find((r) => r.id === id && r.repo_id === ctx.repo.id);
  if (!runner) throw notFound();
  return runner;
}

/** Routes: actions self-hosted runners of a repository. */
export const actionsRunnerRoutes: RouteDef[] = [
  {
    operationId: 'actions/create-registration-token-for-repo',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/runners/registration-token',
    access: ADMIN,
    handle: (ctx) => runnerToken(ctx, 'registration'),
  },
  {
    operationId: 'actions/create-remove-token-for-repo',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/runners/remove-token',
    access: ADMIN,
    handle: (ctx) => runnerToken(ctx, 'remove'),
  },
  {
    operationId: 'actions/generate-runner-jitconfig-for-repo',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/runners/generate-jitconfig',
    access: ADMIN,
    handle(ctx) {
      const { name, runner_group_id: group, labels, work_folder: workFolder } = ctx.body;
      if (typeof name !== 'string' || name === '') throw validationFailed('Runner', 'name', 'missing_field');
      if (typeof group !== 'number' || !Number.isInteger(group)) throw validationFailed('Runner', 'runner_group_id', 'missing_field');
      if (!Array.isArray(labels) || labels.length < 1 || labels.length > 100 || labels.some((l) => typeof l !== 'string' || l === '')) {
        throw validationFailed('Runner', 'labels', 'invalid', 'labels must be 1 to 100 non-empty strings');
      }
      if (workFolder !== undefined && typeof workFolder !== 'string') throw validationFailed('Runner', 'work_folder', 'invalid');
      // The repository's only runner group is Default (id 1), as on a repository without an enterprise.
      if (group !== 1) throw new GithubHttpError(404, 'Not Found');
      if (ctx.world.actions.runners.some((r) => r.repo_id === ctx.repo.id && r.name.toLowerCase() === name.toLowerCase())) {
        throw new GithubHttpError(409, `Already exists - A runner with the name ${name} already exists.`);
      }
      const secret = randomBytes(24).toString('base64url');
      const runner = addRunner(ctx.world, ctx.repo.id, { name, labels: labels as string[], ephemeral: true, runner_group_id: group, work_folder: workFolder ?? '_work', jit_secret: secret });
      const encoded = encodeJitConfig(runner, secret, ctx.env.baseUrl(), fullName(ctx.repo));
      return { status: 201, body: { runner: runnerJson(runner, ctx.env.clock.now()), encoded_jit_config: encoded } };
    },
  },
  {
    operationId: 'actions/list-self-hosted-runners-for-repo',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runners',
    access: ADMIN_READ,
    handle(ctx) {
      settle(ctx.env);
      const name = ctx.query.get('name');
      const runners = ctx.world.actions.runners.filter((r) => r.repo_id === ctx.repo.id && (!name || r.name === name));
      const { page, headers } = paginate(ctx, runners);
      const now = ctx.env.clock.now();
      return { status: 200, headers, body: { total_count: runners.length, runners: page.map((r) => runnerJson(r, now)) } };
    },
  },
  {
    operationId: 'actions/get-self-hosted-runner-for-repo',
    method: 'GET',
    path: '/repos/{owner}/{repo}/actions/runners/{runner_id}',
    access: ADMIN_READ,
    handle: (ctx) => ({ status: 200, body: runnerJson(runnerParam(ctx), ctx.env.clock.now()) }),
  },
  {
    operationId: 'actions/delete-self-hosted-runner-from-repo',
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/actions/runners/{runner_id}',
    access: ADMIN,
    handle(ctx) {
      const runner = runnerParam(ctx);
      if (runner.job_id !== null) throw new GithubHttpError(422, `Bad request - Runner "${runner.name}" is still running a job"`);
      ctx.world.actions.runners = ctx.world.actions.runners.filter((r) => r !== runner);
      return { status: 204 };
    },
  },
];
