/**
 * One open drift incident per (model, stage), driven by monitoring windows: opened (labelled, assigned to the owner,
 * body from the `drift-issue` template), updated in place on later drift (a comment only when the severity changes and
 * no acknowledgement silences it), closed with a comment after N consecutive clean windows. Everything happens under
 * the lock `drift/<model>/<stage>`, so concurrent deliveries never make two issues.
 */
import type { ResolvedModel } from '../../lib/config/types.js';
import { configDefaults } from '../../lib/config/resolve-config.js';
import type { DriftEvent } from '../../lib/contracts/drift-event.js';
import {
  decideIncident, incidentLabels, incidentLockKey, incidentTitle, incidentView, parseIncidentState, withIncidentState, type IncidentAction, type IncidentState,
} from '../../lib/incidents/index.js';
import { createTemplateRegistry } from '../../lib/templates/index.js';
import type { AppDeps } from '../deps.js';
import { isHttpStatus } from '../github/client.js';
import { listDriftIncidents } from '../github/drift-issues.js';
import { assigneesFor, stageChampion } from './incident-context.js';

/** What a window did. */
export interface IncidentOutcome {
  action: IncidentAction['kind'];
  issue?: { number: number; url: string };
  reason?: string;
}

/** An open incident with its body and state. */
export interface OpenIncident {
  number: number;
  url: string;
  body: string;
  labels: string[];
  state: IncidentState;
}

/** The open incident of (model, stage), oldest first if a hand-made duplicate exists. */
export async function findOpenIncident(deps: AppDeps, model: string, stage: string): Promise<OpenIncident | undefined> {
  const found = (await listDriftIncidents(deps.gh, deps.where, 'open', model)).filter((i) => i.stage === stage).sort((a, b) => a.number - b.number)[0];
  if (!found) return undefined;
  const { data } = await deps.gh.rest.issues.get({ ...deps.where, issue_number: found.number });
  const labels = data.labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter((l) => l !== '');
  const severity = labels.find((l) => l.startsWith('severity:'))?.slice('severity:'.length);
  const state = parseIncidentState(data.body) ?? { severity: (['low', 'medium', 'high'].includes(severity ?? '') ? severity : 'medium') as IncidentState['severity'], clean: 0, windows: [] };
  return { number: found.number, url: found.url, body: data.body ?? '', labels, state };
}

async function renderBody(deps: AppDeps, model: ResolvedModel, event: DriftEvent, state: IncidentState): Promise<string> {
  const champion = await stageChampion(deps, model.name, event.stage);
  const view = incidentView(event, {
    owner: model.owner,
    ...(champion ? { champion } : {}),
    onDrift: model.monitoring?.on_drift ?? configDefaults.onDrift,
    closeAfterCleanWindows: model.monitoring?.close_after_clean_windows ?? configDefaults.closeAfterCleanWindows,
    toolVersion: deps.toolVersion,
  });
  return withIncidentState(await createTemplateRegistry().render('drift-issue', view), state);
}

/** Applies one monitoring window of `model` to its incident. */
export async function recordDriftWindow(deps: AppDeps, model: ResolvedModel, event: DriftEvent): Promise<IncidentOutcome> {
  const closeAfter = model.monitoring?.close_after_clean_windows ?? configDefaults.closeAfterCleanWindows;
  return deps.locks.withLock(incidentLockKey(model.name, event.stage), 2 * 60_000, async () => {
    const open = await findOpenIncident(deps, model.name, event.stage);
    const decision = decideIncident({ ...(open ? { open: open.state } : {}), facts: { window: event.summary.window, drifted: event.drifted, severity: event.severity }, closeAfterCleanWindows: closeAfter, now: deps.now() });
    const { gh, where } = deps;
    const issue = open ? { number: open.number, url: open.url } : undefined;
    switch (decision.kind) {
      case 'none':
        return { action: 'none', reason: decision.reason, ...(issue ? { issue } : {}) };
      case 'open': {
        const body = await renderBody(deps, model, event, decision.state);
        const base = { ...where, title: incidentTitle(model.name, event.stage), body, labels: incidentLabels([], event.severity) };
        const assignees = await assigneesFor(deps, model);
        // An owner who cannot be assigned (not a collaborator) must not keep the incident from being opened.
        const { data } = await gh.rest.issues.create({ ...base, assignees }).catch((e: unknown) => {
          if (assignees.length > 0 && isHttpStatus(e, 422)) return gh.rest.issues.create(base);
          throw e;
        });
        return { action: 'open', issue: { number: data.number, url: data.html_url } };
      }
      case 'update': {
        const body = await renderBody(deps, model, event, decision.state);
        await gh.rest.issues.update({ ...where, issue_number: open!.number, body, labels: incidentLabels(open!.labels, event.severity) });
        if (decision.comment) {
          const run = event.run ? ` ([monitoring run](${event.run.url}))` : '';
          await gh.rest.issues.createComment({ ...where, issue_number: open!.number, body: `Severity changed from **${decision.comment.from}** to **${decision.comment.to}**: ${event.columns.length} column(s) drifted, ${(event.summary.share * 100).toFixed(1)}% of those compared${run}.` });
        }
        return { action: 'update', issue: issue! };
      }
      case 'count-clean': {
        await gh.rest.issues.update({ ...where, issue_number: open!.number, body: withIncidentState(open!.body, decision.state) });
        return { action: 'count-clean', issue: issue!, reason: `${decision.remaining} more clean window(s) close it` };
      }
      case 'close': {
        await gh.rest.issues.update({ ...where, issue_number: open!.number, body: withIncidentState(open!.body, decision.state) });
        await gh.rest.issues.createComment({ ...where, issue_number: open!.number, body: `✅ ${decision.cleanWindows} consecutive monitoring windows without drift: closing this incident.` });
        await gh.rest.issues.update({ ...where, issue_number: open!.number, state: 'closed', state_reason: 'completed' });
        return { action: 'close', issue: issue! };
      }
    }
  });
}
