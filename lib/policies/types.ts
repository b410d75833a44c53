// TypeScript shapes of a policy file, mirroring policies/policy.schema.json.
import type { GateOp } from '../config/types.js';

/** A repository role, weakest first (GitHub's order). */
export type RepoRole = 'read' | 'triage' | 'write' | 'maintain' | 'admin';
/** Report kinds a policy can require, without the `mlops/` prefix. */
export type EvidenceKind = 'validation' | 'profile' | 'drift' | 'evaluation' | 'training' | 'bundle';
/** What a requirement rule requires. */
export type Requirement = 'validation_passed' | 'no_open_drift';

/** One gate rule; which fields it has decides its kind (see gateShape in lib/config/gate-shape.ts). */
export interface PolicyRule {
  id: string;
  description?: string;
  enabled?: boolean;
  /** A metric name, or `primary` for the model's primary metric. */
  metric?: string;
  op?: GateOp;
  value?: number;
  relative_to?: 'champion';
  max_regression?: number;
  use_ci?: boolean;
  require?: Requirement;
  max_slice_gap?: number;
}

/** Promotion rules of a stage. */
export interface StageRule {
  min_role?: RepoRole;
  required_reviewers?: number;
  min_soak?: string;
  require_protection_rule?: boolean;
}

/** A policy file as written: every key optional (an override states only what it changes). */
export interface PolicyDocument {
  version?: 1;
  description?: string;
  extends?: string;
  approvals?: { required?: number; require_owner?: boolean; dismiss_on_changes_requested?: boolean };
  gates?: PolicyRule[];
  promotion?: { default?: StageRule; stages?: Record<string, StageRule> };
  evidence?: { required?: EvidenceKind[] };
}

/** A stage rule with defaults applied; `minSoakMs` is `min_soak` parsed. */
export interface ResolvedStageRule {
  min_role: RepoRole;
  required_reviewers: number;
  min_soak: string;
  minSoakMs: number;
  require_protection_rule: boolean;
}

/** A merged policy with every default applied: what decisions read. */
export interface ResolvedPolicy {
  version: 1;
  description?: string;
  approvals: { required: number; require_owner: boolean; dismiss_on_changes_requested: boolean };
  /** Every rule, disabled ones included (`enabled: false`), in merge order. */
  gates: Array<PolicyRule & { enabled: boolean }>;
  promotion: { default: ResolvedStageRule; stages: Record<string, ResolvedStageRule> };
  evidence: { required: EvidenceKind[] };
}

/** Where one layer of a policy came from. */
export interface PolicySource {
  /** shipped: policies/ of gh-mlops; repo: .github/mlops/policies/ of the repository. */
  origin: 'shipped' | 'repo';
  /** Path that labels diagnostics: repoRoot-joined for repo files, absolute for shipped ones. */
  file: string;
  /** Tier name, when the layer was found by name. */
  name?: string;
}
