/**
 * The payload of a promotion deployment: what the serving system needs to fetch and verify the version (tag, sha256),
 * how to route traffic to it (stage kind, canary percentage), and where it came from (lineage keys). GitHub stores it
 * as given, so it is also the audit record of the promotion.
 */
import type { StageKind } from '../config/types.js';

/** The deployment payload gh-mlops writes. */
export interface DeploymentPayload {
  mlops: 1;
  model: string;
  version: string;
  tag: string;
  stage: string;
  kind: StageKind;
  /** Share of live traffic for `canary`, mirrored share for `shadow`, 100 for `normal`. */
  traffic_percent: number;
  /** sha256 of `model.onnx`. */
  sha256: string;
  lineage: { code_sha: string; pull_request?: number; evaluation_sha256?: string; training_run?: number };
  requested_by: string;
  /** What asked for it (`release:<delivery id>`, `rollback:<actor>:<time>`): a redelivery finds its deployment by it. */
  trigger: string;
  /** Set on a rollback: the version it replaces. */
  rollback_of?: string;
}

/** Builds the payload (pure; numbers and strings only, so it round-trips through JSON unchanged). */
export function deploymentPayload(input: Omit<DeploymentPayload, 'mlops'>): DeploymentPayload {
  return { mlops: 1, ...input };
}

/** The payload if `value` is one gh-mlops wrote, else undefined. */
export function readDeploymentPayload(value: unknown): DeploymentPayload | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const p = value as Partial<DeploymentPayload>;
  return p.mlops === 1 && typeof p.model === 'string' && typeof p.version === 'string' && typeof p.tag === 'string' ? (p as DeploymentPayload) : undefined;
}
