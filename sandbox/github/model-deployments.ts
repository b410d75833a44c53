/** Deployments, their statuses, environments and custom deployment protection rule gates. */

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';
export const DEPLOYMENT_STATES: readonly DeploymentState[] = ['error', 'failure', 'inactive', 'pending', 'success', 'queued', 'in_progress'];

export interface DeploymentRecord {
  id: number;
  repo_id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  original_environment: string;
  description: string | null;
  creator: string;
  /** Set when an installation created it. */
  app_id: number | null;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  updated_at: string;
}

export interface DeploymentStatusRecord {
  id: number;
  deployment_id: number;
  state: DeploymentState;
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  creator: string;
  app_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A custom deployment protection rule: the app that must approve deployments to the environment. */
export interface ProtectionRuleRecord {
  id: number;
  type: 'custom';
  app_id: number;
  enabled: boolean;
}

export interface EnvironmentRecord {
  id: number;
  repo_id: number;
  name: string;
  wait_timer: number;
  prevent_self_review: boolean;
  reviewers: Array<{ type: 'User' | 'Team'; id: number }>;
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  protection_rules: ProtectionRuleRecord[];
  created_at: string;
  updated_at: string;
}

/** A deployment waiting on a custom protection rule: the callback names `run_id` (see routes/deployments.ts). */
export interface GateRecord {
  deployment_id: number;
  run_id: number;
  environment: string;
  app_id: number;
  state: 'pending' | 'approved' | 'rejected';
  comment: string | null;
}

/** Everything deployments; `World.deployments`. */
export interface DeploymentsWorld {
  deployments: DeploymentRecord[];
  statuses: DeploymentStatusRecord[];
  environments: EnvironmentRecord[];
  gates: GateRecord[];
}

/** An empty deployments state (seeding and reset). */
export function createDeploymentsWorld(): DeploymentsWorld {
  return { deployments: [], statuses: [], environments: [], gates: [] };
}
