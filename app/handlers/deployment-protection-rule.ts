/** `deployment_protection_rule.requested`: the custom protection rule (protection.ts) answers with the policy's verdict. */
import type { Context } from 'probot';
import type { PromotionDecision } from '../../lib/governance/index.js';
import { depsFor, type AppOptions } from '../app-options.js';
import { reviewProtectionRule } from '../protection.js';
import { eventConfig } from './config.js';

/** Handles one protection rule request. */
export async function onProtectionRule(context: Context<'deployment_protection_rule.requested'>, options: AppOptions, appId: number): Promise<PromotionDecision | undefined> {
  const p = context.payload;
  const deployment = p.deployment;
  if (!p.environment || !p.deployment_callback_url || !deployment) return undefined;
  const config = (await eventConfig(context)) ?? { version: 1 as const, models: [] };
  const decision = await reviewProtectionRule(depsFor(context, options, appId), config, {
    environment: p.environment,
    callbackUrl: p.deployment_callback_url,
    deployment: { id: deployment.id, sha: deployment.sha, ref: deployment.ref, creator: deployment.creator?.login ?? 'unknown', payload: deployment.payload },
  });
  context.log.info(`protection rule for ${p.environment}: ${decision.allowed ? 'approved' : 'rejected'}`);
  return decision;
}
