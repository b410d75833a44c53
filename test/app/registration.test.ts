import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { downloadAsset } from '../../app/github/registry-reader.js';
import { client, merge, openModelPr, postEvaluation, pushToPr, review, setCodeowner, startAppWorld, where, type AppWorld } from './app-fixtures.js';

let world: AppWorld;
before(async () => {
  world = await startAppWorld();
  await setCodeowner(world.sandbox, 'bob');
});
after(() => world.close());

test('merge of a model PR with a green evaluation and a valid approval registers v1.0.0: assets verified, pre-release, staging, comment, dashboard', async () => {
  const { sandbox } = world;
  const pr = await openModelPr(sandbox, 'feature/churn-a');
  await review(sandbox, 'bob', pr.number);
  // dave pushes again: bob's approval is now on an older commit (stale), so bob approves the new head.
  const head = await pushToPr(sandbox, 'feature/churn-a', 'print("v2b")\n');
  await postEvaluation(sandbox, head);
  await review(sandbox, 'bob', pr.number);
  const mergeSha = await merge(sandbox, 'alice', pr.number);
  await world.settle();

  const alice = client(sandbox, 'alice');
  const release = (await alice.rest.repos.getReleaseByTag({ ...where, tag: 'churn/v1.0.0' })).data;
  assert.equal(release.prerelease, true);
  assert.equal(release.draft, false);
  assert.deepEqual(release.assets.map((a) => a.name).sort(), ['evaluation.json', 'lineage.json', 'model-card.md', 'model.onnx', 'training-profile.json', 'training.json', 'validation.json']);
  for (const asset of release.assets) {
    const bytes = await downloadAsset(alice, where, asset.id);
    assert.equal(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, (asset as { digest?: string }).digest, asset.name);
  }
  const tagRef = (await alice.rest.git.getRef({ ...where, ref: 'tags/churn/v1.0.0' })).data.object.sha;
  assert.equal(tagRef, mergeSha);

  const lineageAsset = release.assets.find((a) => a.name === 'lineage.json')!;
  const lineage = JSON.parse((await downloadAsset(alice, where, lineageAsset.id)).toString('utf8'));
  assert.equal(lineage.code.sha, mergeSha);
  assert.equal(lineage.code.headSha, head);
  assert.deepEqual(lineage.pullRequest.approvedBy, ['bob']);
  assert.equal(lineage.pullRequest.mergedBy, 'alice');
  assert.equal(lineage.evaluation.conclusion, 'success');
  assert.equal(lineage.evaluation.metrics.roc_auc, 0.86);
  assert.equal(lineage.training.gpuHours, 1);
  assert.equal(lineage.parent, undefined);

  const deployments = (await alice.rest.repos.listDeployments({ ...where, environment: 'churn-staging' })).data;
  assert.equal(deployments.length, 1);
  assert.equal(deployments[0]!.ref, 'churn/v1.0.0');
  assert.deepEqual((deployments[0]!.payload as Record<string, unknown>).version, '1.0.0');
  const statuses = (await alice.rest.repos.listDeploymentStatuses({ ...where, deployment_id: deployments[0]!.id })).data;
  assert.deepEqual(statuses.map((s) => s.state), ['success']);
  assert.match(statuses[0]!.description ?? '', /^approved: role, approvals, evaluation, validation, no-regression, evidence passed$/);

  const comments = (await alice.rest.issues.listComments({ ...where, issue_number: pr.number })).data.map((c) => c.body ?? '');
  assert.equal(comments.filter((c) => c.includes('registered as')).length, 1);
  assert.match(comments.find((c) => c.includes('registered as'))!, /📦 \*\*churn\*\* registered as \[`churn\/v1\.0\.0`\]\(.*\) \(no mlops:major\|minor\|patch label: minor by default\)/);
  assert.equal(comments.filter((c) => c.includes('promoted to staging')).length, 1);

  const issues = (await alice.rest.issues.listForRepo({ ...where, state: 'all' })).data.filter((i) => i.title === 'MLOps model registry');
  assert.equal(issues.length, 1);
  // latest 1.0.0, staging champion 1.0.0, production empty, primary metric from lineage, no drift
  assert.match(issues[0]!.body ?? '', /\| `churn` \| @\u200bacme\/ml-team \| medium \| \[1\.0\.0\]\([^)]*\) \(\d{4}-\d\d-\d\d\) \| \[1\.0\.0\]\([^)]*\) \| — \| — \| roc\\_auc 0\.860 \| ✅ none \|/);
});
