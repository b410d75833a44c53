/**
 * What became of a candidate (a pull request that changes a model): shipped, still in progress, or scrapped — and
 * then why. The reason is what stopped it last: data that failed validation comes before a model that failed its
 * gate, which comes before reviewers who asked for changes; a candidate that simply stopped moving is abandoned.
 */
import type { PullRecord, RunKind, RunRecord, ScrapReason, VersionRecord } from './types.js';

/** A candidate's outcome as of the end of the window. */
export type CandidateOutcome = 'shipped' | 'in-progress' | ScrapReason;

/** What the outcome of one candidate is decided from. */
export interface OutcomeFacts {
  /** End of the window: the outcome is as of this time. */
  until: string;
  staleAfterMs: number;
  /** The candidate's workflow runs (any order). */
  runs: RunRecord[];
  /** The version registered from the candidate, if any. */
  version?: VersionRecord;
  /** When that version first reached production (undefined: never, by `until`). */
  productionAt?: string;
  /** True when a later version of the same model reached production by `until` (this one was passed over). */
  superseded: boolean;
}

function latestFailed(runs: RunRecord[], kind: RunKind): boolean {
  const latest = runs.filter((r) => r.kind === kind && r.conclusion !== null).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id)[0];
  return latest !== undefined && latest.conclusion === 'failure';
}

function changesRequested(pull: PullRecord): boolean {
  // A reviewer's latest review is their verdict; comments do not withdraw it, a later approval or dismissal does.
  const verdict = new Map<string, string>();
  const ordered = [...pull.reviews].sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
  for (const r of ordered) if (r.state !== 'COMMENTED' && r.state !== 'PENDING') verdict.set(r.reviewer, r.state);
  return [...verdict.values()].includes('CHANGES_REQUESTED');
}

function failureReason(pull: PullRecord, runs: RunRecord[]): ScrapReason | undefined {
  if (latestFailed(runs, 'validation')) return 'validation-failed';
  if (latestFailed(runs, 'evaluation')) return 'gate-failed';
  if (changesRequested(pull)) return 'review-rejected';
  return undefined;
}

/** The outcome of one candidate as of `facts.until`. */
export function candidateOutcome(pull: PullRecord, facts: OutcomeFacts): CandidateOutcome {
  const until = Date.parse(facts.until);
  if (facts.productionAt !== undefined && Date.parse(facts.productionAt) <= until) return 'shipped';
  const closed = pull.closedAt !== null && Date.parse(pull.closedAt) <= until;
  const merged = pull.mergedAt !== null && Date.parse(pull.mergedAt) <= until;
  const stale = until - Date.parse(pull.updatedAt) > facts.staleAfterMs;
  if (merged) {
    // Registered and waiting for promotion is work in progress until a newer version overtakes it.
    if (facts.version) return facts.superseded ? 'abandoned' : 'in-progress';
    return failureReason(pull, facts.runs) ?? (stale ? 'abandoned' : 'in-progress');
  }
  if (closed) return failureReason(pull, facts.runs) ?? 'abandoned';
  return stale ? (failureReason(pull, facts.runs) ?? 'abandoned') : 'in-progress';
}
