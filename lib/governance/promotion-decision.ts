/**
 * The policy check of a promotion (a version into a stage), shared by the app's release-based promotion and its
 * custom deployment protection rule, so both gates say the same thing. Every rule is reported with its evidence,
 * passed or not: the list becomes the deployment status and the release's audit log.
 */
import { formatDuration } from '../config/duration.js';
import { higherIsBetter } from '../config/metrics.js';
import type { ResolvedStage } from '../config/types.js';
import { stageRule } from '../policies/resolve-policy.js';
import type { EvidenceKind, RepoRole, ResolvedPolicy } from '../policies/types.js';
import type { ApprovalDecision } from './approvals.js';
import { roleAtLeast } from './roles.js';

/** One rule's outcome. */
export interface RuleOutcome {
  id: string;
  passed: boolean;
  /** One sentence with the evidence. */
  reason: string;
}

/** Everything the decision reads; adapters gather it from GitHub. */
export interface PromotionFacts {
  model: string;
  version: string;
  stage: string;
  /** The model's stages in promotion order. */
  stages: ResolvedStage[];
  policy: ResolvedPolicy;
  /** Who asked (released the version, ran the deployment workflow). */
  requester: { login: string; role: RepoRole | 'none' };
  /** Who vouches for the promotion, with roles: approvers of the originating PR's head commit, and the requester. */
  reviewers: Array<{ login: string; role: RepoRole | 'none' }>;
  /** The PR's approvals re-checked now (undefined when the version has no PR). */
  approvals?: ApprovalDecision;
  /** Conclusion of the `mlops / evaluation` check the version was registered from. */
  evaluationConclusion: string;
  /** The version's validation report verdict; undefined = the version has no validation report. */
  validationPassed?: boolean;
  /** Report kinds the version carries. */
  evidence: EvidenceKind[];
  /** Open drift incidents of the model. */
  openDriftIssues: Array<{ number: number; createdAt: string }>;
  /** Drift incidents opened (open or closed since) for the model, to judge whether a soak was clean. */
  driftIssuesSince?: Array<{ number: number; createdAt: string }>;
  primaryMetric?: string;
  /** The version's and the stage champion's primary metric. */
  candidateValue?: number | null;
  champion?: { version: string; value: number | null };
  /** When the version first succeeded in the previous stage. */
  previousStageSince?: string;
  /** Whether the stage's environment has gh-mlops' custom deployment protection rule. */
  protectionRuleInstalled?: boolean;
  now: number;
}

/** The verdict. */
export interface PromotionDecision {
  allowed: boolean;
  rules: RuleOutcome[];
}

const rule = (id: string, passed: boolean, reason: string): RuleOutcome => ({ id, passed, reason });

/** Decides a promotion. Pure: same facts, same answer. */
export function decidePromotion(f: PromotionFacts): PromotionDecision {
  const index = f.stages.findIndex((s) => s.name === f.stage);
  if (index < 0) {
    const known = f.stages.map((s) => s.name).join(', ') || 'none';
    return { allowed: false, rules: [rule('stage', false, `${f.model} has no stage "${f.stage}" (stages: ${known})`)] };
  }
  const stage = f.stages[index]!;
  const limits = stageRule(f.policy, f.stage);
  const rules: RuleOutcome[] = [];

  rules.push(rule('role', roleAtLeast(f.requester.role, limits.min_role), `@${f.requester.login} has role ${f.requester.role}; ${f.stage} needs ${limits.min_role} or higher`));

  const qualified = f.reviewers.filter((r) => roleAtLeast(r.role, limits.min_role)).map((r) => `@${r.login}`);
  if (limits.required_reviewers > 0) {
    rules.push(
      rule('reviewers', qualified.length >= limits.required_reviewers, `${qualified.length} of ${limits.required_reviewers} reviewer(s) with ${limits.min_role} or higher among the PR head's approvers and the requester${qualified.length ? ` (${qualified.join(', ')})` : ''}`),
    );
  }
  if (f.approvals) rules.push(rule('approvals', f.approvals.ok, f.approvals.ok ? `approved on the PR head by ${f.approvals.approvedBy.map((u) => `@${u}`).join(', ') || 'nobody required'}` : f.approvals.problems.join('; ')));

  rules.push(rule('evaluation', f.evaluationConclusion === 'success', `the evaluation check concluded ${f.evaluationConclusion}`));

  for (const gate of f.policy.gates.filter((g) => g.enabled)) {
    if (gate.require === 'validation_passed') {
      const passed = f.validationPassed === true;
      rules.push(rule(gate.id, passed, f.validationPassed === undefined ? 'the version has no validation report' : `the validation report ${passed ? 'passed' : 'failed'}`));
    } else if (gate.require === 'no_open_drift') {
      const open = f.openDriftIssues.map((i) => `#${i.number}`);
      rules.push(rule(gate.id, open.length === 0, open.length ? `drift incident(s) open: ${open.join(', ')}` : 'no drift incident is open'));
    } else if (gate.relative_to === 'champion') {
      rules.push(championRule(gate.id, gate.metric === 'primary' || gate.metric === undefined ? f.primaryMetric : gate.metric, gate.max_regression ?? 0, f));
    }
  }

  const missing = f.policy.evidence.required.filter((k) => !f.evidence.includes(k));
  if (f.policy.evidence.required.length > 0) rules.push(rule('evidence', missing.length === 0, missing.length ? `missing evidence: ${missing.join(', ')}` : `evidence present: ${f.policy.evidence.required.join(', ')}`));

  if (index > 0) rules.push(soakRule(f, f.stages[index - 1]!, limits.minSoakMs));
  if (limits.require_protection_rule) {
    rules.push(rule('protection-rule', f.protectionRuleInstalled === true, f.protectionRuleInstalled ? `${f.model}-${f.stage} is guarded by the gh-mlops deployment protection rule` : `${f.model}-${f.stage} lacks the gh-mlops custom deployment protection rule`));
  }
  if (stage.kind !== 'normal') rules.push(rule('rollout', true, `${stage.kind} stage: ${stage.traffic_percent}% of traffic`));
  return { allowed: rules.every((r) => r.passed), rules };
}

function championRule(id: string, metric: string | undefined, maxRegression: number, f: PromotionFacts): RuleOutcome {
  if (!f.champion) return rule(id, true, `${f.stage} has no champion yet`);
  if (!metric) return rule(id, false, 'the primary metric is unknown: cannot compare with the champion');
  const mine = f.candidateValue;
  const theirs = f.champion.value;
  if (mine === undefined || mine === null || theirs === null) return rule(id, false, `${metric} is missing for ${mine == null ? f.version : f.champion.version}: cannot compare`);
  const regression = higherIsBetter(metric) ? theirs - mine : mine - theirs;
  const ok = regression <= maxRegression + 1e-12;
  return rule(id, ok, `${metric} ${mine} vs champion ${f.champion.version} ${theirs}: regression ${round(regression)}, allowed ${maxRegression}`);
}

function soakRule(f: PromotionFacts, previous: ResolvedStage, policyMs: number): RuleOutcome {
  const requiredMs = Math.max(previous.minSoakMs, policyMs);
  if (requiredMs === 0 && f.previousStageSince === undefined) return rule('soak', true, `no minimum time in ${previous.name}`);
  if (f.previousStageSince === undefined) return rule('soak', false, `${f.version} was never deployed successfully to ${previous.name}`);
  const start = Date.parse(f.previousStageSince);
  const elapsed = f.now - start;
  const dirty = (f.driftIssuesSince ?? []).filter((i) => Date.parse(i.createdAt) >= start).map((i) => `#${i.number}`);
  if (dirty.length > 0) return rule('soak', false, `drift incident(s) ${dirty.join(', ')} opened while ${f.version} was in ${previous.name}`);
  const ok = elapsed >= requiredMs;
  return rule('soak', ok, `${f.version} has been in ${previous.name} (${previous.kind}) for ${formatDuration(Math.max(0, elapsed))}; ${formatDuration(requiredMs)} required`);
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
