/**
 * Step 3: evaluation on the pull request. The Train run's evaluate job (actions/evaluate's script: `mlops evaluate`
 * challenger vs champion, `mlops gate`, then publish) puts the `mlops / evaluation` check run on the head commit and
 * one sticky comment on the PR, and uploads the registry bundle (`mlops bundle`, artifact mlops-churn).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactsOf, completed, jobLog, jobsOf } from '../actions-runs.js';
import type { Demo } from '../context.js';
import { check, type LifecycleStep } from '../step.js';

const commentMarker = '<!-- mlops:pr-comment model=churn';

/** The evaluation check runs on `sha` and the sticky comments on PR `number`, as GitHub shows them. */
export async function evaluationOn(demo: Demo, sha: string, number: number): Promise<{ checks: Array<{ id: number; conclusion: string | null; external_id: string | null; title: string }>; comments: Array<{ id: number; body: string }> }> {
  const gh = demo.gh('alice');
  const checks = (await gh.rest.checks.listForRef({ owner: 'acme', repo: 'churn-model', ref: sha, check_name: 'mlops / evaluation' })).data.check_runs
    .map((c) => ({ id: c.id, conclusion: c.conclusion, external_id: c.external_id, title: c.output.title ?? '' }));
  const comments = (await gh.paginate(gh.rest.issues.listComments, { owner: 'acme', repo: 'churn-model', issue_number: number, per_page: 100 }))
    .filter((c) => c.body?.startsWith(commentMarker)).map((c) => ({ id: c.id, body: c.body ?? '' }));
  return { checks, comments };
}

/** Waits for Train run `runId` to finish and checks what its evaluate job published for PR `number` at `sha`. */
export async function expectEvaluation(demo: Demo, runId: number, number: number, sha: string): Promise<{ checkId: number; commentId: number; title: string; body: string }> {
  const run = await completed(demo, runId);
  if (run.conclusion !== 'success') {
    const failed = (await jobsOf(demo, runId)).find((j) => j.conclusion === 'failure');
    const log = failed ? (await jobLog(demo, failed.id)).slice(-2000) : '';
    check(false, `Train run ${runId} concluded ${run.conclusion}${failed ? `; job ${failed.name} failed, its log ends:\n${log}` : ''}`);
  }
  const { checks, comments } = await evaluationOn(demo, sha, number);
  check(checks.length === 1 && checks[0]!.conclusion === 'success', `expected one green mlops / evaluation check on ${sha.slice(0, 7)}, got ${JSON.stringify(checks)}`);
  check(checks[0]!.external_id === String(runId), `the check run's external_id is ${checks[0]!.external_id}, not the run ${runId}`);
  check(comments.length === 1, `expected one sticky evaluation comment on #${number}, got ${comments.length}`);
  const artifacts = (await artifactsOf(demo, runId)).map((a) => a.name);
  check(artifacts.includes('mlops-churn'), `run ${runId} has no mlops-churn bundle (artifacts: ${artifacts.join(', ')})`);
  return { checkId: checks[0]!.id, commentId: comments[0]!.id, title: checks[0]!.title, body: comments[0]!.body };
}

export const evaluationStep: LifecycleStep = {
  name: '3 evaluation: challenger vs champion, gate, check run and one sticky comment on the PR',
  async run(demo) {
    const pr = demo.state.trainPr!;
    const published = await expectEvaluation(demo, demo.state.trainRunId!, pr.number, pr.headSha);
    const table = published.body.split('\n').filter((l) => /^\| (roc_auc|log_loss|accuracy)/.test(l)).map((l) => l.replace(/\s+/g, ' '));
    check(/champion/i.test(published.body), 'the comment does not compare with the champion');
    await writeFile(join(demo.outDir, 'pr-comment.md'), published.body);
    demo.record(`check run ${published.checkId} "mlops / evaluation" on ${pr.headSha.slice(0, 7)}: success — ${published.title}; external_id = run ${demo.state.trainRunId}`);
    demo.record(`one sticky comment ${published.commentId} on PR #${pr.number} (saved to demo-out/pr-comment.md)`, { rows: table });
    demo.record('bundle mlops-churn (model + evaluation, validation, training, training-profile reports + manifest) uploaded for the registry');
  },
};
