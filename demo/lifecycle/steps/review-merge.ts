/**
 * Step 4: reviews and merge. bob (the owner) approves; dave then pushes another commit, so that approval is stale
 * and does not count (the Train run re-runs on the new head and the sticky comment is edited, not duplicated); bob
 * approves the head, alice merges, and the app registers churn/v1.0.0 — a release with the model, its reports, a model
 * card and lineage, each asset's sha256 verified — and publishes it as a pre-release.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateApprovals, type Review } from '../../../lib/governance/index.js';
import type { Lineage } from '../../../lib/registry/index.js';
import { runFor } from '../actions-runs.js';
import type { Demo } from '../context.js';
import { approve, merge, push } from '../people.js';
import { check, type LifecycleStep } from '../step.js';
import { expectEvaluation } from './evaluation.js';
import { trainOnGpu } from './training-pr.js';

const where = { owner: 'acme', repo: 'churn-model' };

/** The PR's approvals as governance counts them (risk-medium: one approval, the owner's), on head `sha`. */
export async function approvalsOn(demo: Demo, number: number, sha: string, author: string) {
  const reviews = (await demo.gh('alice').rest.pulls.listReviews({ ...where, pull_number: number, per_page: 100 })).data
    .map((r): Review => ({ id: r.id, user: r.user?.login ?? '', state: r.state as Review['state'], commitId: r.commit_id ?? '' }));
  return evaluateApprovals(reviews, sha, author, { required: 1, requireOwner: true, changesRequestedBlocks: true, owners: ['bob'], ownerLabel: '@bob' });
}

/** Pulls a registered version with the real CLI (`mlops registry pull` verifies every asset's sha256) and checks it. */
export async function expectVersion(demo: Demo, tag: string, pull: number, modelSha256?: string): Promise<{ assets: string[]; lineage: Lineage; prerelease: boolean; card: string }> {
  const release = (await demo.gh('alice').rest.repos.getReleaseByTag({ ...where, tag })).data;
  const dir = join(demo.workDir, 'registry', tag.replace('/', '-'));
  const pulled = JSON.parse((await demo.mlops(['registry', 'pull', tag, '--dir', dir, '--json'], { user: 'erin' })).stdout) as { files: Array<{ name: string }> };
  const assets = pulled.files.map((f) => f.name).sort();
  for (const name of ['evaluation.json', 'lineage.json', 'model-card.md', 'model.onnx', 'training-profile.json', 'training.json', 'validation.json']) check(assets.includes(name), `${tag} lacks ${name} (has ${assets.join(', ')})`);
  const lineage = JSON.parse(await readFile(join(dir, 'lineage.json'), 'utf8')) as Lineage;
  const model = createHash('sha256').update(await readFile(join(dir, 'model.onnx'))).digest('hex');
  check(lineage.modelFile.sha256 === model, `lineage says model sha256 ${lineage.modelFile.sha256}, the asset is ${model}`);
  if (modelSha256) check(model === modelSha256, `${tag}'s model.onnx is not the model trained on the PR`);
  check(lineage.pullRequest?.number === pull, `lineage names PR ${lineage.pullRequest?.number}, expected #${pull}`);
  const card = await readFile(join(dir, 'model-card.md'), 'utf8');
  check(card.includes('churn'), 'the model card does not name the model');
  return { assets, lineage, prerelease: release.prerelease, card };
}

export const reviewMergeStep: LifecycleStep = {
  name: '4 reviews: a stale approval does not count, a valid one does → merge → churn/v1.0.0 registered',
  async run(demo) {
    const pr = demo.state.trainPr!;
    await approve(demo, 'bob', pr.number);
    demo.record(`bob (owner) approved PR #${pr.number} at ${pr.headSha.slice(0, 7)}`);
    const head = await push(demo, 'dave', pr.branch, { 'models/churn/README.md': '# churn\n\nLonger training with a larger step: lower log loss, same accuracy.\n' }, 'Document the change');
    const stale = await approvalsOn(demo, pr.number, head, 'dave');
    check(!stale.ok && stale.stale.includes('bob'), `after a new commit bob's approval should be stale: ${JSON.stringify(stale)}`);
    demo.record(`dave pushed ${head.slice(0, 7)}: bob's approval is stale and does not count — ${stale.problems.join('; ')}`);

    // The new head is trained and evaluated again; the sticky comment is edited in place.
    const run = await runFor(demo, 'train.yml', head);
    await trainOnGpu(demo, run.id, 1);
    const published = await expectEvaluation(demo, run.id, pr.number, head);
    await writeFile(join(demo.outDir, 'pr-comment.md'), published.body);
    demo.state.trainPr = { ...pr, headSha: head };
    demo.state.trainRunId = run.id;
    demo.record(`Train run ${run.id} on the new head: check run ${published.checkId} on ${head.slice(0, 7)}, the same sticky comment ${published.commentId} edited`);

    await approve(demo, 'bob', pr.number);
    const valid = await approvalsOn(demo, pr.number, head, 'dave');
    check(valid.ok && valid.approvedBy.includes('bob'), `bob's approval of the head should count: ${JSON.stringify(valid)}`);
    demo.record(`bob approved the head ${head.slice(0, 7)}: approvals satisfied (owner @bob)`);
    const sha = await merge(demo, 'alice', pr.number);
    await demo.world.settle();
    demo.record(`alice merged PR #${pr.number} (${sha.slice(0, 7)})`);
    const version = await expectVersion(demo, 'churn/v1.0.0', pr.number, demo.state.modelSha256);
    check(version.prerelease, 'auto_promote: churn/v1.0.0 should be published as a pre-release');
    check(version.lineage.code.sha === sha, `lineage code sha ${version.lineage.code.sha} is not the merge commit ${sha}`);
    demo.record(`the app registered churn/v1.0.0 on ${sha.slice(0, 7)}; mlops registry pull verified every asset's sha256: ${version.assets.join(', ')}; lineage: PR #${pr.number}, head ${version.lineage.code.headSha.slice(0, 7)}, evaluation run ${version.lineage.evaluation.runId}, training on ${version.lineage.training?.runner.instanceType ?? '?'} (${version.lineage.training?.runner.interruptions ?? 0} interruption(s))`, { assets: version.assets, lineage: version.lineage });
  },
};
