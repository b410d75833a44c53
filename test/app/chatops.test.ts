import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { client, merge, postEvaluation, review, startAppWorld, where, type AppWorld } from './app-fixtures.js';
import { comment, deliver, holdDeliveries, openPr, reactions, replyTo, runsOf, seedRepo } from './chatops-world.js';
import { installationToken } from '../sandbox/github/installation.js';

let world: AppWorld;
before(async () => {
  world = await startAppWorld();
  await seedRepo(world.sandbox);
});
after(() => world.close());

/** Comments and waits until the app has answered everything. */
async function say(user: string, number: number, body: string): Promise<{ id: number; reply: string }> {
  const id = await comment(world.sandbox, user, number, body);
  await world.settle();
  return { id, reply: (await replyTo(world.sandbox, number, id)) ?? '' };
}

test('help, typos and bots: the ladder for the reader, the nearest command, 👀 then 🚀/👎, bot comments ignored', async () => {
  const pr = await openPr(world.sandbox, 'feature/help');
  const help = await say('erin', pr.number, '/mlops help');
  assert.match(help.reply, /^<!-- mlops:chatops comment=\d+ -->\n> \/mlops help\n\n@erin \| Command \| What it does \| Who \|/);
  assert.ok(help.reply.includes('| `/mlops compare <vA> <vB>` | compare the metrics of two versions | read+ ✅ |'));
  assert.ok(help.reply.includes('| `/mlops promote <model> <version> to <stage>` | deploy a registered version to a stage (policy-checked) | maintain+ — |'));
  assert.deepEqual(await reactions(world.sandbox, pr.number, help.id), { eyes: 1, rocket: 1, '-1': 0 });

  const typo = await say('erin', pr.number, '/mlops promtoe churn 1.0.0 to staging');
  assert.ok(typo.reply.includes('⚠️ unknown command `promtoe`. Did you mean `/mlops promote`?'), typo.reply);
  assert.deepEqual(await reactions(world.sandbox, pr.number, typo.id), { eyes: 1, rocket: 0, '-1': 1 });

  const bot = client(world.sandbox, await installationToken(world.sandbox));
  const own = (await bot.rest.issues.createComment({ ...where, issue_number: pr.number, body: '/mlops help' })).data.id;
  await world.settle();
  assert.equal(await replyTo(world.sandbox, pr.number, own), undefined, 'a bot comment runs nothing');
  assert.deepEqual(await reactions(world.sandbox, pr.number, own), { eyes: 0, rocket: 0, '-1': 0 });
});

test('train: dispatches train.yml on the PR head branch with the head SHA and the parameters; a duplicate delivery and an edit do nothing', async () => {
  const pr = await openPr(world.sandbox, 'feature/train');
  const [held] = await holdDeliveries(world, 'issue_comment', async () => void (await comment(world.sandbox, 'dave', pr.number, '/mlops train epochs=3 note="fresh data"')));
  assert.ok(held);
  assert.equal(await deliver(world, held), 200);
  await world.settle();
  const id = (JSON.parse(held.payload) as { comment: { id: number } }).comment.id;
  const runs = runsOf(world.sandbox, 'train.yml');
  assert.equal(runs.length, 1);
  assert.deepEqual({ ...runs[0], id: 0 }, { id: 0, head_branch: 'feature/train', head_sha: pr.headSha, event: 'workflow_dispatch', actor: 'mlops-sandbox[bot]', inputs: { sha: pr.headSha, model: 'churn', params: 'epochs=3\nnote=fresh data' } });
  const reply = (await replyTo(world.sandbox, pr.number, id))!;
  assert.match(reply, new RegExp(`@dave 🚀 Training of \\*\\*churn\\*\\* with \`epochs=3\` \`note=fresh data\` started on \`feature/train\` at ${pr.headSha.slice(0, 7)}: \\[run ${runs[0]!.id}\\]\\(http[^)]*/actions/runs/${runs[0]!.id}\\)\\.`));
  assert.deepEqual(await reactions(world.sandbox, pr.number, id), { eyes: 1, rocket: 1, '-1': 0 });

  // GitHub redelivers the same delivery (same GUID), then the person edits the comment: neither runs anything again.
  assert.equal(await deliver(world, held), 200);
  await client(world.sandbox, 'dave').rest.issues.updateComment({ ...where, comment_id: id, body: '/mlops train epochs=4' });
  await world.settle();
  assert.equal(runsOf(world.sandbox, 'train.yml').length, 1);
  const all = (await client(world.sandbox, 'alice').rest.issues.listComments({ ...where, issue_number: pr.number })).data.filter((c) => c.body?.startsWith(`<!-- mlops:chatops comment=${id} -->`));
  assert.equal(all.length, 1);
});

test('evaluate --champion: dispatches evaluate.yml with the champion input', async () => {
  const pr = await openPr(world.sandbox, 'feature/eval');
  const { reply } = await say('dave', pr.number, '/mlops evaluate --champion v1.0.0');
  const runs = runsOf(world.sandbox, 'evaluate.yml').filter((r) => r.event === 'workflow_dispatch');
  assert.equal(runs.length, 1);
  assert.deepEqual(runs[0]!.inputs, { sha: pr.headSha, model: 'churn', champion: '1.0.0' });
  assert.match(reply, /🚀 Evaluation of \*\*churn\*\* against v1\.0\.0 started on `feature\/eval`/);
});

test('a fork PR: /mlops train is refused with the reason, nothing runs', async () => {
  const fork = await openPr(world.sandbox, 'fork-change', 'mallory', 'mallory:fork-change');
  const before = runsOf(world.sandbox, 'train.yml').length;
  const { id, reply } = await say('dave', fork.number, '/mlops train');
  assert.match(reply, /@dave 👎 this pull request comes from a fork: `\/mlops train` would run its code on this repository's runners with its secrets, which gh-mlops never does/);
  assert.equal(runsOf(world.sandbox, 'train.yml').length, before);
  assert.deepEqual(await reactions(world.sandbox, fork.number, id), { eyes: 1, rocket: 0, '-1': 1 });
});

test('a head that moved after the comment: refused, asked to re-run', async () => {
  const pr = await openPr(world.sandbox, 'feature/moved');
  const before = runsOf(world.sandbox, 'train.yml').length;
  const [held] = await holdDeliveries(world, 'issue_comment', async () => {
    await comment(world.sandbox, 'dave', pr.number, '/mlops train');
    world.sandbox.clock.advance(5);
    const pushed = await world.sandbox.actAs({ user: 'dave', action: 'push', branch: 'feature/moved', files: { 'models/churn/train.py': 'print("moved")\n' } });
    assert.equal(pushed.status, 200);
  });
  assert.equal(await deliver(world, held!), 200);
  await world.settle();
  const id = (JSON.parse(held!.payload) as { comment: { id: number } }).comment.id;
  assert.match((await replyTo(world.sandbox, pr.number, id))!, /👎 the PR head moved after the comment was written \(head committed .*, comment .*\): review the new commits and comment the command again to run it on the new head\./);
  assert.equal(runsOf(world.sandbox, 'train.yml').length, before);
});

test('a reader trying to promote is refused with the reason', async () => {
  const pr = await openPr(world.sandbox, 'feature/reader');
  const { reply } = await say('erin', pr.number, '/mlops promote churn 1.0.0 to staging');
  assert.match(reply, /@erin 👎 @erin has the read role, and `\/mlops promote` needs maintain or higher\./);
  assert.equal((await client(world.sandbox, 'alice').rest.repos.listDeployments({ ...where, environment: 'churn-staging' })).data.length, 0);
});

/** Registers a churn version through the issue-9 flow (PR, green evaluation, approval, merge); returns the PR number. */
async function register(branch: string, rocAuc: number): Promise<number> {
  const pr = await openPr(world.sandbox, branch);
  await postEvaluation(world.sandbox, pr.headSha, { rocAuc });
  await review(world.sandbox, 'bob', pr.number);
  await merge(world.sandbox, 'alice', pr.number);
  await world.settle();
  return pr.number;
}

test('promote, two promotes at once, compare, rollback, retrain: through the registry and the lock', async () => {
  const { sandbox } = world;
  const alice = client(sandbox, 'alice');
  const first = await register('feature/v1', 0.86);
  // auto_promote: the release is a pre-release and staging runs 1.0.0 (issue 9's release-based promotion).
  assert.equal((await alice.rest.repos.getReleaseByTag({ ...where, tag: 'churn/v1.0.0' })).data.prerelease, true);
  const again = await say('bob', first, '/mlops promote churn 1.0.0 to staging');
  assert.match(again.reply, /@bob 🚀 Already done: Promote \*\*churn\*\* v1\.0\.0 to staging\./);
  assert.equal((await alice.rest.repos.listDeployments({ ...where, environment: 'churn-staging' })).data.length, 1);

  // Two maintainers ask for production at the same moment: GitHub delivers both at once.
  const held = await holdDeliveries(world, 'issue_comment', async () => {
    await comment(sandbox, 'alice', first, '/mlops promote churn 1.0.0 to production');
    await comment(sandbox, 'bob', first, '/mlops promote churn 1.0.0 to production');
  });
  assert.equal(held.length, 2);
  assert.deepEqual(await Promise.all(held.map((d) => deliver(world, d))), [200, 200]);
  await sandbox.waitForDeliveries();
  const answers = await Promise.all(held.map((d) => replyTo(sandbox, first, (JSON.parse(d.payload) as { comment: { id: number } }).comment.id)));
  const done = answers.filter((a) => /🚀 Promote \*\*churn\*\* v1\.0\.0 to production/.test(a ?? ''));
  const busy = answers.filter((a) => /👎 a promotion of \*\*churn\*\* to production is in progress, started by @(alice|bob) \(promote via comment \d+\): one promotion per model and stage at a time/.test(a ?? ''));
  assert.equal(done.length, 1, answers.join('\n---\n'));
  assert.equal(busy.length, 1, answers.join('\n---\n'));
  const production = (await alice.rest.repos.listDeployments({ ...where, environment: 'churn-production' })).data;
  assert.equal(production.length, 1);
  const statuses = (await alice.rest.repos.listDeploymentStatuses({ ...where, deployment_id: production[0]!.id })).data;
  assert.deepEqual(statuses.map((s) => s.state), ['success']);
  assert.match(done[0]!, /\[deployment \d+\]\(http[^)]*\/deployments\/churn-production\)/);

  const second = await register('feature/v2', 0.9);
  const compared = await say('erin', second, '/mlops compare 1.0.0 churn@1.1.0');
  assert.ok(compared.reply.includes('| `roc_auc` | 0.8600 | 0.9000 | +0.0400 |'), compared.reply);

  const rolled = await say('alice', second, '/mlops rollback churn staging');
  assert.match(rolled.reply, /🚀 Roll back \*\*churn\*\* in staging \(\[deployment \d+\]/);
  const deployments = (await alice.rest.repos.listDeployments({ ...where, environment: 'churn-staging' })).data;
  assert.deepEqual(deployments.map((d) => (d.payload as { version: string; rollback_of?: string }).version), ['1.0.0', '1.1.0', '1.0.0']);
  assert.equal((deployments[0]!.payload as { rollback_of?: string }).rollback_of, '1.1.0');

  const retrain = await say('dave', second, '/mlops retrain churn');
  const runs = runsOf(sandbox, 'retrain.yml');
  assert.equal(runs.length, 1);
  assert.deepEqual({ branch: runs[0]!.head_branch, model: runs[0]!.inputs.model, reason: runs[0]!.inputs.reason }, { branch: 'main', model: 'churn', reason: '/mlops retrain by @dave' });
  assert.equal(runs[0]!.inputs.sha, runs[0]!.head_sha);
  assert.match(retrain.reply, /🚀 Retraining of \*\*churn\*\* started: \[run \d+\]/);
});
