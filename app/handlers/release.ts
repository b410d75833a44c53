/**
 * `release.prereleased` / `release.released`: release-based promotion. A pre-release requests the model's first
 * stage, a full release its last (production). The app's own publication (auto-promote) is requested on behalf of
 * whoever merged the PR. The trigger key is the delivery id (kept by GitHub's redelivery): a redelivery finds its
 * deployment and changes nothing, while a person re-releasing (a new delivery) asks again.
 */
import type { Context } from 'probot';
import { stageForReleaseEvent } from '../../lib/governance/index.js';
import { parseReleaseMarker, parseVersionTag } from '../../lib/registry/index.js';
import { depsFor, type AppOptions } from '../app-options.js';
import { updateDashboard } from '../dashboard.js';
import { promote, type PromotionOutcome } from '../promotion.js';
import { eventConfig } from './config.js';

/** Handles one release delivery (other actions are ignored). */
export async function onRelease(context: Context<'release.prereleased' | 'release.released'>, options: AppOptions, appId: number): Promise<PromotionOutcome | undefined> {
  const release = context.payload.release;
  const tag = parseVersionTag(release.tag_name);
  if (!tag) return undefined;
  const config = await eventConfig(context);
  const model = config?.models.find((m) => m.name === tag.model);
  if (!config || !model) return undefined;
  const stage = stageForReleaseEvent(context.payload.action, release, model.promotion.stages);
  if (!stage) return undefined;
  const deps = depsFor(context, options, appId);
  const sender = context.payload.sender;
  let requester = sender?.login ?? 'unknown';
  const marker = parseReleaseMarker(release.body);
  if (sender?.type === 'Bot' && marker?.pr !== undefined) {
    const { data: pull } = await deps.gh.rest.pulls.get({ ...deps.where, pull_number: marker.pr });
    requester = pull.merged_by?.login ?? pull.user.login;
  }
  const outcome = await promote(deps, { model, version: tag.version, stage, requester, trigger: `release:${context.id}` });
  context.log.info(`${release.tag_name} → ${stage}: ${outcome.decision.allowed ? 'deployed' : 'refused'}${outcome.replay ? ' (replay)' : ''}`);
  if (!outcome.replay) await updateDashboard(deps, config);
  return outcome;
}
