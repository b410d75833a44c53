/** Conformance tour of deployments, deployment statuses, environments and a custom protection rule's review. */
import { octokitWithToken } from '../helpers.js';
import { installationToken } from '../installation.js';
import type { TourContext } from './context.js';

/** Calls every deployment and environment route. */
export async function tourDeployments(ctx: TourContext): Promise<void> {
  const { sandbox, owner, repo } = ctx;
  const alice = ctx.as('alice');
  const dave = ctx.as('dave');
  const bot = ctx.checker.wrap(octokitWithToken(sandbox, await installationToken(sandbox)));
  await alice.rest.repos.createOrUpdateEnvironment({ owner, repo, environment_name: 'tour-prod', wait_timer: 5, reviewers: [{ type: 'User', id: (await alice.rest.users.getByUsername({ username: 'bob' })).data.id }], deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } });
  await alice.rest.repos.createDeploymentProtectionRule({ owner, repo, environment_name: 'tour-prod', integration_id: sandbox.appId });
  await alice.rest.repos.getAllDeploymentProtectionRules({ owner, repo, environment_name: 'tour-prod' });
  await dave.rest.repos.getEnvironment({ owner, repo, environment_name: 'tour-prod' });
  await dave.rest.repos.getAllEnvironments({ owner, repo });
  const deployment = (await dave.rest.repos.createDeployment({ owner, repo, ref: 'main', environment: 'tour-prod', payload: { model: 'churn' }, auto_merge: false, required_contexts: [], production_environment: true })).data as { id: number };
  await dave.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: deployment.id, state: 'success', log_url: 'https://example.com/log', environment_url: 'https://prod.example.com' });
  await dave.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: deployment.id });
  await dave.rest.repos.getDeployment({ owner, repo, deployment_id: deployment.id });
  await dave.rest.repos.listDeployments({ owner, repo, environment: 'tour-prod' });
  // The gate's callback names the newest run of the deployed sha, or the deployment id when it has none.
  const runs = sandbox.githubEmulator.world().deployments.gates.filter((g) => g.deployment_id === deployment.id);
  await bot.rest.actions.reviewCustomGatesForRun({ owner, repo, run_id: runs[0]!.run_id, environment_name: 'tour-prod', state: 'approved', comment: 'ok' });
}
