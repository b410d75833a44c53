import { parseDuration } from '../config/duration.js';
import type { PolicyDocument, ResolvedPolicy, ResolvedStageRule, StageRule } from './types.js';

/** Defaults of a policy, as policies/policy.schema.json documents them. */
export const policyDefaults = {
  approvals: { required: 1, require_owner: false, dismiss_on_changes_requested: true },
  stage: { min_role: 'write', required_reviewers: 0, min_soak: '0m', require_protection_rule: false },
} as const;

/** Applies every default to a merged, valid policy: stage rules sit on top of `promotion.default`. Pure. */
export function resolvePolicy(merged: PolicyDocument): ResolvedPolicy {
  const base = resolveStage({ ...policyDefaults.stage }, merged.promotion?.default ?? {});
  const stages: Record<string, ResolvedStageRule> = {};
  for (const [name, rule] of Object.entries(merged.promotion?.stages ?? {})) stages[name] = resolveStage(base, rule);
  return {
    version: 1,
    ...(merged.description !== undefined ? { description: merged.description } : {}),
    approvals: { ...policyDefaults.approvals, ...(merged.approvals ?? {}) },
    gates: (merged.gates ?? []).map((rule) => ({ ...rule, enabled: rule.enabled ?? true })),
    promotion: { default: base, stages },
    evidence: { required: [...(merged.evidence?.required ?? [])] },
  };
}

/** The promotion rules of a stage: its own entry, or the policy's default. */
export function stageRule(policy: ResolvedPolicy, stage: string): ResolvedStageRule {
  return policy.promotion.stages[stage] ?? policy.promotion.default;
}

function resolveStage(base: Omit<ResolvedStageRule, 'minSoakMs'>, rule: StageRule): ResolvedStageRule {
  const merged = { ...base, ...rule } as Omit<ResolvedStageRule, 'minSoakMs'>;
  const { min_role, required_reviewers, min_soak, require_protection_rule } = merged;
  return { min_role, required_reviewers, min_soak, minSoakMs: parseDuration(min_soak) ?? 0, require_protection_rule };
}
