/** The control API over HTTP, and the `mlops sandbox` command as a process. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(async () => sandbox.close());

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; date: string | null }> {
  const res = await fetch(`${sandbox.control}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, date: res.headers.get('date') };
}

test('act-as drives GitHub as people do and GET /state shows it with the API field names', async () => {
  const opened = await control('POST', '/act-as', { user: 'dave', action: 'open-pull-request', head: 'exp', title: 'Exp', files: { 'model.txt': 'v1\n' } });
  assert.equal(opened.status, 201);
  assert.equal((await control('POST', '/act-as', { user: 'carol', action: 'comment', number: opened.body.number, body: '/evaluate' })).status, 201);
  const denied = await control('POST', '/act-as', { user: 'erin', action: 'merge', number: opened.body.number });
  assert.deepEqual([denied.status, denied.body.message], [403, 'Must have push access to repository']);
  const unknown = await control('POST', '/act-as', { user: 'zed', action: 'merge', number: 1 });
  assert.equal(unknown.status, 422);

  const { body: state } = await control('GET', '/state');
  const churn = state.github.repos.find((r: { full_name: string }) => r.full_name === 'acme/churn-model');
  assert.equal(churn.refs['refs/heads/exp'], churn.pulls[0].head.sha);
  assert.deepEqual([churn.pulls[0].title, churn.pulls[0].state, churn.pulls[0].user.login], ['Exp', 'open', 'dave']);
  assert.deepEqual(churn.comments.map((c: { body: string; user: { login: string } }) => [c.body, c.user.login]), [['/evaluate', 'carol']]);
  assert.equal(churn.default_branch, 'main');
  assert.deepEqual(state.ec2.instances, [], 'the EC2 emulator is part of the sandbox, with no instances yet');
});

test('clock, faults and reset', async () => {
  const before = sandbox.clock.now();
  const moved = await control('POST', '/clock', { advanceSeconds: 3600 });
  assert.equal(moved.status, 200);
  assert.ok(Date.parse(moved.body.now) - before >= 3600_000);
  const res = await fetch(`${sandbox.github}/rate_limit`, { headers: { authorization: `token ${sandbox.tokens.alice}` } });
  assert.ok(Date.parse(res.headers.get('date')!) - before >= 3599_000, 'Date follows the virtual clock');
  assert.equal((await control('POST', '/clock', { advanceSeconds: 'soon' })).status, 422);

  assert.equal((await control('POST', '/faults', { service: 'github', operation: 'pulls/merge' })).status, 422);
  const fault = await control('POST', '/faults', { service: 'github', operation: 'pulls/merge', status: 500, times: 2 });
  assert.deepEqual([fault.status, fault.body.remaining, fault.body.id > 0], [201, 2, true]);
  assert.equal((await control('GET', '/faults')).body.length, 1);

  assert.equal((await control('POST', '/reset')).status, 200);
  assert.deepEqual((await control('GET', '/faults')).body, []);
  const { body: state } = await control('GET', '/state');
  const churn = state.github.repos.find((r: { full_name: string }) => r.full_name === 'acme/churn-model');
  assert.deepEqual([churn.pulls.length, churn.comments.length, Object.keys(churn.refs)], [0, 0, ['refs/heads/main']]);
  assert.equal((await fetch(`${sandbox.github}/repos/acme/churn-model`, { headers: { authorization: `token ${sandbox.tokens.erin}` } })).status, 200, 'tokens survive a reset');
});

test('spot interruptions for unknown instances are 404', async () => {
  const res = await control('POST', '/spot-interruption', { instanceId: 'i-123' });
  assert.equal(res.status, 404, 'an unknown instance is not found');
  assert.equal((await control('GET', '/nope')).status, 404);
});

const cli = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "const { main } = await import('./cli/main.ts'); process.exitCode = await main(process.argv);", 'mlops', ...args], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });

test('mlops sandbox prints one JSON line, serves, and on SIGTERM writes the state file and exits 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-sandbox-'));
  const stateFile = join(dir, 'state.json');
  const child = cli(['sandbox', '--port', '0', '--state', stateFile]);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const info = JSON.parse(line) as { github: string; control: string; tokens: Record<string, string>; appId: number; installationId: number };
  assert.deepEqual(Object.keys(info.tokens).sort(), ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory']);
  const res = await fetch(`${info.github}/repos/acme/churn-model/issues`, {
    method: 'POST',
    headers: { authorization: `token ${info.tokens.bob}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'from the CLI test' }),
  });
  assert.equal(res.status, 201);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.ok(existsSync(stateFile));
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { github: { repos: Array<{ full_name: string; issues: Array<{ title: string }> }> } };
  assert.deepEqual(state.github.repos.find((r) => r.full_name === 'acme/churn-model')!.issues.map((i) => i.title), ['from the CLI test']);
});

test('mlops sandbox --app also serves the gh-mlops app, its webhook registered with the emulator', async () => {
  const child = cli(['sandbox', '--app']);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const info = JSON.parse(line) as { github: string; app: string };
  assert.match(info.app, /^http:\/\/127\.0\.0\.1:\d+\/api\/github\/webhooks$/);
  assert.equal((await fetch(info.app.replace('/api/github/webhooks', '/healthz'))).status, 200);
  // An unsigned delivery is refused by the app's signature check.
  assert.equal((await fetch(info.app, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'x' }, body: '{}' })).status, 400);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
