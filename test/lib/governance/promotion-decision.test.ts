import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from '../../../lib/config/index.js';
import type { ResolvedStage } from '../../../lib/config/types.js';
import { decidePromotion, decisionMarkdown, protectionComment, stageForReleaseEvent, statusDescription, type PromotionFacts } from '../../../lib/governance/index.js';
import { loadPolicy } from '../../../lib/policies/index.js';

const stage = (name: string, kind: ResolvedStage['kind'], min_soak: string, traffic_percent = 100): ResolvedStage => ({ name, kind, min_soak, minSoakMs: parseDuration(min_soak)!, traffic_percent });
const stages = [stage('staging', 'normal', '2h'), stage('production', 'canary', '24h', 10)];
const now = Date.parse('2026-03-02T12:00:00Z');

async function facts(over: Partial<PromotionFacts> = {}): Promise<PromotionFacts> {
  return {
    model: 'churn', version: '1.1.0', stage: 'production', stages, policy: (await loadPolicy('risk-medium')).policy,
    requester: { login: 'bob', role: 'maintain' }, reviewers: [{ login: 'bob', role: 'maintain' }], evaluationConclusion: 'success',
    validationPassed: true, evidence: ['validation', 'evaluation', 'training', 'bundle'], openDriftIssues: [], primaryMetric: 'roc_auc', candidateValue: 0.85,
    champion: { version: '1.0.0', value: 0.855 }, previousStageSince: '2026-03-01T12:00:00Z', now, ...over,
  };
}

test('medium policy, production: every rule passes with a maintainer, a maintainer approval and a day in staging', async () => {
  const d = decidePromotion(await facts());
  assert.equal(d.allowed, true);
  assert.deepEqual(d.rules, [
    { id: 'role', passed: true, reason: '@bob has role maintain; production needs maintain or higher' },
    { id: 'reviewers', passed: true, reason: '1 of 1 reviewer(s) with maintain or higher among the PR head\'s approvers and the requester (@bob)' },
    { id: 'evaluation', passed: true, reason: 'the evaluation check concluded success' },
    { id: 'validation', passed: true, reason: 'the validation report passed' },
    { id: 'no-regression', passed: true, reason: 'roc_auc 0.85 vs champion 1.0.0 0.855: regression 0.005, allowed 0.01' },
    { id: 'evidence', passed: true, reason: 'evidence present: validation, evaluation, training' },
    { id: 'soak', passed: true, reason: '1.1.0 has been in staging (normal) for 1d; 1d required' },
    { id: 'rollout', passed: true, reason: 'canary stage: 10% of traffic' },
  ]);
  assert.equal(statusDescription(d), 'approved: role, reviewers, evaluation, validation, no-regression, evidence, soak, rollout passed');
});

test('production refused: a write-role reviewer only, too short a soak, a regression, missing evidence', async () => {
  const d = decidePromotion(await facts({
    requester: { login: 'dave', role: 'write' }, reviewers: [{ login: 'dave', role: 'write' }], candidateValue: 0.8, evidence: ['evaluation'], previousStageSince: '2026-03-02T10:30:00Z', validationPassed: undefined,
  }));
  assert.equal(d.allowed, false);
  assert.deepEqual(d.rules.filter((r) => !r.passed).map((r) => `${r.id}: ${r.reason}`), [
    'role: @dave has role write; production needs maintain or higher',
    'reviewers: 0 of 1 reviewer(s) with maintain or higher among the PR head\'s approvers and the requester',
    'validation: the version has no validation report',
    'no-regression: roc_auc 0.8 vs champion 1.0.0 0.855: regression 0.055, allowed 0.01',
    'evidence: missing evidence: validation, training',
    'soak: 1.1.0 has been in staging (normal) for 1h30m; 1d required',
  ]);
  assert.equal(statusDescription(d).length, 140);
  assert.ok(statusDescription(d).startsWith('refused: role: @dave has role write; production needs maintain or higher; reviewers: 0 of 1 reviewer(s)'));
  assert.equal(decisionMarkdown(d).split('\n')[0], '- ❌ `role`: @dave has role write; production needs maintain or higher');
  assert.ok(protectionComment(d).startsWith('Rejected by gh-mlops policy:\n- ❌ `role`'));
});

test('first stage: no soak, no reviewers (medium default), no champion yet; an unknown stage is refused alone', async () => {
  const d = decidePromotion(await facts({ stage: 'staging', requester: { login: 'dave', role: 'write' }, reviewers: [], champion: undefined, previousStageSince: undefined }));
  assert.equal(d.allowed, true);
  assert.deepEqual(d.rules.map((r) => r.id), ['role', 'evaluation', 'validation', 'no-regression', 'evidence']);
  assert.equal(d.rules.find((r) => r.id === 'no-regression')?.reason, 'staging has no champion yet');
  assert.deepEqual(decidePromotion(await facts({ stage: 'qa' })), { allowed: false, rules: [{ id: 'stage', passed: false, reason: 'churn has no stage "qa" (stages: staging, production)' }] });
});

test('high policy: drift incidents block (open, or opened during the shadow soak), protection rule required, lower-is-better metrics', async () => {
  const high = (await loadPolicy('risk-high')).policy;
  const shadowStages = [stage('shadow', 'shadow', '3d'), stage('production', 'normal', '0m')];
  const base = await facts({
    policy: high, stages: shadowStages, requester: { login: 'alice', role: 'admin' }, reviewers: [{ login: 'alice', role: 'admin' }, { login: 'bob', role: 'maintain' }],
    evidence: ['validation', 'profile', 'drift', 'evaluation', 'training', 'bundle'], previousStageSince: '2026-02-20T00:00:00Z', protectionRuleInstalled: true,
    primaryMetric: 'rmse', candidateValue: 1.004, champion: { version: '1.0.0', value: 1.0 },
  });
  const ok = decidePromotion(base);
  assert.deepEqual(ok.rules.filter((r) => !r.passed).map((r) => r.id), ['reviewers']);
  const twoAdmins = decidePromotion({ ...base, reviewers: [{ login: 'alice', role: 'admin' }, { login: 'erin', role: 'admin' }] });
  assert.equal(twoAdmins.allowed, true);
  assert.equal(twoAdmins.rules.find((r) => r.id === 'no-regression')?.reason, 'rmse 1.004 vs champion 1.0.0 1: regression 0.004, allowed 0.005');
  const drifted = decidePromotion({ ...base, reviewers: [{ login: 'alice', role: 'admin' }, { login: 'erin', role: 'admin' }], openDriftIssues: [{ number: 9, createdAt: '2026-02-21T00:00:00Z' }], driftIssuesSince: [{ number: 9, createdAt: '2026-02-21T00:00:00Z' }], protectionRuleInstalled: false });
  assert.deepEqual(drifted.rules.filter((r) => !r.passed).map((r) => `${r.id}: ${r.reason}`), [
    'no-open-drift: drift incident(s) open: #9',
    'soak: drift incident(s) #9 opened while 1.1.0 was in shadow',
    'protection-rule: churn-production lacks the gh-mlops custom deployment protection rule',
  ]);
});

test('release events request stages: pre-release → first, full release → last, anything else → none', () => {
  assert.equal(stageForReleaseEvent('prereleased', { prerelease: true, draft: false }, stages), 'staging');
  assert.equal(stageForReleaseEvent('released', { prerelease: false, draft: false }, stages), 'production');
  assert.equal(stageForReleaseEvent('published', { prerelease: false, draft: false }, stages), undefined);
  assert.equal(stageForReleaseEvent('released', { prerelease: true, draft: false }, stages), undefined);
  assert.equal(stageForReleaseEvent('prereleased', { prerelease: true, draft: false }, []), undefined);
});
