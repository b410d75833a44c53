/**
 * Deployments (the model's stages), their statuses, environments and custom deployment protection rules. A success
 * status marks the environment's earlier successful deployments inactive (`auto_inactive`, GitHub's default). When an
 * environment has a custom protection rule, a new deployment waits on that app: `deployment_protection_rule.requested`
 * carries a callback URL naming a workflow run (the newest run of the deployed sha; the deployment id when there is
 * none, since REST-created deployments have no run), answered by `actions/review-custom-gates-for-run`.
 */
import { numberParam, optionalString, paginate, requireString, type EmulatorEnv, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { emitEvent } from '../events.js';
import { ancestors } from '../git-objects.js';
import { fullName, nextId, type RepoRecord } from '../model.js';
import { latestPerContext, webhookApp } from '../serialize-checks.js';
import {
  DEPLOYMENT_STATES,
  type DeploymentRecord,
  type DeploymentState,
  type DeploymentStatusRecord,
  type EnvironmentRecord,
} from '../model-deployments.js';
import { actorLogin, resolveCommit } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { deploymentJson, deploymentStatusJson, environmentJson, protectionRuleJson } from '../serialize-deployments.js';

const READ = { role: 'read', appPermission: 'deployments' } as const;
const WRITE = { role: 'write', appPermission: 'deployments' } as const;
const ENV_READ = { role: 'read', appPermission: 'actions' } as const;
const ENV_ADMIN = { role: 'admin', appPermission: 'administration', appLevel: 'write' } as const;
/** GitHub's limit on `wait_timer` (minutes: 30 days). */
const MAX_WAIT_TIMER = 43200;

const appIdOf = (ctx: HandlerContext) => (ctx.actor.kind === 'installation' ? ctx.world.app.id : null);

/** The environment named `name`, created (without rules) if missing, as a deployment to it does on GitHub. */
export function ensureEnvironment(ctx: HandlerContext, name: string): EnvironmentRecord {
  const found = ctx.world.deployments.environments.find((e) => e.repo_id === ctx.repo.id && e.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  const now = ctx.now();
  const env: EnvironmentRecord = {
    id: nextId(ctx.world),
    repo_id: ctx.repo.id,
    name,
    wait_timer: 0,
    prevent_self_review: false,
    reviewers: [],
    deployment_branch_policy: null,
    protection_rules: [],
    created_at: now,
    updated_at: now,
  };
  ctx.world.deployments.environments.push(env);
  return env;
}

function environmentParam(ctx: HandlerContext): EnvironmentRecord {
  const name = ctx.params.environment_name!;
  const env = ctx.world.deployments.environments.find((e) => e.repo_id === ctx.repo.id && e.name.toLowerCase() === name.toLowerCase());
  if (!env) throw notFound();
  return env;
}

function deploymentParam(ctx: HandlerContext): DeploymentRecord {
  const id = numberParam(ctx, 'deployment_id');
  const d = ctx.world.deployments.deployments.find((x) => x.id === id && x.repo_id === ctx.repo.id);
  if (!d) throw notFound();
  return d;
}

const statusesOf = (ctx: HandlerContext, d: DeploymentRecord) => ctx.world.deployments.statuses.filter((s) => s.deployment_id === d.id).sort((a, b) => b.id - a.id);

function emitStatus(env: EmulatorEnv, repo: RepoRecord, sender: string, d: DeploymentRecord, s: DeploymentStatusRecord): void {
  const world = env.world();
  emitEvent(env, repo, sender, 'deployment_status', {
    action: 'created',
    deployment_status: hookShape(deploymentStatusJson(world, env.baseUrl(), repo, d, s)),
    deployment: hookShape(deploymentJson(world, env.baseUrl(), repo, d)),
  });
}

/** A deployment or status as webhooks carry it: the app without its REST-only fields. */
const hookShape = (json: Record<string, unknown>) => ({ ...json, performed_via_github_app: webhookApp(json.performed_via_github_app) });

/** Required contexts GitHub checks before deploying: every named (or, by default, every reported) context succeeded. */
function failingContexts(ctx: HandlerContext, sha: string, required: string[] | undefined): string[] {
  const statuses = latestPerContext(ctx.world.checks.statuses.filter((s) => s.repo_id === ctx.repo.id && s.sha === sha));
  const checks = ctx.world.checks.runs.filter((r) => r.repo_id === ctx.repo.id && r.head_sha === sha);
  const states = new Map<string, boolean>();
  for (const s of statuses) states.set(s.context, s.state === 'success');
  for (const r of checks) states.set(r.name, r.status === 'completed' && ['success', 'neutral', 'skipped'].includes(r.conclusion ?? ''));
  const names = required ?? [...states.keys()];
  return names.filter((n) => states.get(n) !== true);
}

/** Routes: deployments, deployment statuses, environments, custom protection rules and their review. */
export const deploymentRoutes: RouteDef[] = [
  {
    operationId: 'repos/create-deployment',
    method: 'POST',
    path: '/repos/{owner}/{repo}/deployments',
    access: WRITE,
    handle(ctx) {
      const ref = requireString(ctx, 'Deployment', 'ref');
      const sha = resolveCommit(ctx.world, ctx.repo, ref);
      if (!sha) throw new GithubHttpError(422, `No ref found for: ${ref}`);
      const b = ctx.body;
      let payload: DeploymentRecord['payload'] = {};
      if (typeof b.payload === 'string') {
        try {
          payload = JSON.parse(b.payload) as Record<string, unknown>;
        } catch {
          payload = b.payload;
        }
      } else if (b.payload && typeof b.payload === 'object' && !Array.isArray(b.payload)) payload = b.payload as Record<string, unknown>;
      else if (b.payload !== undefined && b.payload !== null) throw validationFailed('Deployment', 'payload', 'invalid');
      const required = b.required_contexts === undefined || b.required_contexts === null ? undefined : (b.required_contexts as unknown);
      if (required !== undefined && (!Array.isArray(required) || required.some((c) => typeof c !== 'string'))) throw validationFailed('Deployment', 'required_contexts', 'invalid');
      // auto_merge (default true) merges the default branch into the ref first; the sandbox does not merge, so a ref
      // that lacks the default branch's tip is refused as a merge conflict would be.
      const tip = ctx.repo.refs[`refs/heads/${ctx.repo.default_branch}`];
      if (b.auto_merge !== false && tip && !ancestors(ctx.world.git, sha).includes(tip)) {
        throw new GithubHttpError(409, `Conflict merging ${ctx.repo.default_branch} into ${ref}.`);
      }
      const failing = failingContexts(ctx, sha, required as string[] | undefined);
      if (failing.length > 0) {
        const error = new GithubHttpError(409, `Conflict: Commit status checks failed for ${ref}.`);
        Object.assign(error, { errors: [{ contexts: failing.map((context) => ({ context, state: 'pending' })), resource: 'Deployment', field: 'required_contexts', code: 'invalid' }] });
        throw error;
      }
      const environment = optionalString(ctx, 'Deployment', 'environment') ?? 'production';
      const sender = actorLogin(ctx);
      const now = ctx.now();
      const env = ensureEnvironment(ctx, environment);
      const deployment: DeploymentRecord = {
        id: nextId(ctx.world),
        repo_id: ctx.repo.id,
        sha,
        ref,
        task: optionalString(ctx, 'Deployment', 'task') ?? 'deploy',
        payload,
        environment: env.name,
        original_environment: env.name,
        description: optionalString(ctx, 'Deployment', 'description') ?? null,
        creator: sender,
        app_id: appIdOf(ctx),
        transient_environment: b.transient_environment === true,
        production_environment: typeof b.production_environment === 'boolean' ? b.production_environment : env.name === 'production',
        created_at: now,
        updated_at: now,
      };
      ctx.world.deployments.deployments.push(deployment);
      const json = deploymentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, deployment);
      const hookJson = hookShape(json);
      emitEvent(ctx.env, ctx.repo, sender, 'deployment', { action: 'created', deployment: hookJson, workflow: null, workflow_run: null });
      for (const rule of env.protection_rules.filter((r) => r.enabled)) {
        const run = ctx.world.actions.runs.filter((r) => r.repo_id === ctx.repo.id && r.head_sha === sha).sort((a, b) => b.id - a.id)[0];
        const runId = run?.id ?? deployment.id;
        ctx.world.deployments.gates.push({ deployment_id: deployment.id, run_id: runId, environment: env.name, app_id: rule.app_id, state: 'pending', comment: null });
        emitEvent(ctx.env, ctx.repo, sender, 'deployment_protection_rule', {
          action: 'requested',
          environment: env.name,
          event: run?.event ?? 'deployment',
          deployment_callback_url: `${ctx.env.baseUrl()}/repos/${fullName(ctx.repo)}/actions/runs/${runId}/deployment_protection_rule`,
          deployment: hookJson,
          pull_requests: [],
        });
      }
      return { status: 201, body: json };
    },
  },
  {
    operationId: 'repos/list-deployments',
    method: 'GET',
    path: '/repos/{owner}/{repo}/deployments',
    access: READ,
    handle(ctx) {
      const q = ctx.query;
      const list = ctx.world.deployments.deployments
        .filter((d) => d.repo_id === ctx.repo.id)
        .filter((d) => !q.get('sha') || d.sha === q.get('sha'))
        .filter((d) => !q.get('ref') || d.ref === q.get('ref'))
        .filter((d) => !q.get('task') || d.task === q.get('task'))
        .filter((d) => !q.get('environment') || d.environment === q.get('environment'))
        .sort((a, b) => b.id - a.id);
      const { page, headers } = paginate(ctx, list);
      return { status: 200, headers, body: page.map((d) => deploymentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, d)) };
    },
  },
  {
    operationId: 'repos/get-deployment',
    method: 'GET',
    path: '/repos/{owner}/{repo}/deployments/{deployment_id}',
    access: READ,
    handle: (ctx) => ({ status: 200, body: deploymentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, deploymentParam(ctx)) }),
  },
  {
    operationId: 'repos/create-deployment-status',
    method: 'POST',
    path: '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    access: WRITE,
    handle(ctx) {
      const deployment = deploymentParam(ctx);
      const state = ctx.body.state;
      if (!(DEPLOYMENT_STATES as readonly unknown[]).includes(state)) throw validationFailed('DeploymentStatus', 'state', state === undefined ? 'missing_field' : 'invalid');
      const environment = optionalString(ctx, 'DeploymentStatus', 'environment');
      const logUrl = optionalString(ctx, 'DeploymentStatus', 'log_url') ?? optionalString(ctx, 'DeploymentStatus', 'target_url') ?? '';
      const sender = actorLogin(ctx);
      const now = ctx.now();
      if (environment && environment !== deployment.environment) {
        deployment.environment = ensureEnvironment(ctx, environment).name;
      }
      deployment.updated_at = now;
      const status: DeploymentStatusRecord = {
        id: nextId(ctx.world),
        deployment_id: deployment.id,
        state: state as DeploymentState,
        description: (optionalString(ctx, 'DeploymentStatus', 'description') ?? '').slice(0, 140),
        environment: deployment.environment,
        target_url: logUrl,
        log_url: logUrl,
        environment_url: optionalString(ctx, 'DeploymentStatus', 'environment_url') ?? '',
        creator: sender,
        app_id: appIdOf(ctx),
        created_at: now,
        updated_at: now,
      };
      ctx.world.deployments.statuses.push(status);
      emitStatus(ctx.env, ctx.repo, sender, deployment, status);
      if (status.state === 'success' && ctx.body.auto_inactive !== false) {
        const earlier = ctx.world.deployments.deployments.filter(
          (d) => d.repo_id === ctx.repo.id && d.id < deployment.id && d.environment === deployment.environment && statusesOf(ctx, d)[0]?.state === 'success',
        );
        for (const d of earlier) {
          // The inactive status keeps the previous one's URLs (the environment stays linked to its last log).
          const previous = statusesOf(ctx, d)[0]!;
          const inactive: DeploymentStatusRecord = { ...status, id: nextId(ctx.world), deployment_id: d.id, state: 'inactive', description: '', target_url: previous.target_url, log_url: previous.log_url, environment_url: previous.environment_url, environment: d.environment };
          ctx.world.deployments.statuses.push(inactive);
          d.updated_at = now;
          // No webhook: GitHub does not announce the statuses auto_inactive adds (`inactive` is not a deployment_status event state).
        }
      }
      return { status: 201, body: deploymentStatusJson(ctx.world, ctx.env.baseUrl(), ctx.repo, deployment, status) };
    },
  },
  {
    operationId: 'repos/list-deployment-statuses',
    method: 'GET',
    path: '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    access: READ,
    handle(ctx) {
      const deployment = deploymentParam(ctx);
      const { page, headers } = paginate(ctx, statusesOf(ctx, deployment));
      return { status: 200, headers, body: page.map((s) => deploymentStatusJson(ctx.world, ctx.env.baseUrl(), ctx.repo, deployment, s)) };
    },
  },
  {
    operationId: 'repos/get-all-environments',
    method: 'GET',
    path: '/repos/{owner}/{repo}/environments',
    access: ENV_READ,
    handle(ctx) {
      const list = ctx.world.deployments.environments.filter((e) => e.repo_id === ctx.repo.id).sort((a, b) => a.name.localeCompare(b.name));
      const { page, headers } = paginate(ctx, list);
      return { status: 200, headers, body: { total_count: list.length, environments: page.map((e) => environmentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, e)) } };
    },
  },
  {
    operationId: 'repos/get-environment',
    method: 'GET',
    path: '/repos/{owner}/{repo}/environments/{environment_name}',
    access: ENV_READ,
    handle: (ctx) => ({ status: 200, body: environmentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, environmentParam(ctx)) }),
  },
  {
    operationId: 'repos/create-or-update-environment',
    method: 'PUT',
    path: '/repos/{owner}/{repo}/environments/{environment_name}',
    access: ENV_ADMIN,
    handle(ctx) {
      const b = ctx.body;
      if (b.wait_timer !== undefined && (!Number.isInteger(b.wait_timer) || (b.wait_timer as number) < 0 || (b.wait_timer as number) > MAX_WAIT_TIMER)) {
        throw validationFailed('Environment', 'wait_timer', 'invalid', `wait_timer must be an integer between 0 and ${MAX_WAIT_TIMER}`);
      }
      const reviewers = b.reviewers;
      if (reviewers !== undefined && reviewers !== null) {
        if (!Array.isArray(reviewers) || reviewers.length > 6) throw validationFailed('Environment', 'reviewers', 'invalid', 'at most 6 reviewers');
        for (const r of reviewers as Array<{ type?: unknown; id?: unknown }>) {
          if (r.type !== 'User' || !ctx.world.users.some((u) => u.id === r.id)) throw validationFailed('Environment', 'reviewers', 'invalid');
        }
      }
      const policy = b.deployment_branch_policy as { protected_branches?: unknown; custom_branch_policies?: unknown } | null | undefined;
      if (policy && policy.protected_branches === policy.custom_branch_policies && policy.protected_branches === true) {
        throw validationFailed('Environment', 'deployment_branch_policy', 'invalid', 'protected_branches and custom_branch_policies cannot both be true');
      }
      const env = ensureEnvironment(ctx, ctx.params.environment_name!);
      if (typeof b.wait_timer === 'number') env.wait_timer = b.wait_timer;
      if (typeof b.prevent_self_review === 'boolean') env.prevent_self_review = b.prevent_self_review;
      if (Array.isArray(reviewers)) env.reviewers = (reviewers as Array<{ id: number }>).map((r) => ({ type: 'User', id: r.id }));
      if (policy !== undefined) env.deployment_branch_policy = policy ? { protected_branches: policy.protected_branches === true, custom_branch_policies: policy.custom_branch_policies === true } : null;
      env.updated_at = ctx.now();
      return { status: 200, body: environmentJson(ctx.world, ctx.env.baseUrl(), ctx.repo, env) };
    },
  },
  {
    operationId: 'repos/create-deployment-protection-rule',
    method: 'POST',
    path: '/repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules',
    access: ENV_ADMIN,
    handle(ctx) {
      const env = environmentParam(ctx);
      const integration = ctx.body.integration_id;
      if (integration !== ctx.world.app.id) throw validationFailed('DeploymentProtectionRule', 'integration_id', 'invalid', 'The app is not installed on this repository');
      if (env.protection_rules.some((r) => r.app_id === integration)) throw validationFailed('DeploymentProtectionRule', 'integration_id', 'already_exists');
      const rule = { id: nextId(ctx.world), type: 'custom' as const, app_id: integration, enabled: true };
      env.protection_rules.push(rule);
      return { status: 201, body: protectionRuleJson(ctx.world, ctx.env.baseUrl(), rule) };
    },
  },
  {
    operationId: 'repos/get-all-deployment-protection-rules',
    method: 'GET',
    path: '/repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules',
    access: ENV_READ,
    handle(ctx) {
      const env = environmentParam(ctx);
      return { status: 200, body: { total_count: env.protection_rules.length, custom_deployment_protection_rules: env.protection_rules.map((r) => protectionRuleJson(ctx.world, ctx.env.baseUrl(), r)) } };
    },
  },
  {
    operationId: 'actions/review-custom-gates-for-run',
    method: 'POST',
    path: '/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule',
    access: { role: 'write', appPermission: 'deployments' },
    handle(ctx) {
      if (ctx.actor.kind !== 'installation') throw new GithubHttpError(403, 'Only the GitHub App of a deployment protection rule may review it.');
      const runId = numberParam(ctx, 'run_id');
      const environment = requireString(ctx, 'DeploymentProtectionRule', 'environment_name');
      const gate = ctx.world.deployments.gates.find((g) => g.run_id === runId && g.environment === environment && g.app_id === ctx.world.app.id && g.state === 'pending');
      if (!gate) throw validationFailed('DeploymentProtectionRule', 'environment_name', 'invalid', `No pending deployment protection rule for ${environment} in run ${runId}`);
      const state = ctx.body.state;
      if (state !== undefined && state !== 'approved' && state !== 'rejected') throw validationFailed('DeploymentProtectionRule', 'state', 'invalid');
      if (typeof ctx.body.comment === 'string') gate.comment = ctx.body.comment;
      if (state === undefined) return { status: 204 };
      gate.state = state;
      if (state === 'rejected') {
        // A rejected gate fails the deployment, as the job it guarded fails on GitHub.
        const deployment = ctx.world.deployments.deployments.find((d) => d.id === gate.deployment_id)!;
        const now = ctx.now();
        const status: DeploymentStatusRecord = {
          id: nextId(ctx.world),
          deployment_id: deployment.id,
          state: 'failure',
          description: (gate.comment ?? 'Rejected by deployment protection rule').slice(0, 140),
          environment: deployment.environment,
          target_url: `${ctx.env.baseUrl().replace(/\/$/, '')}/${fullName(ctx.repo)}/actions/runs/${runId}`,
          log_url: `${ctx.env.baseUrl().replace(/\/$/, '')}/${fullName(ctx.repo)}/actions/runs/${runId}`,
          environment_url: '',
          creator: actorLogin(ctx),
          app_id: ctx.world.app.id,
          created_at: now,
          updated_at: now,
        };
        ctx.world.deployments.statuses.push(status);
        emitStatus(ctx.env, ctx.repo, status.creator, deployment, status);
      }
      return { status: 204 };
    },
  },
];
