/** Injected faults as the SDK sees them, CreateFleet's per-pool fallback, and the catalog actions. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  CreateFleetCommand,
  CreateLaunchTemplateCommand,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeSpotPriceHistoryCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { failure, RUN, startEc2, type Ec2Harness } from './helpers.js';

let h: Ec2Harness;
before(async () => {
  h = await startEc2();
});
after(async () => h.close());
beforeEach(() => {
  h.emulator.reset();
  h.faults.clear();
});

test('an InsufficientInstanceCapacity fault for g5.xlarge reaches the SDK by name (HTTP 500 as on EC2); g4dn.xlarge still launches', async () => {
  const ec2 = h.client(1);
  h.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'InsufficientInstanceCapacity', match: { InstanceType: 'g5.xlarge' } });
  const g4dn = await ec2.send(new RunInstancesCommand({ ...RUN, InstanceType: 'g4dn.xlarge' }));
  assert.equal(g4dn.Instances?.[0]?.InstanceType, 'g4dn.xlarge');
  const error = await failure(ec2.send(new RunInstancesCommand({ ...RUN, InstanceType: 'g5.xlarge' })));
  assert.equal(error.name, 'InsufficientInstanceCapacity');
  assert.equal(error.$metadata.httpStatusCode, 500);
  assert.match(error.message, /sufficient capacity/);
  assert.equal(h.faults.list().length, 0, 'the fault fired once');
  assert.equal(h.emulator.state().instances.length, 1);
});

test('RequestLimitExceeded twice, then success: the SDK retries it (503) and the third attempt launches', async () => {
  h.faults.add({ service: 'ec2', operation: 'RunInstances', status: 'RequestLimitExceeded', times: 2 });
  const out = await h.client(3).send(new RunInstancesCommand(RUN));
  assert.equal(out.$metadata.attempts, 3);
  assert.equal(out.Instances?.length, 1);
  h.faults.add({ service: 'ec2', operation: 'DescribeInstances', status: 503, message: 'try later' });
  const error = await failure(h.client(1).send(new DescribeInstancesCommand({})));
  assert.deepEqual([error.name, error.message, error.$metadata.httpStatusCode], ['ServiceUnavailable', 'try later', 503]);
});

test('the emulator capacity option limits live instances per type', async () => {
  const local = await startEc2({ capacity: { 'p4d.24xlarge': 1 } });
  try {
    const ec2 = local.client(1);
    const out = await ec2.send(new RunInstancesCommand({ ...RUN, InstanceType: 'p4d.24xlarge', MinCount: 1, MaxCount: 3 }));
    assert.equal(out.Instances?.length, 1, 'MaxCount is trimmed to what is available');
    const error = await failure(ec2.send(new RunInstancesCommand({ ...RUN, InstanceType: 'p4d.24xlarge' })));
    assert.equal(error.name, 'InsufficientInstanceCapacity');
    assert.match(error.message, /p4d\.24xlarge capacity in the Availability Zone you requested \(us-east-1a\)/);
  } finally {
    await local.close();
  }
});

test('CreateFleet (instant) falls back to the next override when the first is faulted, reporting it in Errors', async () => {
  const ec2 = h.client(1);
  const userData = Buffer.from('jit-config').toString('base64');
  const template = await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'gpu-runner',
      LaunchTemplateData: { ImageId: 'ami-0abcdef1234567890', UserData: userData, MetadataOptions: { HttpTokens: 'required' } },
    }),
  );
  const templateId = template.LaunchTemplate?.LaunchTemplateId as string;
  assert.match(templateId, /^lt-[0-9a-f]{17}$/);
  h.faults.add({ service: 'ec2', operation: 'CreateFleet', status: 'InsufficientInstanceCapacity', match: { InstanceType: 'g5.xlarge' } });
  const fleet = await ec2.send(
    new CreateFleetCommand({
      Type: 'instant',
      LaunchTemplateConfigs: [
        {
          LaunchTemplateSpecification: { LaunchTemplateName: 'gpu-runner', Version: '$Latest' },
          Overrides: [
            { InstanceType: 'g5.xlarge', SubnetId: 'subnet-aaaa1111', Priority: 1 },
            { InstanceType: 'g4dn.xlarge', SubnetId: 'subnet-bbbb2222', Priority: 2 },
          ],
        },
      ],
      TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: 'spot' },
      SpotOptions: { AllocationStrategy: 'capacity-optimized-prioritized' },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'job', Value: '7' }] }],
    }),
  );
  assert.match(fleet.FleetId ?? '', /^fleet-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(fleet.Errors?.length, 1);
  assert.equal(fleet.Errors?.[0]?.ErrorCode, 'InsufficientInstanceCapacity');
  assert.equal(fleet.Errors?.[0]?.Lifecycle, 'spot');
  assert.equal(fleet.Errors?.[0]?.LaunchTemplateAndOverrides?.Overrides?.InstanceType, 'g5.xlarge');
  assert.equal(fleet.Errors?.[0]?.LaunchTemplateAndOverrides?.LaunchTemplateSpecification?.LaunchTemplateId, templateId);
  assert.equal(fleet.Instances?.length, 1);
  assert.equal(fleet.Instances?.[0]?.InstanceType, 'g4dn.xlarge');
  assert.equal(fleet.Instances?.[0]?.Lifecycle, 'spot');
  const [instance] = h.emulator.state().instances;
  assert.equal(instance?.InstanceId, fleet.Instances?.[0]?.InstanceIds?.[0]);
  assert.equal(instance?.SubnetId, 'subnet-bbbb2222');
  assert.equal(instance?.InstanceLifecycle, 'spot');
  assert.equal(instance?.UserData, userData);
  assert.equal(instance?.MetadataOptions.HttpTokens, 'required');
  assert.deepEqual(instance?.Tags, [{ Key: 'job', Value: '7' }, { Key: 'aws:ec2:fleet-id', Value: fleet.FleetId }]);

  const missing = await failure(
    ec2.send(
      new CreateFleetCommand({
        Type: 'instant',
        LaunchTemplateConfigs: [{ LaunchTemplateSpecification: { LaunchTemplateName: 'nope', Version: '1' } }],
        TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: 'on-demand' },
      }),
    ),
  );
  assert.equal(missing.name, 'InvalidLaunchTemplateName.NotFoundException');
});

test('DescribeInstanceTypes reports GPU, vCPU and memory facts', async () => {
  const out = await h.client().send(new DescribeInstanceTypesCommand({ InstanceTypes: ['g5.xlarge', 'p4d.24xlarge', 't3.micro'] }));
  const byName = new Map(out.InstanceTypes?.map((t) => [t.InstanceType, t]));
  assert.deepEqual(byName.get('g5.xlarge')?.GpuInfo, {
    Gpus: [{ Name: 'A10G', Manufacturer: 'NVIDIA', Count: 1, MemoryInfo: { SizeInMiB: 24576 } }],
    TotalGpuMemoryInMiB: 24576,
  });
  assert.equal(byName.get('p4d.24xlarge')?.GpuInfo?.Gpus?.[0]?.Count, 8);
  assert.equal(byName.get('p4d.24xlarge')?.VCpuInfo?.DefaultVCpus, 96);
  assert.equal(byName.get('t3.micro')?.GpuInfo, undefined);
  assert.equal(byName.get('t3.micro')?.MemoryInfo?.SizeInMiB, 1024);
  const all = await h.client().send(new DescribeInstanceTypesCommand({}));
  assert.deepEqual(all.InstanceTypes?.map((t) => t.InstanceType), ['t3.micro', 'g4dn.xlarge', 'g5.xlarge', 'g5.2xlarge', 'g6.xlarge', 'p4d.24xlarge']);
  const bad = await failure(h.client().send(new DescribeInstanceTypesCommand({ InstanceTypes: ['x9.huge' as 't3.micro'] })));
  assert.equal(bad.name, 'InvalidInstanceType');
});

test('DescribeSpotPriceHistory gives deterministic prices per type and zone', async () => {
  const out = await h.client().send(
    new DescribeSpotPriceHistoryCommand({ InstanceTypes: ['g4dn.xlarge'], ProductDescriptions: ['Linux/UNIX'], StartTime: new Date(h.clock.now()) }),
  );
  assert.deepEqual(
    out.SpotPriceHistory?.map((p) => [p.AvailabilityZone, p.SpotPrice]),
    [['us-east-1a', '0.157800'], ['us-east-1b', '0.184100'], ['us-east-1c', '0.210400'], ['us-east-1d', '0.236700']],
  );
  assert.equal(out.SpotPriceHistory?.[0]?.ProductDescription, 'Linux/UNIX');
  assert.ok(out.SpotPriceHistory?.[0]?.Timestamp instanceof Date);
});
