/**
 * A promotion decision as text: the one-line deployment status description (GitHub keeps 140 characters), the
 * protection rule's review comment, and the Markdown list for the PR comment and the release's audit log.
 */
import type { PromotionDecision } from './promotion-decision.js';

/** GitHub's limit on a deployment status description. */
export const statusDescriptionLimit = 140;

/** The deployment status description: the refused rules, or that every rule passed. */
export function statusDescription(decision: PromotionDecision): string {
  const failed = decision.rules.filter((r) => !r.passed);
  const text = failed.length === 0 ? `approved: ${decision.rules.map((r) => r.id).join(', ')} passed` : `refused: ${failed.map((r) => `${r.id}: ${r.reason}`).join('; ')}`;
  return text.length <= statusDescriptionLimit ? text : `${text.slice(0, statusDescriptionLimit - 1)}…`;
}

/** Every rule as a Markdown list item, refused ones first. */
export function decisionMarkdown(decision: PromotionDecision): string {
  const ordered = [...decision.rules].sort((a, b) => Number(a.passed) - Number(b.passed));
  return ordered.map((r) => `- ${r.passed ? '✅' : '❌'} \`${r.id}\`: ${r.reason}`).join('\n');
}

/** The comment of a protection rule review (GitHub shows it on the run). */
export function protectionComment(decision: PromotionDecision): string {
  return `${decision.allowed ? 'Approved' : 'Rejected'} by gh-mlops policy:\n${decisionMarkdown(decision)}`;
}
