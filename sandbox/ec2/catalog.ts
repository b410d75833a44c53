/**
 * The instance types the emulator knows, with the hardware facts DescribeInstanceTypes reports and deterministic
 * prices: on-demand list prices (us-east-1, Linux) and a Spot price that depends only on type and Availability Zone.
 */

/** One GPU model as DescribeInstanceTypes reports it. */
export interface GpuDevice {
  Name: string;
  Manufacturer: string;
  Count: number;
  MemoryInfo: { SizeInMiB: number };
}

/** The facts kept per instance type. */
export interface InstanceTypeFacts {
  InstanceType: string;
  VCpuInfo: { DefaultVCpus: number; DefaultCores: number; DefaultThreadsPerCore: number };
  MemoryInfo: { SizeInMiB: number };
  GpuInfo?: { Gpus: GpuDevice[]; TotalGpuMemoryInMiB: number };
  /** On-demand USD per hour. */
  OnDemandPrice: number;
  BurstablePerformanceSupported: boolean;
}

const nvidia = (Name: string, Count: number, SizeInMiB: number) => ({
  Gpus: [{ Name, Manufacturer: 'NVIDIA', Count, MemoryInfo: { SizeInMiB } }],
  TotalGpuMemoryInMiB: Count * SizeInMiB,
});

const TYPES: InstanceTypeFacts[] = [
  { InstanceType: 't3.micro', VCpuInfo: vcpu(2), MemoryInfo: { SizeInMiB: 1024 }, OnDemandPrice: 0.0104, BurstablePerformanceSupported: true },
  { InstanceType: 'g4dn.xlarge', VCpuInfo: vcpu(4), MemoryInfo: { SizeInMiB: 16384 }, GpuInfo: nvidia('T4', 1, 16384), OnDemandPrice: 0.526, BurstablePerformanceSupported: false },
  { InstanceType: 'g5.xlarge', VCpuInfo: vcpu(4), MemoryInfo: { SizeInMiB: 16384 }, GpuInfo: nvidia('A10G', 1, 24576), OnDemandPrice: 1.006, BurstablePerformanceSupported: false },
  { InstanceType: 'g5.2xlarge', VCpuInfo: vcpu(8), MemoryInfo: { SizeInMiB: 32768 }, GpuInfo: nvidia('A10G', 1, 24576), OnDemandPrice: 1.212, BurstablePerformanceSupported: false },
  { InstanceType: 'g6.xlarge', VCpuInfo: vcpu(4), MemoryInfo: { SizeInMiB: 16384 }, GpuInfo: nvidia('L4', 1, 22888), OnDemandPrice: 0.8048, BurstablePerformanceSupported: false },
  { InstanceType: 'p4d.24xlarge', VCpuInfo: vcpu(96), MemoryInfo: { SizeInMiB: 1179648 }, GpuInfo: nvidia('A100', 8, 40960), OnDemandPrice: 32.7726, BurstablePerformanceSupported: false },
];

function vcpu(count: number) {
  return { DefaultVCpus: count, DefaultCores: count / 2, DefaultThreadsPerCore: 2 };
}

/** Every known type, in catalog order. */
export function instanceTypes(): InstanceTypeFacts[] {
  return TYPES;
}

/** The facts of one type, or undefined when EC2 would not know it. */
export function instanceType(name: string): InstanceTypeFacts | undefined {
  return TYPES.find((t) => t.InstanceType === name);
}

/** The zone letters every region offers here. */
export const ZONE_LETTERS = ['a', 'b', 'c', 'd'] as const;

/** The default VPC's subnet, used when a launch names none. */
export const DEFAULT_SUBNET = 'subnet-0d0d0d0d0d0d0d0d0';
export const DEFAULT_VPC = 'vpc-0d0d0d0d0d0d0d0d0';

/** Zone of a subnet: the default subnet is in `<region>a`; others spread over the zones by a stable hash of the id. */
export function zoneOfSubnet(region: string, subnetId: string): string {
  if (subnetId === DEFAULT_SUBNET) return `${region}a`;
  let hash = 0;
  for (const c of subnetId) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `${region}${ZONE_LETTERS[hash % ZONE_LETTERS.length]}`;
}

/** Spot price in USD/hour: 30 % of on-demand in zone a, +5 points per later zone letter; 6 decimals like EC2's strings. */
export function spotPrice(type: InstanceTypeFacts, zone: string): string {
  const letter = zone.slice(-1);
  const index = Math.max(0, ZONE_LETTERS.indexOf(letter as (typeof ZONE_LETTERS)[number]));
  return (type.OnDemandPrice * (0.3 + 0.05 * index)).toFixed(6);
}
