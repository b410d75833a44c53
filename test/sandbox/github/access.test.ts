/** Authentication, roles, app tokens, validation errors, rate limits and fault injection, through real clients. */
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Probot } from 'probot';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { octokitFor, octokitWithToken, statusOf } from './helpers.js';

const owner = 'acme';
const repo = 'churn-model';
let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(async () => sandbox.close());

test('a read-only collaborator can read but gets GitHub-shaped 403s for label creation and merging', async () => {
  const erin = octokitFor(sandbox, 'erin');
  assert.equal((await erin.rest.repos.get({ owner, repo })).data.permissions?.push, false);
  const label = await statusOf(erin.rest.issues.createLabel({ owner, repo, name: 'nope' }));
  assert.equal(label.status, 403);
  assert.deepEqual(label.data, { message: 'Must have push access to repository', documentation_url: 'https://docs.github.com/rest', status: '403' });
  await sandbox.actAs({ user: 'dave', action: 'open-pull-request', head: 'erin-test', title: 'T', files: { 'a.txt': 'a\n' } });
  assert.equal((await statusOf(erin.rest.pulls.merge({ owner, repo, pull_number: 1 }))).status, 403);
});

test('mallory gets 404 on a private repository and 403 on writes to a public one, but may open issues', async () => {
  const mallory = octokitFor(sandbox, 'mallory');
  assert.equal((await statusOf(mallory.rest.repos.get({ owner, repo: 'infra' }))).status, 404);
  assert.equal((await statusOf(octokitFor(sandbox, 'bob').rest.repos.get({ owner, repo: 'infra' }))).status, 0);
  assert.equal((await statusOf(mallory.rest.git.createRef({ owner, repo, ref: 'refs/heads/x', sha: 'a'.repeat(40) }))).status, 403);
  const issue = await mallory.rest.issues.create({ owner, repo, title: 'please merge my fork', labels: ['bug'] });
  assert.equal(issue.status, 201);
  assert.deepEqual(issue.data.labels, [], 'labels from non-triagers are dropped like on GitHub');
});

test('collaborator permission folds maintain to write and triage to read, keeping role_name', async () => {
  const alice = octokitFor(sandbox, 'alice');
  const get = async (username: string) => {
    const { data } = await alice.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return [data.permission, data.role_name, data.user?.login];
  };
  assert.deepEqual(await get('bob'), ['write', 'maintain', 'bob']);
  assert.deepEqual(await get('carol'), ['read', 'triage', 'carol']);
  assert.deepEqual(await get('alice'), ['admin', 'admin', 'alice']);
  assert.deepEqual(await get('mallory'), ['read', 'read', 'mallory']);
});

test('the app JWT yields an installation token that acts as the bot, within its permissions', async () => {
  const probot = new Probot({ appId: sandbox.appId, privateKey: sandbox.appPrivateKeyPem, secret: sandbox.webhookSecret, baseUrl: sandbox.github, logLevel: 'fatal' });
  const installation = await probot.auth(sandbox.installationId);
  const issue = await installation.rest.issues.create({ owner, repo, title: 'Drift incident' });
  assert.equal(issue.data.user?.login, 'mlops-sandbox[bot]');
  assert.equal(issue.data.user?.type, 'Bot');

  const app = await probot.auth();
  const { data } = await app.rest.apps.createInstallationAccessToken({ installation_id: sandbox.installationId, permissions: { issues: 'read' } });
  assert.match(data.token, /^ghs_/);
  assert.deepEqual(data.permissions, { issues: 'read' });
  const readOnly = octokitWithToken(sandbox, data.token);
  const denied = await statusOf(readOnly.rest.issues.create({ owner, repo, title: 'x' }));
  assert.deepEqual([denied.status, (denied.data as { message: string }).message], [403, 'Resource not accessible by integration']);

  // A personal token is not an app JWT, and a JWT from the far past is expired on the virtual clock.
  assert.equal((await statusOf(octokitFor(sandbox, 'alice').rest.apps.getAuthenticated())).status, 401);
  const jwt = (iat: number, exp: number, key = sandbox.appPrivateKeyPem) => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat, exp, iss: sandbox.appId })}`;
    return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
  };
  const getApp = (token: string) => fetch(`${sandbox.github}/app`, { headers: { authorization: `Bearer ${token}` } });
  const now = Math.floor(sandbox.clock.now() / 1000);
  assert.equal((await getApp(jwt(now - 30, now + 540))).status, 200);
  assert.equal((await getApp(jwt(now - 7200, now - 6600))).status, 401, 'expired on the virtual clock');
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  assert.equal((await getApp(jwt(now - 30, now + 540, other.export({ type: 'pkcs8', format: 'pem' }).toString()))).status, 401, 'wrong key');
  // Probot (via @octokit/auth-app) corrects its clock from the emulator's Date header after a 401, as with real GitHub.
  sandbox.clock.advance(2 * 3600);
  try {
    const late = new Probot({ appId: sandbox.appId, privateKey: sandbox.appPrivateKeyPem, baseUrl: sandbox.github, logLevel: 'fatal' });
    assert.equal((await (await late.auth()).rest.apps.getAuthenticated()).status, 200);
  } finally {
    sandbox.clock.advance(-2 * 3600);
  }
});

test('422 errors name the resource, field and code', async () => {
  const dave = octokitFor(sandbox, 'dave');
  const missing = await statusOf(dave.request('POST /repos/{owner}/{repo}/issues', { owner, repo, body: 'no title' } as never));
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.data, {
    message: 'Validation Failed',
    errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
    documentation_url: 'https://docs.github.com/rest',
    status: '422',
  });
});

test('rate-limit headers count down per token and GET /rate_limit agrees without counting', async () => {
  const carol = octokitFor(sandbox, 'carol');
  const first = await carol.rest.repos.get({ owner, repo });
  const second = await carol.rest.repos.get({ owner, repo });
  assert.equal(first.headers['x-ratelimit-limit'], '5000');
  assert.equal(Number(first.headers['x-ratelimit-remaining']) - 1, Number(second.headers['x-ratelimit-remaining']));
  assert.equal(second.headers['x-ratelimit-used'], String(5000 - Number(second.headers['x-ratelimit-remaining'])));
  assert.equal(second.headers['x-ratelimit-resource'], 'core');
  assert.ok(second.headers['x-github-request-id']);
  assert.equal(second.headers.date, sandbox.clock.date().toUTCString());
  const limits = await carol.rest.rateLimit.get();
  assert.equal(limits.data.resources.core.remaining, Number(second.headers['x-ratelimit-remaining']));
  assert.equal((await carol.rest.rateLimit.get()).data.resources.core.used, limits.data.resources.core.used);
});

test('faults: a 502 fires once on issues/create, then the call works; secondary-rate-limit looks like GitHub', async () => {
  const res = await fetch(`${sandbox.control}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'github', operation: 'issues/create', status: 502 }),
  });
  assert.equal(res.status, 201);
  assert.equal(((await res.json()) as { remaining: number }).remaining, 1);
  const dave = octokitFor(sandbox, 'dave');
  const failed = await statusOf(dave.rest.issues.create({ owner, repo, title: 'flaky' }));
  assert.deepEqual([failed.status, (failed.data as { message: string }).message], [502, 'Server Error']);
  assert.equal((await dave.rest.issues.create({ owner, repo, title: 'flaky' })).status, 201);

  sandbox.faults.add({ service: 'github', operation: 'repos/get', status: 'secondary-rate-limit', match: { repo: 'infra' } });
  assert.equal((await dave.rest.repos.get({ owner, repo })).status, 200, 'match keeps the fault for another repository');
  const alice = octokitFor(sandbox, 'alice');
  const limited = await statusOf(alice.rest.repos.get({ owner, repo: 'infra' }));
  assert.equal(limited.status, 403);
  assert.match(limited.message, /\bsecondary rate\b/i);
});
