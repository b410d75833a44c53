/**
 * `deployment_status.created` with `success` on a gh-mlops deployment: the promoted model's dependents are told
 * (and re-evaluated when their config asks). Listening to the status rather than hooking each promotion path covers
 * release-based promotion, ChatOps and rollbacks alike; the deployment id keys the event, so redeliveries do nothing.
 */
import type { Context } from 'probot';
import { readDeploymentPayload } from '../../lib/registry/index.js';
import { depsFor, type AppOptions } from '../app-options.js';
import { eventConfig } from '../handlers/config.js';
import { notifyDependents } from './upstream-notice.js';

/** Handles one deployment status; returns the notice issues touched. */
export async function onDeploymentStatus(context: Context<'deployment_status.created'>, options: AppOptions, appId: number): Promise<number[]> {
  if (context.payload.deployment_status.state !== 'success') return [];
  const payload = readDeploymentPayload(context.payload.deployment.payload);
  if (!payload) return [];
  const config = await eventConfig(context);
  if (!config || !config.models.some((m) => m.depends_on.includes(payload.model))) return [];
  const what = `${payload.rollback_of ? `rolled back from v${payload.rollback_of} to` : 'promoted'} v${payload.version} in ${payload.stage} (deployment ${context.payload.deployment.id})`;
  return notifyDependents(depsFor(context, options, appId), config, { upstream: payload.model, what, key: `deployment-${context.payload.deployment.id}` });
}
