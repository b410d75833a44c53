/**
 * CreateLaunchTemplate (minimal: one version, kept as its flat `LaunchTemplateData.*` params) and CreateFleet of
 * `Type=instant`: every override is a pool (instance type × subnet); pools are tried in allocation-strategy order and
 * a pool that fails (fault, capacity, price) becomes an `errorSet` item while the next pool is used, like EC2 Fleet.
 */
import { instanceType, spotPrice, zoneOfSubnet } from '../catalog.js';
import { Ec2Error, faultError, missing } from '../errors.js';
import { tagSet, OWNER_ID } from '../instance-xml.js';
import { overlay, readLaunchSpec, validateLaunchSpec } from '../launch-spec.js';
import type { LaunchTemplate } from '../model.js';
import { members, scope, tags, type QueryParams } from '../query.js';
import type { XmlValue } from '../xml.js';
import { findTemplate, fingerprint, type ActionContext, type ActionHandler } from './context.js';

const createLaunchTemplate: ActionHandler = {
  run({ store, params, now }) {
    const name = params.LaunchTemplateName;
    if (name === undefined) throw missing('LaunchTemplateName');
    const data = scope(params, 'LaunchTemplateData');
    if (Object.keys(data).length === 0) throw missing('LaunchTemplateData');
    if ([...store.templates.values()].some((t) => t.LaunchTemplateName === name)) {
      throw new Ec2Error('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
    }
    const template: LaunchTemplate = {
      LaunchTemplateId: store.newId('lt'),
      LaunchTemplateName: name,
      CreateTime: new Date(now()).toISOString(),
      DefaultVersionNumber: 1,
      LatestVersionNumber: 1,
      Tags: members(params, 'TagSpecification').filter((s) => s.ResourceType === 'launch-template').flatMap((s) => tags(s)),
      Data: data,
    };
    store.templates.set(template.LaunchTemplateId, template);
    return {
      launchTemplate: {
        launchTemplateId: template.LaunchTemplateId,
        launchTemplateName: name,
        createTime: template.CreateTime,
        createdBy: `arn:aws:iam::${OWNER_ID}:root`,
        defaultVersionNumber: 1,
        latestVersionNumber: 1,
        tagSet: template.Tags.length > 0 ? tagSet(template.Tags) : undefined,
      },
    };
  },
};

interface Pool {
  template: LaunchTemplate;
  version: string | undefined;
  override: QueryParams;
  order: number;
}

type Market = 'spot' | 'on-demand';

function orderPools(pools: Pool[], market: Market, strategy: string | undefined, region: string): Pool[] {
  const typeOf = (p: Pool) => instanceType(p.override.InstanceType ?? p.template.Data.InstanceType ?? '');
  const price = (p: Pool) => {
    const type = typeOf(p);
    if (!type) return Number.POSITIVE_INFINITY;
    const subnet = p.override.SubnetId ?? p.template.Data.SubnetId ?? '';
    return market === 'spot' ? Number(spotPrice(type, zoneOfSubnet(region, subnet))) : type.OnDemandPrice;
  };
  const priority = (p: Pool) => Number(p.override.Priority ?? Number.POSITIVE_INFINITY);
  const by = strategy?.includes('prioritized') ? priority : strategy === 'lowest-price' || strategy === 'price-capacity-optimized' ? price : undefined;
  return [...pools].sort((a, b) => (by ? by(a) - by(b) : 0) || a.order - b.order);
}

function poolXml(pool: Pool, market: Market): { [name: string]: XmlValue } {
  const o = pool.override;
  return {
    launchTemplateAndOverrides: {
      launchTemplateSpecification: { launchTemplateId: pool.template.LaunchTemplateId, version: pool.version ?? '$Default' },
      overrides: { instanceType: o.InstanceType, maxPrice: o.MaxPrice, subnetId: o.SubnetId, availabilityZone: o.AvailabilityZone, priority: o.Priority },
    },
    lifecycle: market,
  };
}

function launchFromPools(ctx: ActionContext, pools: Pool[], market: Market, target: number, fleetId: string) {
  const { store, params, region, faults } = ctx;
  const fleetTags = members(params, 'TagSpecification').filter((s) => s.ResourceType === 'instance').flatMap((s) => tags(s));
  const strategy = market === 'spot' ? params['SpotOptions.AllocationStrategy'] ?? 'lowest-price' : params['OnDemandOptions.AllocationStrategy'] ?? 'lowest-price';
  const launched: XmlValue[] = [];
  const errors: XmlValue[] = [];
  let remaining = target;
  for (const pool of orderPools(pools, market, strategy, region)) {
    if (remaining === 0) break;
    const o = pool.override;
    const data = overlay(pool.template.Data, {
      ...(o.InstanceType !== undefined ? { InstanceType: o.InstanceType } : {}),
      ...(o.SubnetId !== undefined ? { SubnetId: o.SubnetId } : {}),
    });
    const spec = { ...readLaunchSpec(data), MarketType: market };
    spec.MaxPrice = market === 'spot' ? o.MaxPrice ?? spec.MaxPrice : undefined;
    const extraTags = [...fleetTags, { Key: 'aws:ec2:fleet-id', Value: fleetId }];
    spec.TagSpecifications = [...spec.TagSpecifications, { ResourceType: 'instance', Tags: extraTags }];
    try {
      const aliases = { InstanceType: spec.InstanceType, SubnetId: spec.SubnetId, MarketType: market, AvailabilityZone: zoneOfSubnet(region, spec.SubnetId) };
      const fault = faults.take('ec2', 'CreateFleet', { ...params, ...aliases });
      if (fault) throw faultError(fault);
      validateLaunchSpec({ ...spec, TagSpecifications: [] }, undefined);
      const instances = store.launch(spec, 1, remaining);
      remaining -= instances.length;
      launched.push({ ...poolXml(pool, market), instanceIds: instances.map((i) => i.InstanceId), instanceType: spec.InstanceType, platform: undefined });
    } catch (error) {
      if (!(error instanceof Ec2Error)) throw error;
      errors.push({ ...poolXml(pool, market), errorCode: error.code, errorMessage: error.message });
    }
  }
  return { launched, errors };
}

const createFleet: ActionHandler = {
  aliases: ({ params }) => ({ MarketType: params['TargetCapacitySpecification.DefaultTargetCapacityType'] ?? 'on-demand' }),
  run(ctx) {
    const { params, store } = ctx;
    const type = params.Type ?? 'maintain';
    if (type !== 'instant') throw new Ec2Error('Unsupported', `The sandbox only emulates fleets of Type=instant, not '${type}'.`);
    const configs = members(params, 'LaunchTemplateConfigs');
    if (configs.length === 0) throw missing('LaunchTemplateConfigs');
    const capacity = scope(params, 'TargetCapacitySpecification');
    if (capacity.TotalTargetCapacity === undefined) throw missing('TargetCapacitySpecification.TotalTargetCapacity');
    const total = Number(capacity.TotalTargetCapacity);
    const defaultType = (capacity.DefaultTargetCapacityType ?? 'on-demand') as Market;
    if (defaultType !== 'spot' && defaultType !== 'on-demand') throw new Ec2Error('InvalidParameterValue', `Invalid value '${defaultType}' for DefaultTargetCapacityType.`);
    const token = params.ClientToken;
    const print = fingerprint(params);
    if (token !== undefined) {
      const previous = store.replay(`CreateFleet:${token}`, print) as Record<string, XmlValue> | undefined;
      if (previous) return previous;
    }
    let pools: Pool[] = configs.flatMap((config) => {
      const spec = scope(config, 'LaunchTemplateSpecification');
      const template = findTemplate(store, spec);
      const overrides = members(config, 'Overrides');
      return (overrides.length > 0 ? overrides : [{}]).map((override) => ({ template, version: spec.Version, override, order: 0 }));
    });
    pools = pools.map((pool, order) => ({ ...pool, order }));
    const spotTarget = Number(capacity.SpotTargetCapacity ?? 0);
    const onDemandTarget = Number(capacity.OnDemandTargetCapacity ?? 0);
    const rest = Math.max(0, total - spotTarget - onDemandTarget);
    const targets: Record<Market, number> = {
      'on-demand': onDemandTarget + (defaultType === 'on-demand' ? rest : 0),
      spot: spotTarget + (defaultType === 'spot' ? rest : 0),
    };
    const hex = store.newId('x', 32).slice(2);
    const fleetId = `fleet-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    const results = (['on-demand', 'spot'] as const)
      .filter((market) => targets[market] > 0)
      .map((market) => launchFromPools(ctx, pools, market, targets[market], fleetId));
    const body = { fleetId, errorSet: results.flatMap((r) => r.errors), fleetInstanceSet: results.flatMap((r) => r.launched) };
    if (token !== undefined) store.remember(`CreateFleet:${token}`, print, body);
    return body;
  },
};

/** The fleet actions by name. */
export const fleetActions: Record<string, ActionHandler> = {
  CreateLaunchTemplate: createLaunchTemplate,
  CreateFleet: createFleet,
};
