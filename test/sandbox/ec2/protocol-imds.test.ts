/** The wire protocol seen over plain HTTP (auth, headers, errors) and instance metadata (IMDSv2, Spot notices). */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { RUN, startEc2, type Ec2Harness } from './helpers.js';

let h: Ec2Harness;
before(async () => {
  h = await startEc2();
});
after(async () => h.close());
beforeEach(() => h.emulator.reset());

const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260302/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00' };
const post = (body: string, headers: Record<string, string> = signed) =>
  fetch(h.url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

test('unsigned requests get AuthFailure; unknown actions InvalidAction; both in the EC2 error XML with a request id', async () => {
  const unsigned = await post('Action=DescribeInstances&Version=2016-11-15', {});
  assert.equal(unsigned.status, 401);
  const requestId = unsigned.headers.get('x-amzn-requestid') ?? '';
  assert.match(requestId, /^[0-9a-f-]{36}$/);
  assert.equal(
    await unsigned.text(),
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>AuthFailure</Code>' +
      `<Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  );
  const unknown = await post('Action=LaunchRocket&Version=2016-11-15');
  assert.equal(unknown.status, 400);
  assert.match(await unknown.text(), /<Code>InvalidAction<\/Code><Message>The action LaunchRocket is not valid for this web service\.<\/Message>/);
});

test('responses carry the virtual clock in Date and XML in the EC2 namespace', async () => {
  h.clock.advance(86_400);
  const res = await post('Action=DescribeInstances&Version=2016-11-15');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/xml;charset=UTF-8');
  assert.ok(Math.abs(Date.parse(res.headers.get('date') ?? '') - h.clock.now()) < 2000, 'Date is virtual now, a day ahead of the wall');
  const text = await res.text();
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeInstancesResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>/);
  assert.match(text, /<reservationSet><\/reservationSet><\/DescribeInstancesResponse>$/);
  const sdk = await h.client().send(new DescribeInstancesCommand({}));
  assert.deepEqual(sdk.Reservations, []);
});

test('IMDSv2: a token is required, identifies nothing outside its instance, and expires on the virtual clock', async () => {
  const out = await h.client().send(new RunInstancesCommand({ ...RUN, MetadataOptions: { HttpTokens: 'required' } }));
  const id = out.Instances?.[0]?.InstanceId as string;
  const base = h.emulator.metadataEndpoint(id);
  assert.equal(base, `${h.url}/instances/${id}`);
  assert.equal((await fetch(`${base}/latest/meta-data/instance-id`)).status, 401);
  assert.equal((await fetch(`${base}/latest/api/token`, { method: 'PUT' })).status, 400, 'TTL header is mandatory');
  const tokenRes = await fetch(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
  assert.equal(tokenRes.status, 200);
  assert.equal(tokenRes.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), '60');
  const token = await tokenRes.text();
  const get = (path: string, headers: Record<string, string> = { 'x-aws-ec2-metadata-token': token }) => fetch(`${base}${path}`, { headers });
  const instanceId = await get('/latest/meta-data/instance-id');
  assert.deepEqual([instanceId.status, await instanceId.text()], [200, id]);
  assert.equal(await (await get('/latest/meta-data/instance-type')).text(), 'g4dn.xlarge');
  assert.equal(await (await get('/latest/meta-data/instance-life-cycle')).text(), 'on-demand');
  const byHeader = await fetch(`${h.url}/latest/meta-data/placement/availability-zone`, {
    headers: { 'x-aws-ec2-metadata-token': token, 'x-sandbox-instance-id': id },
  });
  assert.equal(await byHeader.text(), 'us-east-1a');
  const other = (await h.client().send(new RunInstancesCommand(RUN))).Instances?.[0]?.InstanceId as string;
  assert.equal((await fetch(`${h.url}/instances/${other}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': token } })).status, 401);
  assert.equal(await (await fetch(`${h.url}/instances/${other}/latest/meta-data/instance-id`)).text(), other, 'IMDSv1 where tokens are optional');
  h.clock.advance(61);
  assert.equal((await get('/latest/meta-data/instance-id')).status, 401, 'expired');
});

test('a Spot interruption shows in IMDS as instance-action, and the instance terminates two minutes later', async () => {
  const out = await h.client().send(
    new RunInstancesCommand({ ...RUN, InstanceMarketOptions: { MarketType: 'spot' }, UserData: Buffer.from('hello').toString('base64') }),
  );
  const id = out.Instances?.[0]?.InstanceId as string;
  h.clock.advance(5);
  const base = h.emulator.metadataEndpoint(id);
  const token = await (await fetch(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } })).text();
  const get = (path: string) => fetch(`${base}${path}`, { headers: { 'x-aws-ec2-metadata-token': token } });
  assert.equal(await (await get('/latest/user-data')).text(), 'hello');
  assert.equal((await get('/latest/meta-data/spot/instance-action')).status, 404);
  const notice = h.emulator.spotInterruption(id);
  const expected = notice.time;
  assert.match(expected, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(Math.abs(Date.parse(expected) - (h.clock.now() + 120_000)) < 2000, 'two minutes from virtual now');
  assert.deepEqual(notice, { instanceId: id, action: 'terminate', time: expected });
  const action = await get('/latest/meta-data/spot/instance-action');
  assert.equal(action.status, 200);
  assert.deepEqual(JSON.parse(await action.text()), { action: 'terminate', time: expected });
  h.clock.advance(119);
  assert.equal(h.emulator.state().instances[0]?.State.Name, 'running');
  h.clock.advance(2);
  const [instance] = h.emulator.state().instances;
  assert.equal(instance?.State.Name, 'shutting-down');
  assert.equal(instance?.StateReason?.Code, 'Server.SpotInstanceTermination');
  h.clock.advance(5);
  assert.equal(h.emulator.state().instances[0]?.State.Name, 'terminated');
  assert.equal((await get('/latest/meta-data/instance-id')).status, 404);
  assert.throws(() => h.emulator.spotInterruption('i-0000000000000000f'), /no instance/);
});

test('without requests, the background tick still moves instances along and tells listeners', async () => {
  const local = await startEc2({ tickIntervalMs: 20, bootSeconds: 30 });
  try {
    const seen: string[] = [];
    local.emulator.onInstanceState((instance) => seen.push(`${instance.InstanceId}:${instance.State.Name}`));
    const id = (await local.client().send(new RunInstancesCommand(RUN))).Instances?.[0]?.InstanceId as string;
    local.clock.advance(30);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(seen, [`${id}:pending`, `${id}:running`]);
  } finally {
    await local.close();
  }
});
