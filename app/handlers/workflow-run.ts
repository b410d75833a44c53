/**
 * `workflow_run.completed`: a retraining run that succeeded gets its pull request (opened with the installation
 * token, so the PR's own workflows run); a monitoring run with an `mlops-drift-<model>` artifact reports its window.
 */
import type { Context } from 'probot';
import { depsFor, type AppOptions } from '../app-options.js';
import { driftEventsOfRun } from '../incidents/drift-artifact.js';
import { handleDriftEvent } from '../incidents/handle-drift.js';
import { openRetrainPulls, type RetrainPull } from '../training/retrain-pull-request.js';
import { eventConfig } from './config.js';

/** Handles one completed run. */
export async function onWorkflowRunCompleted(context: Context<'workflow_run.completed'>, options: AppOptions, appId: number): Promise<{ pulls: RetrainPull[]; windows: number }> {
  const run = context.payload.workflow_run;
  const config = await eventConfig(context);
  if (!config) return { pulls: [], windows: 0 };
  const deps = depsFor(context, options, appId);
  const file = run.path.split('/').pop() ?? '';
  let pulls: RetrainPull[] = [];
  const retrainWorkflows = new Set(config.models.map((m) => m.monitoring?.retrain_workflow ?? 'retrain.yml'));
  if (retrainWorkflows.has(file) && run.conclusion === 'success') {
    pulls = await openRetrainPulls(deps, { id: run.id, url: run.html_url });
    for (const p of pulls) context.log.info(`retraining run ${run.id}: ${p.created ? 'opened' : 'found'} #${p.number} for ${p.model}`);
    return { pulls, windows: 0 };
  }
  const events = await driftEventsOfRun(deps, config, { id: run.id, url: run.html_url, headSha: run.head_sha, ...(run.head_branch ? { headBranch: run.head_branch } : {}) });
  for (const event of events) await handleDriftEvent(deps, config, event);
  return { pulls, windows: events.length };
}
