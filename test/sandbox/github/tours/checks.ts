/** Conformance tour of check runs (as the app's installation) and commit statuses. */
import assert from 'node:assert/strict';
import { octokitWithToken } from '../helpers.js';
import { installationToken } from '../installation.js';
import type { TourContext } from './context.js';

/** Calls every check run and commit status route. */
export async function tourChecks(ctx: TourContext): Promise<void> {
  const { sandbox, owner, repo } = ctx;
  const bot = ctx.checker.wrap(octokitWithToken(sandbox, await installationToken(sandbox)));
  const dave = ctx.as('dave');
  const sha = (await dave.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;

  const run = (await bot.rest.checks.create({ owner, repo, name: 'mlops/tour', head_sha: sha, status: 'in_progress' })).data;
  await bot.rest.checks.update({ owner, repo, check_run_id: run.id, conclusion: 'neutral', output: { title: 'Tour', summary: 'done', annotations: [{ path: 'train.py', start_line: 1, end_line: 1, start_column: 1, end_column: 4, annotation_level: 'notice', message: 'ok', title: 'T', raw_details: 'r' }] } });
  assert.equal((await bot.rest.checks.get({ owner, repo, check_run_id: run.id })).data.conclusion, 'neutral');
  assert.equal((await dave.rest.checks.listAnnotations({ owner, repo, check_run_id: run.id })).data.length, 1);
  await dave.rest.checks.listForRef({ owner, repo, ref: sha });

  await dave.rest.repos.createCommitStatus({ owner, repo, sha, state: 'success', context: 'mlops/tour', target_url: 'https://example.com/tour', description: 'tour' });
  await dave.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha });
  await dave.rest.repos.listCommitStatusesForRef({ owner, repo, ref: sha });
}
