/**
 * Whether a merged model PR registers a version: merged (not just closed), its `mlops / evaluation` check run on the
 * head SHA completed with success, and its approvals valid on that head SHA.
 */
import type { ApprovalDecision } from './approvals.js';

/** Name of the check run the evaluate action posts. */
export const evaluationCheckName = 'mlops / evaluation';

/** The evaluation check run as found on the head SHA. */
export interface EvaluationCheck {
  id: number;
  status: string;
  conclusion: string | null;
  /** The workflow run id (the check's `external_id`). */
  runId?: number;
}

/** Register or not, and why. */
export interface RegistrationDecision {
  register: boolean;
  reasons: string[];
}

/** Decides registration for one model of a closed PR. */
export function decideRegistration(input: { merged: boolean; check: EvaluationCheck | undefined; approvals: ApprovalDecision }): RegistrationDecision {
  const reasons: string[] = [];
  if (!input.merged) return { register: false, reasons: ['the pull request was closed without merging'] };
  const c = input.check;
  if (!c) reasons.push(`no "${evaluationCheckName}" check run on the head commit`);
  else if (c.status !== 'completed') reasons.push(`"${evaluationCheckName}" is ${c.status}, not completed`);
  else if (c.conclusion !== 'success') reasons.push(`"${evaluationCheckName}" concluded ${c.conclusion ?? 'nothing'}`);
  else if (c.runId === undefined) reasons.push(`"${evaluationCheckName}" has no workflow run id in external_id`);
  reasons.push(...input.approvals.problems);
  return { register: reasons.length === 0, reasons };
}
