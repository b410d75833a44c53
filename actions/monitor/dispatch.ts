/**
 * `repository_dispatch` `mlops-drift`: how a scheduled monitor run tells the app about each window (the app opens or
 * updates the drift issue on drift, and closes it after clean windows). The payload is the `DriftEvent` contract
 * (lib/contracts/drift-event.ts), a summary of the report: GitHub caps client_payload at 10 top-level keys.
 */
import type { getOctokit } from '@actions/github';
import { driftEvent, driftEventType, type DriftEvent, type DriftReport } from '../../lib/contracts/index.js';

/** When to dispatch: every window (default; clean windows close incidents), only drifted ones, or never. */
export type DispatchMode = 'always' | 'drift' | 'never';

/** Whether this window is announced. */
export function shouldDispatch(mode: string, drifted: boolean): boolean {
  return mode === 'always' || (mode === 'drift' && drifted);
}

/** The event for a monitor report. */
export function driftPayload(report: DriftReport, context: { model: string; run?: { id: number; url: string } }): DriftEvent {
  return driftEvent(report, { model: context.model, ...(context.run ? { run: context.run } : {}) });
}

/** Sends the event. */
export async function dispatchDrift(octokit: Pick<ReturnType<typeof getOctokit>, 'rest'>, owner: string, repo: string, payload: DriftEvent): Promise<void> {
  await octokit.rest.repos.createDispatchEvent({ owner, repo, event_type: driftEventType, client_payload: payload as unknown as Record<string, unknown> });
}
