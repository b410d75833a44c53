import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launchRunner } from '../../runners/launch.js';
import { clientToken } from '../../lib/runners/launch-plan.js';
import { userDataText } from '../../sandbox/github/runner-config.js';
import { launchRequest, startRunnerHarness, type RunnerHarness } from './harness.js';

let h: RunnerHarness;
before(async () => (h = await startRunnerHarness()));
after(() => h.close());
beforeEach(() => {
  h.sandbox.reset();
  for (const key of Object.keys(h.ec2Seen.calls)) delete h.ec2Seen.calls[key];
  h.secrets.length = 0;
  h.waits.length = 0;
});

const instances = () => (h.sandbox.state().ec2 as { instances: any[] }).instances;

test('the first pool launches with hardening, tags and a JIT config in the user data', async () => {
  const result = await launchRunner(launchRequest(), h.deps);
  assert.equal(result.instanceType, 'g5.xlarge');
  assert.equal(result.subnetId, 'subnet-0aaa1111');
  assert.equal(result.market, 'on-demand');
  assert.equal(result.registration, 'jit');
  assert.deepEqual(result.attempts.map((a) => [a.instanceType, a.error]), [['g5.xlarge', null]]);
  const [instance] = instances();
  assert.equal(instance.InstanceId, result.instanceId);
  assert.equal(instance.ClientToken, clientToken({ runId: '1001', attempt: 1, label: 'gpu-run-1' }, 0));
  assert.equal(instance.MetadataOptions.HttpTokens, 'required');
  assert.equal(instance.InstanceInitiatedShutdownBehavior, 'terminate');
  assert.equal(instance.PublicIpAddress, undefined);
  const volumes = (h.sandbox.state().ec2 as { volumes: any[] }).volumes;
  assert.deepEqual(volumes.map((v) => [v.VolumeType, v.Encrypted, v.Size]), [['gp3', true, 100]]);
  const tags = Object.fromEntries(instance.Tags.map((t: any) => [t.Key, t.Value]));
  assert.equal(tags['mlops:repo'], 'acme/churn-model');
  assert.equal(tags['mlops:run-id'], '1001');
  assert.equal(tags['mlops:label'], 'gpu-run-1');
  assert.equal(tags['mlops:expires-at'], result.expiresAt);
  // expires-at is counted from the EC2 endpoint's clock (the sandbox's virtual clock), not this machine's.
  assert.ok(Math.abs(Date.parse(result.expiresAt) - 6 * 3_600_000 - h.sandbox.clock.now()) < 5 * 60_000);
  const script = userDataText(instance.UserData);
  assert.match(script, /\.\/run\.sh --jitconfig [A-Za-z0-9+/=]{40,}/);
  assert.match(script, /shutdown -h now\n$/);
  assert.ok(h.secrets.includes(instance.UserData), 'the encoded user data was handed to onSecret');
  assert.ok(h.secrets.some((s) => script.includes(s) && s.length > 40), 'the JIT config was handed to onSecret');
});

test('the user data holds no long-lived secret: no PAT, no installation token, no AWS keys', async () => {
  await launchRunner(launchRequest(), h.deps);
  const script = userDataText(instances()[0].UserData);
  for (const token of Object.values(h.sandbox.tokens)) assert.ok(!script.includes(token), 'no user token');
  assert.ok(!script.includes('AKIDSANDBOX') && !script.includes('sandbox-secret'), 'no AWS credentials');
  assert.doesNotMatch(script, /gh[opsu]_|github_pat_|AKIA|AWS_SECRET/);
});

test('InsufficientInstanceCapacity on the first type (both subnets) → the second type is launched', async () => {
  h.sandbox.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'InsufficientInstanceCapacity', match: { InstanceType: 'g5.xlarge' }, times: 2 });
  const result = await launchRunner(launchRequest(), h.deps);
  assert.deepEqual(result.attempts.map((a) => [a.instanceType, a.subnetId, a.error]), [
    ['g5.xlarge', 'subnet-0aaa1111', 'InsufficientInstanceCapacity'],
    ['g5.xlarge', 'subnet-0bbb2222', 'InsufficientInstanceCapacity'],
    ['g4dn.xlarge', 'subnet-0aaa1111', null],
  ]);
  assert.deepEqual(instances().map((i) => i.InstanceType), ['g4dn.xlarge']);
});

test('spot capacity gone everywhere → on-demand (spot-then-on-demand)', async () => {
  h.sandbox.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'InsufficientInstanceCapacity', match: { MarketType: 'spot' }, times: 100 });
  const result = await launchRunner(launchRequest({ market: 'spot-then-on-demand', maxPrice: '0.9' }), h.deps);
  assert.deepEqual(result.attempts.map((a) => `${a.market} ${a.instanceType} ${a.error}`), [
    'spot g5.xlarge InsufficientInstanceCapacity',
    'spot g5.xlarge InsufficientInstanceCapacity',
    'spot g4dn.xlarge InsufficientInstanceCapacity',
    'spot g4dn.xlarge InsufficientInstanceCapacity',
    'on-demand g5.xlarge null',
  ]);
  assert.equal(instances()[0].InstanceLifecycle, undefined);
});

test('spot first when allowed: the instance is a Spot Instance with the price cap', async () => {
  const result = await launchRunner(launchRequest({ market: 'spot-then-on-demand', maxPrice: '0.9' }), h.deps);
  assert.equal(result.market, 'spot');
  assert.deepEqual([instances()[0].InstanceLifecycle, instances()[0].SpotMaxPrice], ['spot', '0.9']);
});

test('RequestLimitExceeded twice → success after two jittered backoffs, one instance', async () => {
  h.sandbox.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'RequestLimitExceeded', times: 2 });
  const result = await launchRunner(launchRequest(), h.deps);
  assert.equal(result.attempts.length, 1);
  assert.equal(h.waits.length, 2);
  assert.ok(h.waits[0]! >= 0 && h.waits[0]! < 500, `first wait ${h.waits[0]} below the 500 ms cap`);
  assert.ok(h.waits[1]! >= 0 && h.waits[1]! < 1000, `second wait ${h.waits[1]} below the 1000 ms cap`);
  assert.equal(instances().length, 1);
});

test('the launch step retried with the same run attempt → the same instance, one instance in EC2', async () => {
  const first = await launchRunner(launchRequest(), h.deps);
  const again = await launchRunner(launchRequest(), h.deps);
  assert.equal(again.instanceId, first.instanceId);
  assert.equal(again.reused, true);
  assert.equal(instances().length, 1);
  assert.equal(h.ec2Seen.calls.RunInstances, 1);
});

test('a new attempt of the run gets new tokens and a new instance', async () => {
  const first = await launchRunner(launchRequest(), h.deps);
  const second = await launchRunner(launchRequest({ attempt: 2 }), h.deps);
  assert.notEqual(second.instanceId, first.instanceId);
  assert.equal(instances()[1].ClientToken, clientToken({ runId: '1001', attempt: 2, label: 'gpu-run-1' }, 0));
});

test('every pool out of capacity → CheckFailedError, no instance, and the JIT runner registration removed', async () => {
  h.sandbox.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'InsufficientInstanceCapacity', times: 100 });
  await assert.rejects(launchRunner(launchRequest(), h.deps), (error: any) => error.code === 'no-capacity' && error.exitCode === 1 && /4 pools/.test(error.message));
  assert.equal(instances().length, 0);
  const { data } = await h.deps.octokit.rest.actions.listSelfHostedRunnersForRepo({ owner: 'acme', repo: 'churn-model' });
  assert.equal(data.total_count, 0);
});
