/**
 * What a drift incident remembers between monitoring windows, kept in the issue itself (a hidden comment at the end
 * of its body) so any replica of the app reads the same state and nothing lives in memory: the severity last
 * announced, consecutive clean windows, an acknowledgement's end, and the windows already counted (a redelivered event
 * for the same window changes nothing).
 */
import type { DriftSeverity } from '../contracts/drift-event.js';

/** The incident's state. */
export interface IncidentState {
  severity: DriftSeverity;
  /** Consecutive clean windows seen while the issue is open. */
  clean: number;
  /** Acknowledged until (ISO); comments are silenced until then. */
  ackUntil?: string;
  ackBy?: string;
  /** The newest window keys counted, newest last (bounded). */
  windows: string[];
}

/** How many window keys the state keeps (redeliveries come within hours, not months). */
export const rememberedWindows = 20;

const pattern = /\n?<!-- mlops:drift-state (\{.*?\}) -->\s*$/s;

/** The state marker written at the end of the issue body. */
export function formatIncidentState(state: IncidentState): string {
  // `--` cannot occur inside an HTML comment; JSON of our fields never has it except in free text, which is escaped.
  return `<!-- mlops:drift-state ${JSON.stringify(state).replace(/--/g, '-\\u002d')} -->`;
}

/** The state in `body`, or undefined when it has none (an issue made by hand, or an older gh-mlops). */
export function parseIncidentState(body: string | null | undefined): IncidentState | undefined {
  const m = pattern.exec(body ?? '');
  if (!m) return undefined;
  try {
    const raw = JSON.parse(m[1]!) as Partial<IncidentState>;
    return {
      severity: (['none', 'low', 'medium', 'high'] as const).includes(raw.severity as DriftSeverity) ? (raw.severity as DriftSeverity) : 'medium',
      clean: Number.isInteger(raw.clean) && raw.clean! >= 0 ? raw.clean! : 0,
      ...(typeof raw.ackUntil === 'string' ? { ackUntil: raw.ackUntil } : {}),
      ...(typeof raw.ackBy === 'string' ? { ackBy: raw.ackBy } : {}),
      windows: Array.isArray(raw.windows) ? raw.windows.filter((w): w is string => typeof w === 'string') : [],
    };
  } catch {
    return undefined;
  }
}

/** `body` with its state marker replaced by (or appended as) `state`'s. */
export function withIncidentState(body: string, state: IncidentState): string {
  return `${body.replace(pattern, '').replace(/\s+$/, '')}\n\n${formatIncidentState(state)}\n`;
}

/** True while an acknowledgement silences the incident. */
export function isAcknowledged(state: IncidentState, now: number): boolean {
  return state.ackUntil !== undefined && Date.parse(state.ackUntil) > now;
}
