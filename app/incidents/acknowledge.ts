/** `/mlops ack`: silences a drift incident's comments for a while (the state lives in the issue, under its lock). */
import { acknowledge, incidentLockKey, parseIncidentState, withIncidentState } from '../../lib/incidents/index.js';
import type { AppDeps } from '../deps.js';

const marker = /^<!-- mlops:drift-issue model=(\S+) stage=(\S+) -->/;

/** The (model, stage) of a drift incident body, or undefined when the issue is not one. */
export function incidentOf(body: string | null | undefined): { model: string; stage: string } | undefined {
  const m = marker.exec(body ?? '');
  return m ? { model: decodeURIComponent(m[1]!), stage: decodeURIComponent(m[2]!) } : undefined;
}

/** Acknowledges incident `number` for `ms`; returns until when. */
export async function acknowledgeIncident(deps: AppDeps, number: number, login: string, ms: number): Promise<string> {
  const { data } = await deps.gh.rest.issues.get({ ...deps.where, issue_number: number });
  const which = incidentOf(data.body);
  if (!which) throw new Error(`#${number} is not a drift incident`);
  return deps.locks.withLock(incidentLockKey(which.model, which.stage), 60_000, async () => {
    const fresh = (await deps.gh.rest.issues.get({ ...deps.where, issue_number: number })).data.body ?? '';
    const state = acknowledge(parseIncidentState(fresh) ?? { severity: 'medium', clean: 0, windows: [] }, login, deps.now(), ms);
    await deps.gh.rest.issues.update({ ...deps.where, issue_number: number, body: withIncidentState(fresh, state) });
    return state.ackUntil!;
  });
}
