/**
 * What one monitoring window does to the drift incident of its (model, stage). Drift with no open incident opens one;
 * drift with one updates its body, and comments only when the severity changed (and no acknowledgement silences it);
 * a clean window counts toward closing, and the Nth consecutive one closes the issue with a comment. The same window
 * seen twice (a redelivery) does nothing.
 */
import type { DriftSeverity } from '../contracts/drift-event.js';
import { isAcknowledged, rememberedWindows, type IncidentState } from './incident-state.js';

/** The window as the decision reads it. */
export interface WindowFacts {
  window: string;
  drifted: boolean;
  severity: DriftSeverity;
}

/** What to do. `state` is the state to write (absent: write nothing). */
export type IncidentAction =
  | { kind: 'none'; reason: string }
  | { kind: 'open'; state: IncidentState }
  | { kind: 'update'; state: IncidentState; comment?: { from: DriftSeverity; to: DriftSeverity } }
  | { kind: 'count-clean'; state: IncidentState; remaining: number }
  | { kind: 'close'; state: IncidentState; cleanWindows: number };

/** Decides the incident's next step for `facts`; `open` is the open incident's state, if there is one. */
export function decideIncident(input: { open?: IncidentState; facts: WindowFacts; closeAfterCleanWindows: number; now: number }): IncidentAction {
  const { open, facts } = input;
  if (open?.windows.includes(facts.window)) return { kind: 'none', reason: `window ${facts.window} was already counted` };
  const windows = [...(open?.windows ?? []), facts.window].slice(-rememberedWindows);
  if (!facts.drifted) {
    if (!open) return { kind: 'none', reason: 'no drift and no open incident' };
    const clean = open.clean + 1;
    const state = { ...open, clean, windows };
    if (clean >= input.closeAfterCleanWindows) return { kind: 'close', state, cleanWindows: clean };
    return { kind: 'count-clean', state, remaining: input.closeAfterCleanWindows - clean };
  }
  if (!open) return { kind: 'open', state: { severity: facts.severity, clean: 0, windows } };
  const state: IncidentState = { ...open, severity: facts.severity, clean: 0, windows };
  const changed = facts.severity !== open.severity;
  if (changed && !isAcknowledged(open, input.now)) return { kind: 'update', state, comment: { from: open.severity, to: facts.severity } };
  return { kind: 'update', state };
}

/** The state after `/mlops ack` by `login` for `ms` from `now`. */
export function acknowledge(state: IncidentState, login: string, now: number, ms: number): IncidentState {
  return { ...state, ackUntil: new Date(now + ms).toISOString(), ackBy: login };
}
