/** RunInstances, DescribeInstances, tags, filters, pagination, lifecycle and termination through the real EC2 SDK. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  paginateDescribeInstances,
  type EC2Client,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { failure, RUN, startEc2, type Ec2Harness } from './helpers.js';

let h: Ec2Harness;
let ec2: EC2Client;
before(async () => {
  h = await startEc2();
  ec2 = h.client();
});
after(async () => h.close());
beforeEach(() => h.emulator.reset());

test('RunInstances twice with one ClientToken launches once; other params with that token are a mismatch', async () => {
  const first = await ec2.send(new RunInstancesCommand({ ...RUN, ClientToken: 'launch-1' }));
  const again = await ec2.send(new RunInstancesCommand({ ...RUN, ClientToken: 'launch-1' }));
  assert.equal(again.ReservationId, first.ReservationId);
  assert.deepEqual(again.Instances?.map((i) => i.InstanceId), first.Instances?.map((i) => i.InstanceId));
  assert.match(first.Instances?.[0]?.InstanceId ?? '', /^i-[0-9a-f]{17}$/);
  assert.equal(first.Instances?.[0]?.ClientToken, 'launch-1');
  assert.equal(h.emulator.state().instances.length, 1);
  const mismatch = await failure(ec2.send(new RunInstancesCommand({ ...RUN, InstanceType: 'g5.xlarge', ClientToken: 'launch-1' })));
  assert.equal(mismatch.name, 'IdempotentParameterMismatch');
  assert.equal(mismatch.$metadata.httpStatusCode, 400);
});

test('a full launch request is kept with the API field names: tags, volumes, metadata options, spot, user data', async () => {
  const userData = Buffer.from('#!/bin/bash\necho jit\n').toString('base64');
  const out = await ec2.send(
    new RunInstancesCommand({
      ...RUN,
      UserData: userData,
      InstanceInitiatedShutdownBehavior: 'terminate',
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 100, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } }],
      TagSpecifications: [
        { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'runner-1' }] },
        { ResourceType: 'volume', Tags: [{ Key: 'owner', Value: 'ml' }] },
      ],
      InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.50' } },
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0', AssociatePublicIpAddress: true }],
    }),
  );
  const sent = out.Instances?.[0];
  assert.equal(sent?.State?.Name, 'pending');
  assert.equal(sent?.State?.Code, 0);
  assert.equal(sent?.InstanceLifecycle, 'spot');
  assert.match(sent?.SpotInstanceRequestId ?? '', /^sir-[0-9a-f]{8}$/);
  assert.deepEqual(sent?.Tags, [{ Key: 'Name', Value: 'runner-1' }]);
  assert.equal(sent?.MetadataOptions?.HttpTokens, 'required');
  assert.equal(sent?.SubnetId, 'subnet-0123456789abcdef0');
  assert.match(sent?.PublicIpAddress ?? '', /^54\.\d+\.\d+\.\d+$/);
  assert.equal(sent?.BlockDeviceMappings?.[0]?.DeviceName, '/dev/sda1');
  assert.ok(sent?.LaunchTime instanceof Date);
  assert.ok(Math.abs((sent?.LaunchTime?.getTime() ?? 0) - h.clock.now()) < 2000, 'LaunchTime is virtual now');

  const [stored] = h.emulator.state().instances;
  assert.equal(stored?.UserData, userData);
  assert.equal(stored?.InstanceInitiatedShutdownBehavior, 'terminate');
  assert.deepEqual(stored?.State, { Code: 0, Name: 'pending' });
  const volume = h.emulator.state().volumes[0];
  assert.deepEqual(
    { Size: volume?.Size, VolumeType: volume?.VolumeType, Encrypted: volume?.Encrypted, Tags: volume?.Tags },
    { Size: 100, VolumeType: 'gp3', Encrypted: true, Tags: [{ Key: 'owner', Value: 'ml' }] },
  );
});

test('tags and filters: tag:KEY, tag-key, instance-type, instance-state-name and wildcards', async () => {
  const launch = async (type: _InstanceType, team: string) =>
    (await ec2.send(new RunInstancesCommand({ ...RUN, InstanceType: type, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'team', Value: team }] }] })))
      .Instances?.[0]?.InstanceId as string;
  const a = await launch('g4dn.xlarge', 'vision');
  const b = await launch('g5.xlarge', 'nlp');
  const c = await launch('t3.micro', 'vision-infra');
  await ec2.send(new CreateTagsCommand({ Resources: [b], Tags: [{ Key: 'gh-mlops:run', Value: '42' }] }));
  const ids = async (Filters: { Name: string; Values: string[] }[]) =>
    ((await ec2.send(new DescribeInstancesCommand({ Filters }))).Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId);
  assert.deepEqual(await ids([{ Name: 'tag:team', Values: ['vision'] }]), [a]);
  assert.deepEqual(await ids([{ Name: 'tag:team', Values: ['vision*'] }]), [a, c]);
  assert.deepEqual(await ids([{ Name: 'tag-key', Values: ['gh-mlops:run'] }]), [b]);
  assert.deepEqual(await ids([{ Name: 'instance-type', Values: ['g5.xlarge', 't3.micro'] }]), [b, c]);
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [c] }));
  assert.deepEqual(await ids([{ Name: 'instance-state-name', Values: ['pending', 'running'] }]), [a, b]);
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [b] }));
  assert.deepEqual(described.Reservations?.[0]?.Instances?.[0]?.Tags, [{ Key: 'team', Value: 'nlp' }, { Key: 'gh-mlops:run', Value: '42' }]);
  assert.equal((await failure(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })))).name, 'InvalidParameterValue');
});

test('DescribeInstances pages with MaxResults and NextToken; the SDK paginator walks every page', async () => {
  await ec2.send(new RunInstancesCommand({ ...RUN, MinCount: 7, MaxCount: 7 }));
  const first = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
  assert.equal(first.Reservations?.[0]?.Instances?.length, 5);
  assert.ok(first.NextToken);
  const second = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: first.NextToken }));
  assert.equal(second.Reservations?.[0]?.Instances?.length, 2);
  assert.equal(second.NextToken, undefined);
  const seen: string[] = [];
  for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 5 }, {})) {
    seen.push(...(page.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId as string));
  }
  assert.equal(new Set(seen).size, 7);
  const bad = await failure(ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: 'nope' })));
  assert.equal(bad.name, 'InvalidPaginationToken');
});

test('states follow the virtual clock: pending → running → shutting-down → terminated, each reported to listeners', async () => {
  const events: string[] = [];
  const off = h.emulator.onInstanceState((instance, previous) => events.push(`${previous ?? 'none'}→${instance.State.Name}`));
  const id = (await ec2.send(new RunInstancesCommand(RUN))).Instances?.[0]?.InstanceId as string;
  const stateOf = async () => (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0]?.State;
  h.clock.advance(4);
  assert.deepEqual(await stateOf(), { Code: 0, Name: 'pending' });
  h.clock.advance(1);
  assert.deepEqual(await stateOf(), { Code: 16, Name: 'running' });
  const terminated = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  assert.deepEqual(terminated.TerminatingInstances, [
    { InstanceId: id, CurrentState: { Code: 32, Name: 'shutting-down' }, PreviousState: { Code: 16, Name: 'running' } },
  ]);
  h.clock.advance(5);
  h.emulator.tick();
  assert.deepEqual(events, ['none→pending', 'pending→running', 'running→shutting-down', 'shutting-down→terminated']);
  const gone = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
  assert.equal(gone?.State?.Name, 'terminated');
  assert.equal(gone?.StateReason?.Code, 'Client.UserInitiatedShutdown');
  assert.equal(h.emulator.state().volumes[0]?.State, 'deleted');
  h.clock.advance(3600);
  const missing = await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })));
  assert.equal(missing.name, 'InvalidInstanceID.NotFound');
  off();
});

test('input is validated like EC2', async () => {
  const noImage = await failure(ec2.send(new RunInstancesCommand({ ...RUN, ImageId: undefined })));
  assert.deepEqual([noImage.name, noImage.message], ['MissingParameter', 'The request must contain the parameter ImageId']);
  assert.equal((await failure(ec2.send(new RunInstancesCommand({ ...RUN, InstanceType: 'g9.mega' as _InstanceType })))).name, 'InvalidParameterValue');
  const cheap = await failure(
    ec2.send(new RunInstancesCommand({ ...RUN, InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { MaxPrice: '0.01' } } })),
  );
  assert.equal(cheap.name, 'SpotMaxPriceTooLow');
  assert.match(cheap.message, /minimum required Spot request fulfillment price of 0\.1578/);
  const unknown = await failure(ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
  assert.deepEqual([unknown.name, unknown.$metadata.httpStatusCode], ['InvalidInstanceID.NotFound', 400]);
  assert.equal(h.emulator.state().instances.length, 0);
});
