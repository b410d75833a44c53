/** The RunInstances request of one launch candidate: hardened by default (IMDSv2, encrypted gp3, terminate on shutdown). */
import type { RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { LaunchCandidate } from '../lib/runners/launch-plan.js';

export interface InstanceSpecInput {
  candidate: LaunchCandidate;
  clientToken: string;
  /** `ami-…`, or `resolve:ssm:<parameter>` (EC2 resolves an SSM parameter itself). */
  imageId: string;
  userDataBase64: string;
  tags: Array<{ Key: string; Value: string }>;
  diskGb: number;
  rootDevice: string;
  publicIp: boolean;
  securityGroupIds: string[];
  /** Spot price cap, USD per hour, as EC2 wants it (a decimal string). */
  maxPrice?: string;
  /** An instance profile to attach (e.g. for pulling data from S3); none by default. */
  instanceProfile?: string;
}

/** Builds the RunInstances input for one candidate. */
export function instanceSpec(input: InstanceSpecInput): RunInstancesCommandInput {
  const { candidate } = input;
  return {
    ImageId: input.imageId,
    InstanceType: candidate.instanceType as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    ClientToken: input.clientToken,
    UserData: input.userDataBase64,
    // Powering off from inside (end of job, expires-at) terminates: nothing is left to pay for.
    InstanceInitiatedShutdownBehavior: 'terminate',
    // IMDSv2 only; hop limit 2 so a training container on the host can still reach it (spot notices).
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 },
    BlockDeviceMappings: [{ DeviceName: input.rootDevice, Ebs: { VolumeSize: input.diskGb, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } }],
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        AssociatePublicIpAddress: input.publicIp,
        DeleteOnTermination: true,
        ...(candidate.subnetId ? { SubnetId: candidate.subnetId } : {}),
        ...(input.securityGroupIds.length > 0 ? { Groups: input.securityGroupIds } : {}),
      },
    ],
    TagSpecifications: [
      { ResourceType: 'instance', Tags: input.tags },
      { ResourceType: 'volume', Tags: input.tags },
    ],
    ...(input.instanceProfile ? { IamInstanceProfile: { Name: input.instanceProfile } } : {}),
    ...(candidate.market === 'spot'
      ? {
          InstanceMarketOptions: {
            MarketType: 'spot',
            SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate', ...(input.maxPrice ? { MaxPrice: input.maxPrice } : {}) },
          },
        }
      : {}),
  };
}
