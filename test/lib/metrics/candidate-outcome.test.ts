import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidateOutcome, type OutcomeFacts } from '../../../lib/metrics/candidate-outcome.js';
import type { PullRecord } from '../../../lib/metrics/types.js';

const day = 86_400_000;
const base: OutcomeFacts = { until: '2026-11-29T00:00:00Z', staleAfterMs: 14 * day, runs: [], superseded: false };
const pr = (over: Partial<PullRecord> = {}): PullRecord => ({ number: 1, model: 'churn', createdAt: '2026-11-20T00:00:00Z', updatedAt: '2026-11-20T00:00:00Z', closedAt: null, mergedAt: null, reviews: [], ...over });
const run = (id: number, kind: 'validation' | 'evaluation', conclusion: string | null, createdAt: string) => ({ id, kind, pullRequests: [1], conclusion, createdAt });

test('a fixed validation failure does not scrap a candidate; the latest finished run decides', () => {
  const closed = pr({ closedAt: '2026-11-21T00:00:00Z' });
  const fixed = [run(1, 'validation', 'failure', '2026-11-20T01:00:00Z'), run(2, 'validation', 'success', '2026-11-20T02:00:00Z'), run(3, 'validation', null, '2026-11-20T03:00:00Z')];
  assert.equal(candidateOutcome(closed, { ...base, runs: fixed }), 'abandoned');
  assert.equal(candidateOutcome(closed, { ...base, runs: [...fixed, run(4, 'validation', 'failure', '2026-11-20T04:00:00Z')] }), 'validation-failed');
  // validation is reported before the gate: bad data explains a bad model
  assert.equal(candidateOutcome(closed, { ...base, runs: [run(5, 'evaluation', 'failure', '2026-11-20T05:00:00Z'), run(4, 'validation', 'failure', '2026-11-20T04:00:00Z')] }), 'validation-failed');
  assert.equal(candidateOutcome(closed, { ...base, runs: [run(5, 'evaluation', 'failure', '2026-11-20T05:00:00Z')] }), 'gate-failed');
});

test('a reviewer who approves after requesting changes no longer rejects; a dismissal withdraws too', () => {
  const reviews = (states: Array<PullRecord['reviews'][number]['state']>) => states.map((state, i) => ({ reviewer: 'bob', state, submittedAt: `2026-11-20T0${i}:00:00Z` }));
  const closedAt = '2026-11-21T00:00:00Z';
  assert.equal(candidateOutcome(pr({ closedAt, reviews: reviews(['CHANGES_REQUESTED']) }), base), 'review-rejected');
  assert.equal(candidateOutcome(pr({ closedAt, reviews: reviews(['CHANGES_REQUESTED', 'COMMENTED']) }), base), 'review-rejected');
  assert.equal(candidateOutcome(pr({ closedAt, reviews: reviews(['CHANGES_REQUESTED', 'APPROVED']) }), base), 'abandoned');
  assert.equal(candidateOutcome(pr({ closedAt, reviews: reviews(['CHANGES_REQUESTED', 'DISMISSED']) }), base), 'abandoned');
});

test('open and merged candidates: in progress until stale or overtaken; shipped once in production by the window end', () => {
  assert.equal(candidateOutcome(pr(), base), 'in-progress');
  assert.equal(candidateOutcome(pr({ updatedAt: '2026-11-14T23:59:59Z' }), base), 'abandoned');
  assert.equal(candidateOutcome(pr({ updatedAt: '2026-11-15T00:00:00Z' }), base), 'in-progress'); // exactly 14 days: not yet
  const merged = pr({ mergedAt: '2026-11-21T00:00:00Z', closedAt: '2026-11-21T00:00:00Z' });
  const version = { model: 'churn', version: '1.2.0', createdAt: '2026-11-21T00:00:00Z', pr: 1 };
  assert.equal(candidateOutcome(merged, { ...base, version }), 'in-progress');
  assert.equal(candidateOutcome(merged, { ...base, version, superseded: true }), 'abandoned');
  assert.equal(candidateOutcome(merged, { ...base, version, productionAt: '2026-11-28T00:00:00Z' }), 'shipped');
  assert.equal(candidateOutcome(merged, { ...base, version, productionAt: '2026-11-30T00:00:00Z' }), 'in-progress');
  // a merge after the window's end has not happened yet
  assert.equal(candidateOutcome(pr({ mergedAt: '2026-12-01T00:00:00Z', closedAt: '2026-12-01T00:00:00Z' }), base), 'in-progress');
});
