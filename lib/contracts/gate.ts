import type { ReportEnvelope, ReportKind, Sha256 } from './envelope.js';

/** One policy rule as evaluated. */
export interface GateRule {
  id: string;
  description: string;
  observed: unknown;
  expected: unknown;
  passed: boolean;
  /** One sentence a reviewer can read. */
  reason: string;
}

/** A report the gate read, pinned by content. */
export interface GateInput {
  kind: ReportKind;
  version: number;
  path: string;
  sha256: Sha256;
}

/** Body of `mlops/gate` v1. */
export interface GateBody {
  passed: boolean;
  /** The tier applied and the policy files merged to get it, in order. */
  policy: { tier: string; sources: Array<{ path: string; sha256: Sha256 }> };
  rules: GateRule[];
  inputs: GateInput[];
}

/** A complete `mlops/gate` v1 report. */
export type GateReport = ReportEnvelope<'mlops/gate', 1> & GateBody;
