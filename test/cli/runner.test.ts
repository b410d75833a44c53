import { runInProcess } from './in-process.js';
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userDataText } from '../../sandbox/github/runner-config.js';
import { startRunnerHarness, type RunnerHarness } from '../runners/harness.js';

let h: RunnerHarness;
before(async () => (h = await startRunnerHarness()));
after(() => h.close());
beforeEach(() => h.sandbox.reset());

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return runInProcess(argv, { cwd: process.cwd(), env: { ...h.env, GITHUB_REPOSITORY: 'acme/churn-model', GITHUB_RUN_ID: '5550', GITHUB_RUN_ATTEMPT: '1', ...env } });
}

const launchArgs = ['runner', 'launch', '--label', 'gpu-cli', '--instance-types', 'g5.xlarge,g4dn.xlarge', '--image-id', 'ami-0123456789abcdef0', '--market', 'on-demand', '--wait-online', '30s', '--poll', '1s'];

test('runner launch in Actions: JSON result, every credential masked first, the JIT config never printed otherwise', async () => {
  const r = await cli([...launchArgs, '--json'], { GITHUB_ACTIONS: 'true' });
  assert.equal(r.code, 0, r.stderr);
  const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length));
  const json = JSON.parse(r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'));
  assert.deepEqual([json.label, json.instanceType, json.market, json.registration], ['gpu-cli', 'g5.xlarge', 'on-demand', 'jit']);
  assert.ok(json.onlineAfterMs >= 0);
  const instance = (h.sandbox.state().ec2 as { instances: any[] }).instances[0];
  assert.deepEqual(masks.length, 2);
  assert.equal(masks[1], instance.UserData);
  assert.ok(userDataText(instance.UserData).includes(masks[0]!), 'the JIT config is masked');
  const rest = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n') + r.stderr;
  assert.ok(!rest.includes(masks[0]!) && !rest.includes(masks[1]!), 'never an output or a log line');

  const listed = await cli(['runner', 'list', '--json']);
  assert.deepEqual(JSON.parse(listed.stdout).instances.map((i: any) => [i.instanceId, i.label]), [[json.instanceId, 'gpu-cli']]);
  const stopped = await cli(['runner', 'stop', '--label', 'gpu-cli', '--json']);
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.deepEqual(JSON.parse(stopped.stdout).terminated, [json.instanceId]);
});

test('runner launch for a pull request from a fork is refused (exit 1), nothing launched', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-runner-'));
  const event = join(dir, 'event.json');
  await writeFile(event, JSON.stringify({ pull_request: { head: { repo: { full_name: 'mallory/churn-model', fork: true } }, base: { repo: { full_name: 'acme/churn-model' } } } }));
  const r = await cli(launchArgs, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /refusing to launch a self-hosted runner for a pull request from a fork \(mallory\/churn-model\)/);
  assert.equal((h.sandbox.state().ec2 as { instances: any[] }).instances.length, 0);
});

test('runner reap --dry-run --now and bad input', async () => {
  assert.equal((await cli([...launchArgs, '--wait-online', '0', '--ttl', '1h'])).code, 0);
  const r = await cli(['runner', 'reap', '--dry-run', '--now', '2099-01-01T00:00:00Z']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^reap \(dry run\) at 2099-01-01T00:00:00\.000Z \(option\): 1 instances\n {2}terminate i-[0-9a-f]+ \(expired\)\n {2}remove runner mlops-5550-1-[0-9a-f]{8}$/);
  assert.equal((await cli(['runner', 'reap', '--now', 'yesterday'])).code, 2);
  assert.equal((await cli([...launchArgs, '--market', 'cheap'])).code, 2);
  const noImage = await cli(['runner', 'launch', '--instance-types', 'g5.xlarge']);
  assert.equal(noImage.code, 2);
  assert.match(noImage.stderr, /no machine image: pass --image-id or --image-ssm-param/);
});
