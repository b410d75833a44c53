import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { client, merge, openModelPr, postEvaluation, review, setCodeowner, shipVersion, stageHistory, startAppWorld, where, type AppWorld } from './app-fixtures.js';

const appDeliveries = (world: AppWorld, event: string, action: string) => world.sandbox.githubEmulator.webhooks.deliveries().filter((d) => d.event === event && d.action === action && d.url.includes('/api/github/webhooks'));
const releases = async (world: AppWorld) => (await client(world.sandbox, 'alice').rest.repos.listReleases({ ...where, per_page: 100 })).data.filter((r) => r.tag_name.startsWith('churn/'));
const redeliver = async (world: AppWorld, id: number) => {
  assert.equal((await fetch(`${world.sandbox.control}/deliveries/${id}/redeliver`, { method: 'POST' })).status, 202);
  await world.settle();
};

test('a delivery with a bad signature is refused (400) and does nothing', async () => {
  const world = await startAppWorld();
  try {
    const body = JSON.stringify({ action: 'closed', number: 1, pull_request: { number: 1, merged: true }, repository: { name: 'churn-model', owner: { login: 'acme' } }, installation: { id: world.sandbox.installationId } });
    const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const post = (signature: string) => fetch(world.app.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'd-1', 'x-hub-signature-256': signature }, body });
    assert.equal((await post(sign('not-the-secret'))).status, 400);
    assert.equal((await post('')).status, 400);
    assert.deepEqual(await releases(world), []);
    assert.equal((await fetch(`${world.app.url}/healthz`)).status, 200);
  } finally {
    await world.close();
  }
});

test('502s during asset upload leave only an invisible draft; the redelivery finishes the same version, once', async () => {
  const world = await startAppWorld();
  try {
    await setCodeowner(world.sandbox, 'bob');
    const pr = await openModelPr(world.sandbox, 'feature/faulty');
    await postEvaluation(world.sandbox, pr.headSha);
    await review(world.sandbox, 'bob', pr.number);
    // training.json fails on the first try and on all three retries: the handler gives up after two assets.
    world.sandbox.faults.add({ service: 'github', operation: 'repos/upload-release-asset', status: 502, match: { name: 'training.json' }, times: 4 });
    await merge(world.sandbox, 'alice', pr.number);
    await world.settle();
    // Probot answers with the failed request's status: GitHub would show the delivery as failed.
    assert.equal(appDeliveries(world, 'pull_request', 'closed').at(-1)!.status_code, 502);
    const [draft] = await releases(world);
    assert.deepEqual([draft!.tag_name, draft!.draft, draft!.assets.map((a) => a.name)], ['churn/v1.0.0', true, ['model.onnx', 'evaluation.json', 'validation.json']]);
    await assert.rejects(client(world.sandbox, 'erin').rest.repos.getReleaseByTag({ ...where, tag: 'churn/v1.0.0' }), { status: 404 });

    await redeliver(world, appDeliveries(world, 'pull_request', 'closed').at(-1)!.id);
    const after = await releases(world);
    assert.equal(after.length, 1);
    assert.deepEqual([after[0]!.id, after[0]!.draft, after[0]!.prerelease], [draft!.id, false, true]);
    assert.equal(after[0]!.assets.length, 7);
    assert.deepEqual((await stageHistory(world.sandbox, 'churn-staging')).map((d) => [d.version, d.state]), [['1.0.0', 'success']]);

    // A second redelivery: nothing new anywhere.
    await redeliver(world, appDeliveries(world, 'pull_request', 'closed').at(-1)!.id);
    assert.equal((await releases(world)).length, 1);
    const comments = (await client(world.sandbox, 'alice').rest.issues.listComments({ ...where, issue_number: pr.number })).data;
    assert.equal(comments.filter((c) => c.body?.includes('registered as')).length, 1);
    assert.equal((await stageHistory(world.sandbox, 'churn-staging')).length, 1);
  } finally {
    await world.close();
  }
});

test('a crash between upload and publish is finished by the redelivery: one release, published once', async () => {
  let crashes = 1;
  const world = await startAppWorld({ checkpoint: (step) => { if (step === 'uploaded' && crashes-- > 0) throw new Error('crash before publish'); } });
  try {
    await setCodeowner(world.sandbox, 'bob');
    const pr = await openModelPr(world.sandbox, 'feature/crash');
    await postEvaluation(world.sandbox, pr.headSha);
    await review(world.sandbox, 'bob', pr.number);
    await merge(world.sandbox, 'alice', pr.number);
    await world.settle();
    const [draft] = await releases(world);
    assert.deepEqual([draft!.draft, draft!.assets.length], [true, 7]);
    await redeliver(world, appDeliveries(world, 'pull_request', 'closed').at(-1)!.id);
    const after = await releases(world);
    assert.deepEqual(after.map((r) => [r.id, r.tag_name, r.draft]), [[draft!.id, 'churn/v1.0.0', false]]);
    assert.equal(appDeliveries(world, 'release', 'prereleased').length, 1);
  } finally {
    await world.close();
  }
});

test('the custom deployment protection rule rejects a workflow deployment by a writer and approves a maintainer\'s', async () => {
  const world = await startAppWorld();
  try {
    await setCodeowner(world.sandbox, 'erin');
    await shipVersion(world, 'feature/protected', { approver: 'erin' });
    const alice = client(world.sandbox, 'alice');
    await alice.rest.repos.createOrUpdateEnvironment({ ...where, environment_name: 'churn-production' });
    await alice.rest.repos.createDeploymentProtectionRule({ ...where, environment_name: 'churn-production', integration_id: world.sandbox.appId });
    world.skew(25 * 3600);
    const deploy = async (user: string) => (await client(world.sandbox, user).rest.repos.createDeployment({ ...where, ref: 'churn/v1.0.0', environment: 'churn-production', auto_merge: false, required_contexts: [] })).data as { id: number };
    const gates = () => world.sandbox.githubEmulator.world().deployments.gates;

    const byDave = await deploy('dave');
    await world.settle();
    const rejected = gates().find((g) => g.deployment_id === byDave.id)!;
    assert.equal(rejected.state, 'rejected');
    assert.ok(rejected.comment!.startsWith('Rejected by gh-mlops policy:\n- ❌ `role`: @dave has role write; production needs maintain or higher'), rejected.comment!);
    assert.deepEqual((await stageHistory(world.sandbox, 'churn-production')).map((d) => d.state), ['failure']);

    const byBob = await deploy('bob');
    await world.settle();
    const approved = gates().find((g) => g.deployment_id === byBob.id)!;
    assert.equal(approved.state, 'approved', approved.comment ?? '');
    assert.match(approved.comment!, /^Approved by gh-mlops policy:\n- ✅ `role`: @bob has role maintain/);

    // Redelivering the request: the rule is already answered (422 from GitHub), the app accepts that.
    await redeliver(world, appDeliveries(world, 'deployment_protection_rule', 'requested').at(-1)!.id);
    assert.equal(appDeliveries(world, 'deployment_protection_rule', 'requested').at(-1)!.status_code, 200);
  } finally {
    await world.close();
  }
});
