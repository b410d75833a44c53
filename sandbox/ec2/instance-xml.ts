/** Instances and reservations as EC2's XML element trees (`instancesSet/item/…`, lowerCamel names). */
import type { Instance, Tag } from './model.js';
import type { XmlValue } from './xml.js';

/** The account every resource belongs to. */
export const OWNER_ID = '123456789012';

/** `tagSet` items. */
export function tagSet(tags: Tag[]): XmlValue {
  return tags.map((t) => ({ key: t.Key, value: t.Value }));
}

/** One `instancesSet/item` as DescribeInstances and RunInstances return it. */
export function instanceXml(i: Instance): XmlValue {
  return {
    instanceId: i.InstanceId,
    imageId: i.ImageId,
    instanceState: { code: i.State.Code, name: i.State.Name },
    privateDnsName: i.PrivateDnsName,
    dnsName: i.PublicDnsName,
    reason: i.StateTransitionReason,
    keyName: i.KeyName,
    amiLaunchIndex: i.AmiLaunchIndex,
    productCodes: [],
    instanceType: i.InstanceType,
    launchTime: i.LaunchTime,
    placement: { availabilityZone: i.Placement.AvailabilityZone, groupName: '', tenancy: i.Placement.Tenancy },
    monitoring: { state: 'disabled' },
    subnetId: i.State.Name === 'terminated' ? undefined : i.SubnetId,
    vpcId: i.State.Name === 'terminated' ? undefined : i.VpcId,
    privateIpAddress: i.State.Name === 'terminated' ? undefined : i.PrivateIpAddress,
    ipAddress: i.PublicIpAddress,
    sourceDestCheck: true,
    groupSet: i.SecurityGroups.map((g) => ({ groupId: g.GroupId, groupName: g.GroupName })),
    stateReason: i.StateReason ? { code: i.StateReason.Code, message: i.StateReason.Message } : undefined,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: i.RootDeviceName,
    blockDeviceMapping: i.State.Name === 'terminated' ? [] : i.BlockDeviceMappings.map((m) => ({
      deviceName: m.DeviceName,
      ebs: { volumeId: m.Ebs.VolumeId, status: m.Ebs.Status, attachTime: m.Ebs.AttachTime, deleteOnTermination: m.Ebs.DeleteOnTermination },
    })),
    instanceLifecycle: i.InstanceLifecycle,
    spotInstanceRequestId: i.SpotInstanceRequestId,
    virtualizationType: 'hvm',
    clientToken: i.ClientToken ?? '',
    tagSet: i.Tags.length > 0 ? tagSet(i.Tags) : undefined,
    hypervisor: 'xen',
    networkInterfaceSet: i.State.Name === 'terminated' ? [] : [networkInterfaceXml(i)],
    ebsOptimized: false,
    enaSupport: true,
    cpuOptions: undefined,
    metadataOptions: {
      state: i.MetadataOptions.State,
      httpTokens: i.MetadataOptions.HttpTokens,
      httpPutResponseHopLimit: i.MetadataOptions.HttpPutResponseHopLimit,
      httpEndpoint: i.MetadataOptions.HttpEndpoint,
      httpProtocolIpv6: i.MetadataOptions.HttpProtocolIpv6,
      instanceMetadataTags: i.MetadataOptions.InstanceMetadataTags,
    },
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    bootMode: 'uefi-preferred',
    currentInstanceBootMode: 'legacy-bios',
  };
}

function networkInterfaceXml(i: Instance): XmlValue {
  const association = i.PublicIpAddress ? { publicIp: i.PublicIpAddress, publicDnsName: i.PublicDnsName, ipOwnerId: 'amazon' } : undefined;
  return {
    networkInterfaceId: `eni-${i.InstanceId.slice(2)}`,
    subnetId: i.SubnetId,
    vpcId: i.VpcId,
    description: '',
    ownerId: OWNER_ID,
    status: 'in-use',
    privateIpAddress: i.PrivateIpAddress,
    privateDnsName: i.PrivateDnsName,
    sourceDestCheck: true,
    groupSet: i.SecurityGroups.map((g) => ({ groupId: g.GroupId, groupName: g.GroupName })),
    attachment: { attachmentId: `eni-attach-${i.InstanceId.slice(2)}`, deviceIndex: 0, status: 'attached', attachTime: i.LaunchTime, deleteOnTermination: true, networkCardIndex: 0 },
    association,
    privateIpAddressesSet: [{ privateIpAddress: i.PrivateIpAddress, privateDnsName: i.PrivateDnsName, primary: true, association }],
    interfaceType: 'interface',
  };
}

/** Reservations (`reservationSet` items) of the given instances, grouped in order of first appearance. */
export function reservationsXml(instances: Instance[]): XmlValue[] {
  const groups = new Map<string, Instance[]>();
  for (const instance of instances) groups.set(instance.ReservationId, [...(groups.get(instance.ReservationId) ?? []), instance]);
  return [...groups.entries()].map(([reservationId, members]) => reservationXml(reservationId, members));
}

/** One reservation: RunInstances' whole answer, or a `reservationSet` item. */
export function reservationXml(reservationId: string, instances: Instance[]): { [name: string]: XmlValue } {
  return { reservationId, ownerId: OWNER_ID, groupSet: [], instancesSet: instances.map(instanceXml) };
}
