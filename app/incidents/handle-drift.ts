/**
 * A monitoring window reported (by `repository_dispatch` `mlops-drift` or a monitoring run's report): the incident of
 * its (model, stage), then — with `on_drift: retrain` — a retraining run at most once per cooldown (linked from the
 * incident), then notices to the models that depend on this one.
 */
import { refreshDashboard } from '../dashboard.js';
import type { ResolvedConfig } from '../../lib/config/types.js';
import type { DriftEvent } from '../../lib/contracts/drift-event.js';
import { decideRetrain } from '../../lib/incidents/index.js';
import type { AppDeps } from '../deps.js';
import { upsertMarkedComment } from '../github/comments.js';
import { startRetraining } from '../training/retrain.js';
import { notifyDependents } from './upstream-notice.js';
import { recordDriftWindow, type IncidentOutcome } from './drift-incident.js';

/** What the window did. */
export interface DriftOutcome {
  incident?: IncidentOutcome;
  retrain?: { started: boolean; reason?: string; runUrl?: string };
  notices: number[];
  ignored?: string;
}

/** Handles one window of `event.model`. */
export async function handleDriftEvent(deps: AppDeps, config: ResolvedConfig, event: DriftEvent): Promise<DriftOutcome> {
  const model = config.models.find((m) => m.name === event.model);
  if (!model) return { notices: [], ignored: `no model ${event.model} in .github/mlops.yml` };
  const incident = await recordDriftWindow(deps, model, event);
  const out: DriftOutcome = { incident, notices: [] };
  // The dashboard lists open drift incidents.
  if (incident.action === 'open' || incident.action === 'close') await refreshDashboard(deps, config);
  const decision = decideRetrain({ onDrift: model.monitoring?.on_drift ?? 'issue', drifted: event.drifted, hasTraining: model.training !== undefined, duplicateWindow: incident.action === 'none' });
  if (decision.retrain) {
    const number = incident.issue?.number;
    const started = await startRetraining(deps, { model, reason: `drift${number !== undefined ? ` #${number}` : ''} (${event.severity}) in ${event.stage}`, ...(number !== undefined ? { incident: number } : {}), cooldown: true });
    out.retrain = started.ok ? { started: true, runUrl: started.runUrl } : { started: false, reason: started.reason };
    if (started.ok && number !== undefined) {
      const run = started.runId !== undefined ? `run ${started.runId}` : 'a run';
      await upsertMarkedComment(deps.gh, deps.where, number, `<!-- mlops:retrain run=${started.runId ?? 'unknown'} -->`, `🔁 \`monitoring.on_drift: retrain\`: started retraining of **${model.name}** ([${run}](${started.runUrl})). The candidate comes back as a pull request.`);
    }
  } else out.retrain = { started: false, reason: decision.reason };
  if (event.drifted && incident.action !== 'none') out.notices = await notifyDependents(deps, config, { upstream: model.name, what: `drift (${event.severity}) in ${event.stage}${incident.issue ? `: #${incident.issue.number}` : ''}`, key: `drift-${event.summary.window}` });
  return out;
}
