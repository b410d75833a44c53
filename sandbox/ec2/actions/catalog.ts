/** DescribeInstanceTypes (hardware facts, GPU info) and DescribeSpotPriceHistory (deterministic prices). */
import { instanceType, instanceTypes, spotPrice, ZONE_LETTERS, type InstanceTypeFacts } from '../catalog.js';
import { Ec2Error } from '../errors.js';
import { members, values } from '../query.js';
import type { XmlValue } from '../xml.js';
import type { ActionHandler } from './context.js';

function typeXml(t: InstanceTypeFacts): XmlValue {
  return {
    instanceType: t.InstanceType,
    currentGeneration: true,
    freeTierEligible: t.InstanceType === 't3.micro',
    supportedUsageClasses: ['on-demand', 'spot'],
    supportedRootDeviceTypes: ['ebs'],
    supportedVirtualizationTypes: ['hvm'],
    bareMetal: false,
    hypervisor: 'nitro',
    processorInfo: { supportedArchitectures: ['x86_64'] },
    vCpuInfo: { defaultVCpus: t.VCpuInfo.DefaultVCpus, defaultCores: t.VCpuInfo.DefaultCores, defaultThreadsPerCore: t.VCpuInfo.DefaultThreadsPerCore },
    memoryInfo: { sizeInMiB: t.MemoryInfo.SizeInMiB },
    instanceStorageSupported: false,
    gpuInfo: t.GpuInfo && {
      gpus: t.GpuInfo.Gpus.map((g) => ({ name: g.Name, manufacturer: g.Manufacturer, count: g.Count, memoryInfo: { sizeInMiB: g.MemoryInfo.SizeInMiB } })),
      totalGpuMemoryInMiB: t.GpuInfo.TotalGpuMemoryInMiB,
    },
    burstablePerformanceSupported: t.BurstablePerformanceSupported,
    supportedBootModes: ['legacy-bios', 'uefi'],
  };
}

const describeInstanceTypes: ActionHandler = {
  run({ params }) {
    const names = values(params, 'InstanceType');
    const unknown = names.filter((name) => !instanceType(name));
    if (unknown.length > 0) {
      throw new Ec2Error('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown.join(', ')}]`);
    }
    const selected = names.length > 0 ? names.map((name) => instanceType(name) as InstanceTypeFacts) : instanceTypes();
    return { instanceTypeSet: selected.map(typeXml) };
  },
};

const describeSpotPriceHistory: ActionHandler = {
  run({ params, region, now }) {
    const filters = members(params, 'Filter').map((f) => ({ name: f.Name ?? '', values: values(f, 'Value') }));
    const wanted = (name: string, own: string[]) => [...own, ...filters.filter((f) => f.name === name).flatMap((f) => f.values)];
    const types = wanted('instance-type', values(params, 'InstanceType'));
    const zones = wanted('availability-zone', params.AvailabilityZone ? [params.AvailabilityZone] : []);
    const products = wanted('product-description', values(params, 'ProductDescription'));
    const unknown = types.filter((name) => !instanceType(name));
    if (unknown.length > 0) throw new Ec2Error('InvalidParameterValue', `Invalid value '${unknown[0]}' for InstanceType.`);
    // Prices never change here, so the history is one point per pool, stamped at the top of the current hour.
    const timestamp = new Date(Math.floor(now() / 3_600_000) * 3_600_000);
    const items = (types.length > 0 ? types.map((t) => instanceType(t) as InstanceTypeFacts) : instanceTypes()).flatMap((type) =>
      ZONE_LETTERS.map((letter) => `${region}${letter}`)
        .filter((zone) => zones.length === 0 || zones.includes(zone))
        .flatMap((zone) =>
          (products.length > 0 ? products : ['Linux/UNIX']).map((product) => ({
            availabilityZone: zone,
            instanceType: type.InstanceType,
            productDescription: product,
            spotPrice: spotPrice(type, zone),
            timestamp,
          })),
        ),
    );
    const max = params.MaxResults ? Number(params.MaxResults) : 1000;
    return { spotPriceHistorySet: items.slice(0, max), nextToken: '' };
  },
};

/** The catalog actions by name. */
export const catalogActions: Record<string, ActionHandler> = {
  DescribeInstanceTypes: describeInstanceTypes,
  DescribeSpotPriceHistory: describeSpotPriceHistory,
};
