/**
 * What to launch, read from RunInstances params or a launch template's `LaunchTemplateData.*` (the same key names),
 * and checked the way EC2 checks it before it looks for capacity.
 */
import { DEFAULT_SUBNET, instanceType } from './catalog.js';
import { Ec2Error, invalidValue, missing } from './errors.js';
import type { MetadataOptions, Tag } from './model.js';
import { bool, members, scope, tags, values, type QueryParams } from './query.js';

export interface BlockDeviceSpec {
  DeviceName: string;
  VolumeSize: number;
  VolumeType: string;
  Encrypted: boolean;
  DeleteOnTermination: boolean;
}

export interface LaunchSpec {
  ImageId: string | undefined;
  InstanceType: string;
  SubnetId: string;
  AssociatePublicIpAddress: boolean;
  UserData: string | undefined;
  TagSpecifications: { ResourceType: string; Tags: Tag[] }[];
  MetadataOptions: MetadataOptions;
  BlockDeviceMappings: BlockDeviceSpec[];
  InstanceInitiatedShutdownBehavior: 'stop' | 'terminate';
  MarketType: 'spot' | 'on-demand';
  MaxPrice: string | undefined;
  SecurityGroupIds: string[];
  KeyName: string | undefined;
}

/** Template params overlaid by request params, a whole top-level group (`BlockDeviceMapping`, …) at a time. */
export function overlay(base: QueryParams, top: QueryParams): QueryParams {
  const groups = new Set(Object.keys(top).map((key) => key.split('.')[0]));
  const kept = Object.entries(base).filter(([key]) => !groups.has(key.split('.')[0]));
  return { ...Object.fromEntries(kept), ...top };
}

/** Reads a launch specification from flat params (RunInstances names). */
export function readLaunchSpec(params: QueryParams): LaunchSpec {
  const nic = members(params, 'NetworkInterface')[0] ?? {};
  const market = scope(params, 'InstanceMarketOptions');
  const metadata = scope(params, 'MetadataOptions');
  return {
    ImageId: params.ImageId,
    // Real EC2 defaults to m1.small, which this emulator does not offer; t3.micro is the closest current type.
    InstanceType: params.InstanceType ?? 't3.micro',
    SubnetId: params.SubnetId ?? nic.SubnetId ?? DEFAULT_SUBNET,
    // Default-VPC subnets auto-assign public IPs; other subnets only when the interface asks for one.
    AssociatePublicIpAddress: bool(nic.AssociatePublicIpAddress) ?? (params.SubnetId ?? nic.SubnetId) === undefined,
    UserData: params.UserData,
    TagSpecifications: members(params, 'TagSpecification').map((spec) => ({ ResourceType: spec.ResourceType ?? '', Tags: tags(spec) })),
    MetadataOptions: {
      State: 'applied',
      HttpTokens: (metadata.HttpTokens ?? 'optional') as MetadataOptions['HttpTokens'],
      HttpPutResponseHopLimit: Number(metadata.HttpPutResponseHopLimit ?? 1),
      HttpEndpoint: (metadata.HttpEndpoint ?? 'enabled') as MetadataOptions['HttpEndpoint'],
      HttpProtocolIpv6: (metadata.HttpProtocolIpv6 ?? 'disabled') as MetadataOptions['HttpProtocolIpv6'],
      InstanceMetadataTags: (metadata.InstanceMetadataTags ?? 'disabled') as MetadataOptions['InstanceMetadataTags'],
    },
    BlockDeviceMappings: members(params, 'BlockDeviceMapping')
      .filter((m) => m.NoDevice === undefined)
      .map((m) => ({
        DeviceName: m.DeviceName ?? '',
        VolumeSize: Number(m['Ebs.VolumeSize'] ?? 8),
        VolumeType: m['Ebs.VolumeType'] ?? 'gp2',
        Encrypted: bool(m['Ebs.Encrypted']) ?? false,
        DeleteOnTermination: bool(m['Ebs.DeleteOnTermination']) ?? true,
      })),
    InstanceInitiatedShutdownBehavior: (params.InstanceInitiatedShutdownBehavior ?? 'stop') as LaunchSpec['InstanceInitiatedShutdownBehavior'],
    MarketType: market.MarketType === 'spot' ? 'spot' : 'on-demand',
    MaxPrice: market['SpotOptions.MaxPrice'],
    SecurityGroupIds: [...values(params, 'SecurityGroupId'), ...values(nic, 'SecurityGroupId')],
    KeyName: params.KeyName,
  };
}

const RESOURCE_TYPES = new Set(['instance', 'volume', 'network-interface', 'spot-instances-request']);
const VOLUME_TYPES = new Set(['standard', 'gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1']);

/** Throws the error EC2 gives for an unusable specification. */
export function validateLaunchSpec(spec: LaunchSpec, rawMarketType: string | undefined): void {
  if (spec.ImageId === undefined) throw missing('ImageId');
  if (!/^ami-[0-9a-z]+$/.test(spec.ImageId)) {
    throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${spec.ImageId}" (expecting "ami-...")`);
  }
  if (!instanceType(spec.InstanceType)) {
    throw invalidValue('InstanceType', spec.InstanceType, 'The following supplied instance types do not exist.');
  }
  if (!/^subnet-[0-9a-z]+$/.test(spec.SubnetId)) {
    throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${spec.SubnetId}' does not exist`);
  }
  if (rawMarketType !== undefined && rawMarketType !== 'spot') throw invalidValue('MarketType', rawMarketType);
  if (spec.MaxPrice !== undefined && !(Number(spec.MaxPrice) > 0)) throw invalidValue('MaxPrice', spec.MaxPrice);
  const { HttpTokens, HttpEndpoint } = spec.MetadataOptions;
  if (HttpTokens !== 'optional' && HttpTokens !== 'required') throw invalidValue('HttpTokens', HttpTokens);
  if (HttpEndpoint !== 'enabled' && HttpEndpoint !== 'disabled') throw invalidValue('HttpEndpoint', HttpEndpoint);
  const shutdown = spec.InstanceInitiatedShutdownBehavior;
  if (shutdown !== 'stop' && shutdown !== 'terminate') throw invalidValue('InstanceInitiatedShutdownBehavior', shutdown);
  if (spec.UserData !== undefined) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(spec.UserData)) throw invalidValue('userData', '<redacted>', 'Invalid BASE64 encoding of user data.');
    if (Buffer.from(spec.UserData, 'base64').length > 16384) {
      throw new Ec2Error('InvalidParameterValue', 'User data is limited to 16384 bytes');
    }
  }
  for (const { ResourceType, Tags } of spec.TagSpecifications) {
    if (!RESOURCE_TYPES.has(ResourceType)) throw invalidValue('resourceType', ResourceType);
    for (const tag of Tags) {
      if (tag.Key.toLowerCase().startsWith('aws:')) {
        throw new Ec2Error('InvalidParameterValue', 'Tag keys starting with \'aws:\' are reserved for internal use');
      }
    }
  }
  for (const device of spec.BlockDeviceMappings) {
    if (!device.DeviceName) throw missing('BlockDeviceMapping.DeviceName');
    if (!VOLUME_TYPES.has(device.VolumeType)) throw invalidValue('volumeType', device.VolumeType);
    if (!Number.isInteger(device.VolumeSize) || device.VolumeSize < 1 || device.VolumeSize > 16384) {
      throw invalidValue('volumeSize', String(device.VolumeSize));
    }
  }
}
