/** API shapes for deployments, deployment statuses, environments and custom protection rules. */
import { fullName, type RepoRecord, type World } from './model.js';
import type { DeploymentRecord, DeploymentStatusRecord, EnvironmentRecord, ProtectionRuleRecord } from './model-deployments.js';
import { appJson, nodeId, userByLogin } from './serialize-core.js';

const appFor = (world: World, base: string, appId: number | null) => (appId !== null && appId === world.app.id ? appJson(world, base, world.app) : null);

/** `deployment`. */
export function deploymentJson(world: World, base: string, repo: RepoRecord, d: DeploymentRecord): Record<string, unknown> {
  const repoUrl = `${base}/repos/${fullName(repo)}`;
  const url = `${repoUrl}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId('DE', d.id),
    task: d.task,
    original_environment: d.original_environment,
    environment: d.environment,
    description: d.description,
    created_at: d.created_at,
    updated_at: d.updated_at,
    statuses_url: `${url}/statuses`,
    repository_url: repoUrl,
    creator: userByLogin(world, base, d.creator),
    sha: d.sha,
    ref: d.ref,
    payload: d.payload,
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
    performed_via_github_app: appFor(world, base, d.app_id),
  };
}

/**
 * `deployment-status`. GitHub sends `""` for an unset `target_url` (kept: it is what clients see) and for unset
 * `log_url`/`environment_url`, which are left out here because the schema types them as URIs and does not require them.
 */
export function deploymentStatusJson(world: World, base: string, repo: RepoRecord, d: DeploymentRecord, s: DeploymentStatusRecord): Record<string, unknown> {
  const repoUrl = `${base}/repos/${fullName(repo)}`;
  const deploymentUrl = `${repoUrl}/deployments/${d.id}`;
  const json: Record<string, unknown> = {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', s.id),
    state: s.state,
    creator: userByLogin(world, base, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.target_url,
    created_at: s.created_at,
    updated_at: s.updated_at,
    deployment_url: deploymentUrl,
    repository_url: repoUrl,
    performed_via_github_app: appFor(world, base, s.app_id),
  };
  if (s.environment_url) json.environment_url = s.environment_url;
  if (s.log_url) json.log_url = s.log_url;
  return json;
}

/** `deployment-protection-rule` (a custom rule: the app that decides). */
export function protectionRuleJson(world: World, base: string, rule: ProtectionRuleRecord): Record<string, unknown> {
  const app = world.app;
  return {
    id: rule.id,
    node_id: nodeId('DPR', rule.id),
    enabled: rule.enabled,
    app: { id: app.id, slug: app.slug, integration_url: `${base}/apps/${app.slug}`, node_id: nodeId('A', app.id) },
  };
}

/** `environment`: built-in rules (wait timer, required reviewers, branch policy) in `protection_rules`, as GitHub lists them. */
export function environmentJson(world: World, base: string, repo: RepoRecord, e: EnvironmentRecord): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [];
  if (e.wait_timer > 0) rules.push({ id: e.id * 10 + 1, node_id: nodeId('GA', e.id * 10 + 1), type: 'wait_timer', wait_timer: e.wait_timer });
  if (e.reviewers.length > 0) {
    rules.push({
      id: e.id * 10 + 2,
      node_id: nodeId('GA', e.id * 10 + 2),
      type: 'required_reviewers',
      prevent_self_review: e.prevent_self_review,
      reviewers: e.reviewers.map((r) => ({ type: r.type, reviewer: userByLogin(world, base, world.users.find((u) => u.id === r.id)?.login ?? null) })),
    });
  }
  if (e.deployment_branch_policy) rules.push({ id: e.id * 10 + 3, node_id: nodeId('GA', e.id * 10 + 3), type: 'branch_policy' });
  return {
    id: e.id,
    node_id: nodeId('EN', e.id),
    name: e.name,
    url: `${base}/repos/${fullName(repo)}/environments/${encodeURIComponent(e.name)}`,
    html_url: `${base}/${fullName(repo)}/deployments/activity_log?environments_filter=${encodeURIComponent(e.name)}`,
    created_at: e.created_at,
    updated_at: e.updated_at,
    protection_rules: rules,
    deployment_branch_policy: e.deployment_branch_policy,
  };
}
