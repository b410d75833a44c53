/**
 * `pull_request.closed`: a merged model PR registers a version of each model it touches (registration.ts), then the
 * dashboard is refreshed. Unfinished drafts of earlier merges are resumed first (a crash left them).
 */
import type { Context } from 'probot';
import { modelsTouched } from '../../lib/governance/index.js';
import { depsFor, type AppOptions } from '../app-options.js';
import { updateDashboard } from '../dashboard.js';
import { registerFromPullRequest, type RegistrationOutcome } from '../registration.js';
import { resumeDrafts } from '../resume.js';
import { eventConfig } from './config.js';

/** Handles one `pull_request.closed` delivery. */
export async function onPullRequestClosed(context: Context<'pull_request.closed'>, options: AppOptions, appId: number): Promise<RegistrationOutcome[]> {
  const pull = context.payload.pull_request;
  if (!pull.merged || !pull.merge_commit_sha) return [];
  const config = await eventConfig(context);
  if (!config) return [];
  const deps = depsFor(context, options, appId);
  const files = (await deps.gh.paginate(deps.gh.rest.pulls.listFiles, { ...deps.where, pull_number: pull.number, per_page: 100 })).map((f) => f.filename);
  const names = modelsTouched(config.models, files);
  if (names.length === 0) return [];
  await resumeDrafts(deps, config, { except: pull.number });
  const outcomes: RegistrationOutcome[] = [];
  for (const name of names) {
    const model = config.models.find((m) => m.name === name)!;
    const outcome = await registerFromPullRequest(deps, { number: pull.number, merged: true, mergeSha: pull.merge_commit_sha, mergedAt: pull.merged_at ?? new Date(deps.now()).toISOString() }, model, options.checkpoint);
    context.log.info(`${name}: ${outcome.status}${outcome.status === 'refused' ? ` (${outcome.reasons.join('; ')})` : ` ${outcome.release.tag}`}`);
    outcomes.push(outcome);
  }
  await updateDashboard(deps, config);
  return outcomes;
}
