/**
 * The `mlops / evaluation` check run on the pull request's head commit, created completed in one request: success or
 * failure from the gate, the gate summary (metric table included) as its summary, and one annotation on the model
 * file per failed rule so the failure shows in the diff.
 */
import type { GateReport } from '../../lib/contracts/index.js';
import { fitComment } from '../../lib/templates/index.js';
import type { ActionsOctokit } from './sticky-comment.js';

/** The check run's name, as branch protection requires it. */
export const checkRunName = 'mlops / evaluation';

/** What the check run shows. */
export interface CheckRunRequest {
  owner: string;
  repo: string;
  headSha: string;
  gate: GateReport;
  /** Rendered check-summary Markdown. */
  summary: string;
  /** Repository path of the model file, for annotations (omitted: no annotations). */
  modelPath?: string;
  detailsUrl?: string;
  fullReportUrl: string;
  /** The workflow run that evaluated (GITHUB_RUN_ID): the registry finds the run's bundle artifact through it. */
  runId?: number;
}

/** Creates the completed check run; returns its id and URL. */
export async function createCheckRun(octokit: ActionsOctokit, r: CheckRunRequest): Promise<{ id: number; url: string }> {
  const failed = r.gate.rules.filter((rule) => !rule.passed);
  const title = r.gate.passed ? `Gate passed: ${r.gate.rules.length} rules (${r.gate.policy.tier})` : `Gate failed: ${failed.length} of ${r.gate.rules.length} rules (${r.gate.policy.tier})`;
  const annotations = r.modelPath
    ? failed.slice(0, 50).map((rule) => ({ path: r.modelPath!, start_line: 1, end_line: 1, annotation_level: 'failure' as const, title: rule.id, message: rule.reason }))
    : [];
  const created = await octokit.rest.checks.create({
    owner: r.owner,
    repo: r.repo,
    name: checkRunName,
    head_sha: r.headSha,
    status: 'completed',
    conclusion: r.gate.passed ? 'success' : 'failure',
    ...(r.detailsUrl ? { details_url: r.detailsUrl } : {}),
    ...(r.runId !== undefined ? { external_id: String(r.runId) } : {}),
    output: { title, summary: fitComment(r.summary, { fullReportUrl: r.fullReportUrl, limit: 65535 }), ...(annotations.length > 0 ? { annotations } : {}) },
  });
  return { id: created.data.id, url: created.data.html_url ?? '' };
}
