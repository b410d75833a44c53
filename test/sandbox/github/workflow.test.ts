/** Pagination, the ref lock primitive, contents sha checks, merging, and signed webhook deliveries. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { Webhooks } from '@octokit/webhooks';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { octokitFor, statusOf } from './helpers.js';

const owner = 'acme';
const repo = 'churn-model';
interface Received {
  event: string;
  delivery: string;
  signature: string;
  agent: string;
  body: string;
}
let sandbox: Sandbox;
let receiver: Server;
let received: Received[] = [];
let failNext = false;

before(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        event: String(req.headers['x-github-event']),
        delivery: String(req.headers['x-github-delivery']),
        signature: String(req.headers['x-hub-signature-256']),
        agent: String(req.headers['user-agent']),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(failNext ? 500 : 200).end('ok');
      failNext = false;
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  sandbox = await startSandbox({ appWebhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/github/webhooks` });
});
beforeEach(async () => {
  await sandbox.waitForDeliveries();
  sandbox.reset();
  received = [];
});
after(async () => {
  await sandbox.close();
  receiver.close();
});

const payloads = (event: string) => received.filter((r) => r.event === event).map((r) => JSON.parse(r.body) as Record<string, any>);

test('65 issues paginate with GitHub Link headers (default 30, per_page, rel next/last/prev/first)', async () => {
  const dave = octokitFor(sandbox, 'dave');
  for (let i = 1; i <= 65; i++) await dave.rest.issues.create({ owner, repo, title: `issue ${i}` });
  const page1 = await dave.rest.issues.listForRepo({ owner, repo });
  assert.equal(page1.data.length, 30);
  assert.equal(page1.data[0]!.number, 65, 'newest first');
  const base = `${sandbox.github}/repos/acme/churn-model/issues`;
  assert.equal(page1.headers.link, `<${base}?per_page=30&page=2>; rel="next", <${base}?per_page=30&page=3>; rel="last"`);
  const page3 = await dave.rest.issues.listForRepo({ owner, repo, page: 3 });
  assert.equal(page3.data.length, 5);
  assert.equal(page3.headers.link, `<${base}?page=2&per_page=30>; rel="prev", <${base}?page=1&per_page=30>; rel="first"`);
  const all = await dave.paginate(dave.rest.issues.listForRepo, { owner, repo, per_page: 100 });
  assert.equal(all.length, 65);
  const capped = await dave.rest.issues.listForRepo({ owner, repo, per_page: 500 });
  assert.equal(capped.data.length, 65, 'per_page is capped at 100');
});

test('creating an existing ref answers 422 "Reference already exists" (the lock primitive)', async () => {
  const dave = octokitFor(sandbox, 'dave');
  const main = (await dave.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
  assert.equal((await dave.rest.git.createRef({ owner, repo, ref: 'refs/locks/deploy', sha: main })).status, 201);
  const again = await statusOf(octokitFor(sandbox, 'bob').rest.git.createRef({ owner, repo, ref: 'refs/locks/deploy', sha: main }));
  assert.deepEqual([again.status, (again.data as { message: string }).message], [422, 'Reference already exists']);
  await dave.rest.git.deleteRef({ owner, repo, ref: 'locks/deploy' });
  assert.equal((await dave.rest.git.createRef({ owner, repo, ref: 'refs/locks/deploy', sha: main })).status, 201);
});

test('contents: a stale sha answers 409, a missing one 422, the right one commits', async () => {
  const dave = octokitFor(sandbox, 'dave');
  const file = (await dave.rest.repos.getContent({ owner, repo, path: '.github/mlops.yml' })).data as { sha: string; content: string };
  assert.match(Buffer.from(file.content, 'base64').toString('utf8'), /^# yaml-language-server: \$schema=[\s\S]*?\nversion: 1\n\nmodels:\n  - name: churn\n/m);
  const content = Buffer.from('version: 2\n').toString('base64');
  const put = (sha?: string) => dave.rest.repos.createOrUpdateFileContents({ owner, repo, path: '.github/mlops.yml', message: 'Bump', content, ...(sha ? { sha } : {}) });
  assert.equal((await statusOf(put('0'.repeat(40)))).status, 409);
  assert.equal((await statusOf(put())).status, 422);
  const ok = await put(file.sha);
  assert.equal(ok.status, 200);
  const head = (await dave.rest.repos.getBranch({ owner, repo, branch: 'main' })).data.commit.sha;
  assert.equal(ok.data.commit.sha, head);
});

test('webhooks are signed with the app secret, verify with @octokit/webhooks, and fail with another secret', async () => {
  await octokitFor(sandbox, 'carol').rest.issues.create({ owner, repo, title: 'signed' });
  await sandbox.waitForDeliveries();
  const [delivery] = received.filter((r) => r.event === 'issues');
  assert.ok(delivery);
  assert.match(delivery.delivery, /^[0-9a-f-]{36}$/);
  assert.match(delivery.agent, /^GitHub-Hookshot\//);
  const verify = (secret: string) => new Webhooks({ secret }).verify(delivery.body, delivery.signature);
  assert.equal(await verify(sandbox.webhookSecret), true);
  assert.equal(await verify('wrong-secret'), false);
  const payload = JSON.parse(delivery.body) as Record<string, any>;
  assert.deepEqual([payload.action, payload.issue.title, payload.sender.login, payload.repository.full_name, payload.organization.login, payload.installation.id], ['opened', 'signed', 'carol', 'acme/churn-model', 'acme', sandbox.installationId]);
});

test('a push updates an open PR (synchronize), a merge moves main and emits push then closed+merged', async () => {
  const opened = await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'exp-1', title: 'Experiment 1', files: { 'train.py': 'print("exp1")\n', 'params.yml': 'lr: 0.1\n' } });
  assert.equal(opened.status, 201);
  const number = (opened.body as { number: number }).number;
  const pushed = await sandbox.actAs({ user: 'dave', action: 'push', branch: 'exp-1', files: { 'params.yml': 'lr: 0.05\n' } });
  assert.equal(pushed.status, 200);
  assert.equal((await sandbox.actAs({ user: 'bob', action: 'review', number, event: 'APPROVE' })).status, 200);
  const merged = await sandbox.actAs({ user: 'bob', action: 'merge', number });
  assert.equal(merged.status, 200);
  await sandbox.waitForDeliveries();

  const prEvents = payloads('pull_request').map((p) => p.action);
  assert.deepEqual(prEvents, ['opened', 'synchronize', 'closed']);
  const closed = payloads('pull_request').at(-1)!;
  assert.equal(closed.pull_request.merged, true);
  assert.equal(closed.pull_request.merged_by.login, 'bob');
  // Webhook review states are lower case (REST says APPROVED); see sandbox/github/serialize-webhooks.ts.
  assert.deepEqual(payloads('pull_request_review').map((p) => [p.action, p.review.state]), [['submitted', 'approved']]);
  const mainPush = payloads('push').filter((p) => p.ref === 'refs/heads/main');
  assert.equal(mainPush.length, 1);
  assert.equal(mainPush[0]!.after, (merged.body as { sha: string }).sha);
  assert.deepEqual(payloads('create').map((p) => [p.ref, p.ref_type]), [['exp-1', 'branch']]);

  const bob = octokitFor(sandbox, 'bob');
  const pull = (await bob.rest.pulls.get({ owner, repo, pull_number: number })).data;
  assert.deepEqual([pull.state, pull.merged, pull.merge_commit_sha], ['closed', true, (merged.body as { sha: string }).sha]);
  const mergeCommit = (await bob.rest.git.getCommit({ owner, repo, commit_sha: pull.merge_commit_sha! })).data;
  assert.equal(mergeCommit.parents.length, 2);
  assert.equal(mergeCommit.message, `Merge pull request #${number} from acme/exp-1\n\nExperiment 1`);
  const params = (await bob.rest.repos.getContent({ owner, repo, path: 'params.yml' })).data as { content: string };
  assert.equal(Buffer.from(params.content, 'base64').toString('utf8'), 'lr: 0.05\n');
  assert.equal((await statusOf(bob.rest.pulls.merge({ owner, repo, pull_number: number }))).status, 405, 'already merged');
});

test('a conflicting PR is not mergeable (405); a fork PR from mallory lists its files', async () => {
  await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'a', title: 'A', files: { 'README.md': 'A\n' } });
  await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'b', title: 'B', files: { 'README.md': 'B\n' } });
  assert.equal((await sandbox.actAs({ user: 'alice', action: 'merge', number: 1 })).status, 200);
  const bob = octokitFor(sandbox, 'bob');
  assert.equal((await bob.rest.pulls.get({ owner, repo, pull_number: 2 })).data.mergeable, false);
  assert.equal((await statusOf(bob.rest.pulls.merge({ owner, repo, pull_number: 2 }))).status, 405);

  const fork = await sandbox.actAs({ user: 'mallory', action: 'open-pull-request', head: 'mallory:evil', title: 'Improve', files: { 'train.py': 'import os\nos.system("curl x")\n' } });
  assert.equal(fork.status, 201);
  const body = fork.body as { head: { repo: { full_name: string }; label: string }; number: number };
  assert.deepEqual([body.head.repo.full_name, body.head.label], ['mallory/churn-model', 'mallory:evil']);
  const files = (await bob.rest.pulls.listFiles({ owner, repo, pull_number: body.number })).data;
  assert.deepEqual(files.map((f) => [f.filename, f.status, f.additions, f.deletions]), [['train.py', 'modified', 2, 7]]);
  assert.equal((await sandbox.actAs({ user: 'mallory', action: 'merge', number: body.number })).status, 403);
});

test('deliveries are logged with status and duration and can be redelivered', async () => {
  failNext = true;
  await octokitFor(sandbox, 'dave').rest.issues.create({ owner, repo, title: 'first try fails' });
  const log = (await (await fetch(`${sandbox.control}/deliveries`)).json()) as Array<{ id: number; event: string; status_code: number; duration_ms: number; guid: string }>;
  const first = log.find((d) => d.event === 'issues')!;
  assert.equal(first.status_code, 500);
  assert.equal(typeof first.duration_ms, 'number');
  const again = await fetch(`${sandbox.control}/deliveries/${first.id}/redeliver`, { method: 'POST' });
  assert.equal(again.status, 202);
  await sandbox.waitForDeliveries();
  const after = (await (await fetch(`${sandbox.control}/deliveries`)).json()) as Array<{ guid: string; status_code: number; redelivery: boolean }>;
  const redelivered = after.find((d) => d.redelivery)!;
  assert.deepEqual([redelivered.guid, redelivered.status_code], [first.guid, 200]);
});
