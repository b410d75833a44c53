/**
 * Publishes an evaluation and its gate on the pull request: the `mlops / evaluation` check run on the head commit and
 * the one sticky comment (both rendered from the templates, repository overrides included), plus the job summary text.
 * At most 4 GitHub requests in the common case: 1 check run + 2 (existing comment: list, edit) or 3 (first comment:
 * list, create, reconciling list). Takes its Octokit and inputs as arguments; main.ts wires the environment.
 */
import type { EvaluationReport, GateReport } from '../../lib/contracts/index.js';
import { evaluationCommentView } from '../../lib/evaluation/comment-view.js';
import { gateCheckSummaryView } from '../../lib/gate/check-summary-view.js';
import { createTemplateRegistry, fitComment, type TemplateSource } from '../../lib/templates/index.js';
import type { ProvenanceView } from '../../lib/templates/view-models.js';
import { createCheckRun } from './check-run.js';
import { upsertStickyComment, type ActionsOctokit, type StickyResult } from './sticky-comment.js';

/** Everything publishing needs. */
export interface PublishRequest {
  owner: string;
  repo: string;
  /** The pull request; undefined outside pull request events (then only the check run is created). */
  pullNumber?: number;
  headSha: string;
  model: string;
  modelPath?: string;
  evaluation: EvaluationReport;
  gate: GateReport;
  runUrl?: string;
  /** The workflow run id, kept as the check run's external_id (how the app finds the run's bundle at merge). */
  runId?: number;
  ref?: string;
  toolVersion: string;
  now: Date;
  overrides?: TemplateSource;
}

/** What was published, for the step outputs. */
export interface PublishResult {
  checkRun: { id: number; url: string };
  comment?: StickyResult;
  /** Markdown for the job summary (the check summary). */
  summary: string;
}

/** Renders and publishes; see the module comment. */
export async function publishEvaluation(octokit: ActionsOctokit, r: PublishRequest): Promise<PublishResult> {
  const registry = createTemplateRegistry(r.overrides ? { overrides: r.overrides } : {});
  const fullReportUrl = r.runUrl ? `${r.runUrl}#artifacts` : 'the mlops-evaluation artifact of this run';
  const provenance: ProvenanceView = {
    commitSha: r.headSha,
    ...(r.ref ? { ref: r.ref } : {}),
    ...(r.runUrl ? { runUrl: r.runUrl, reportUrl: `${r.runUrl}#artifacts` } : {}),
    generatedAt: r.now.toISOString(),
    toolVersion: r.toolVersion,
  };
  const summary = await registry.render('check-summary', gateCheckSummaryView(r.gate, r.evaluation, { ...provenance, model: r.model }));
  const checkRun = await createCheckRun(octokit, {
    owner: r.owner,
    repo: r.repo,
    headSha: r.headSha,
    gate: r.gate,
    summary,
    fullReportUrl,
    ...(r.modelPath ? { modelPath: r.modelPath } : {}),
    ...(r.runUrl ? { detailsUrl: r.runUrl } : {}),
    ...(r.runId !== undefined ? { runId: r.runId } : {}),
  });
  if (r.pullNumber === undefined) return { checkRun, summary };
  const markdown = await registry.render('pr-comment', evaluationCommentView(r.evaluation, { ...provenance, model: r.model, gate: r.gate }));
  const marker = markdown.slice(0, markdown.indexOf('\n'));
  const comment = await upsertStickyComment(octokit, { owner: r.owner, repo: r.repo, issueNumber: r.pullNumber, marker, body: fitComment(markdown, { fullReportUrl }) });
  return { checkRun, comment, summary };
}
