/**
 * The emulator's records, named after the EC2 API's own fields (as the SDK returns them) so that `state()` reads
 * like a DescribeInstances answer plus what EC2 keeps but does not describe (UserData, shutdown behaviour).
 */

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** EC2's numeric state codes. */
export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface Tag {
  Key: string;
  Value: string;
}

export interface InstanceBlockDeviceMapping {
  DeviceName: string;
  Ebs: { VolumeId: string; Status: 'attached'; AttachTime: string; DeleteOnTermination: boolean };
}

export interface Volume {
  VolumeId: string;
  Size: number;
  VolumeType: string;
  Encrypted: boolean;
  AvailabilityZone: string;
  Tags: Tag[];
  State: 'in-use' | 'deleted';
  Attachments: { InstanceId: string; Device: string; DeleteOnTermination: boolean }[];
}

export interface MetadataOptions {
  State: 'applied';
  HttpTokens: 'optional' | 'required';
  HttpPutResponseHopLimit: number;
  HttpEndpoint: 'enabled' | 'disabled';
  HttpProtocolIpv6: 'enabled' | 'disabled';
  InstanceMetadataTags: 'enabled' | 'disabled';
}

export interface Instance {
  InstanceId: string;
  ImageId: string;
  InstanceType: string;
  State: { Code: number; Name: InstanceStateName };
  StateReason?: { Code: string; Message: string };
  StateTransitionReason: string;
  LaunchTime: string;
  AmiLaunchIndex: number;
  Placement: { AvailabilityZone: string; Tenancy: 'default' };
  SubnetId: string;
  VpcId: string;
  PrivateIpAddress: string;
  PrivateDnsName: string;
  PublicIpAddress?: string;
  PublicDnsName: string;
  Tags: Tag[];
  /** Base64, exactly as sent (EC2 only returns it through DescribeInstanceAttribute). */
  UserData?: string;
  InstanceInitiatedShutdownBehavior: 'stop' | 'terminate';
  InstanceLifecycle?: 'spot';
  SpotInstanceRequestId?: string;
  /** The Spot price cap asked for, if any (kept for inspection). */
  SpotMaxPrice?: string;
  MetadataOptions: MetadataOptions;
  BlockDeviceMappings: InstanceBlockDeviceMapping[];
  RootDeviceName: string;
  SecurityGroups: { GroupId: string; GroupName: string }[];
  KeyName?: string;
  ClientToken?: string;
  ReservationId: string;
  /** Set once a Spot interruption notice was issued (what IMDS `spot/instance-action` returns). */
  SpotInstanceAction?: { action: 'terminate'; time: string };
}

/** A launch template as CreateLaunchTemplate stored it: its data is kept as the flat `LaunchTemplateData.*` params. */
export interface LaunchTemplate {
  LaunchTemplateId: string;
  LaunchTemplateName: string;
  CreateTime: string;
  DefaultVersionNumber: number;
  LatestVersionNumber: number;
  Tags: Tag[];
  /** `LaunchTemplateData.*` request params, prefix removed: the same keys RunInstances takes. */
  Data: Record<string, string>;
}
