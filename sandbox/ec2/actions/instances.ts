/** RunInstances, TerminateInstances and CreateTags. */
import { zoneOfSubnet } from '../catalog.js';
import { Ec2Error, invalidValue, missing } from '../errors.js';
import { reservationXml } from '../instance-xml.js';
import { overlay, readLaunchSpec, validateLaunchSpec, type LaunchSpec } from '../launch-spec.js';
import type { Instance } from '../model.js';
import { scope, tags, values, type QueryParams } from '../query.js';
import type { Store } from '../store.js';
import { checkInstanceId, findTemplate, fingerprint, instancesNotFound, type ActionHandler } from './context.js';

const NOT_LAUNCH_PARAMS = new Set(['Action', 'Version', 'MinCount', 'MaxCount', 'ClientToken', 'DryRun']);

/** The effective launch spec of a RunInstances request: its launch template (if any) overlaid with its own params. */
function launchSpecOf(store: Store, params: QueryParams): LaunchSpec {
  const own = Object.fromEntries(Object.entries(params).filter(([key]) => !NOT_LAUNCH_PARAMS.has(key) && !key.startsWith('LaunchTemplate.')));
  const template = scope(params, 'LaunchTemplate');
  const base = Object.keys(template).length > 0 ? findTemplate(store, template).Data : {};
  return readLaunchSpec(overlay(base, own));
}

function count(params: QueryParams, name: 'MinCount' | 'MaxCount'): number {
  const raw = params[name];
  if (raw === undefined) throw missing(name);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw invalidValue(name, raw);
  return value;
}

const runInstances: ActionHandler = {
  aliases({ store, params, region }) {
    const spec = launchSpecOf(store, params);
    return { InstanceType: spec.InstanceType, SubnetId: spec.SubnetId, MarketType: spec.MarketType, AvailabilityZone: zoneOfSubnet(region, spec.SubnetId) };
  },
  run({ store, params }) {
    const min = count(params, 'MinCount');
    const max = count(params, 'MaxCount');
    if (min > max) throw new Ec2Error('InvalidParameterValue', `MinCount (${min}) must be less than or equal to MaxCount (${max})`);
    const spec = launchSpecOf(store, params);
    const rawMarket = params['InstanceMarketOptions.MarketType'];
    validateLaunchSpec(spec, rawMarket);
    const token = params.ClientToken;
    const print = fingerprint(params);
    if (token !== undefined) {
      const previous = store.replay(`RunInstances:${token}`, print) as { reservationId: string; instanceIds: string[] } | undefined;
      if (previous) {
        const instances = previous.instanceIds.map((id) => store.instance(id)).filter((i): i is Instance => i !== undefined);
        return reservationXml(previous.reservationId, instances);
      }
    }
    const launched = store.launch(spec, min, max, token);
    const reservationId = launched[0]?.ReservationId ?? '';
    if (token !== undefined) store.remember(`RunInstances:${token}`, print, { reservationId, instanceIds: launched.map((i) => i.InstanceId) });
    return reservationXml(reservationId, launched);
  },
};

/** The instances named by `InstanceId.N`, all of which must exist. */
export function namedInstances(store: Store, ids: string[]): Instance[] {
  ids.forEach(checkInstanceId);
  const missingIds = ids.filter((id) => !store.instance(id));
  if (missingIds.length > 0) throw instancesNotFound(missingIds);
  return ids.map((id) => store.instance(id) as Instance);
}

const terminateInstances: ActionHandler = {
  run({ store, params }) {
    const ids = values(params, 'InstanceId');
    if (ids.length === 0) throw missing('InstanceId');
    const instances = namedInstances(store, ids);
    return {
      instancesSet: instances.map((instance) => {
        const previous = { code: instance.State.Code, name: instance.State.Name };
        store.terminate(instance);
        return { instanceId: instance.InstanceId, currentState: { code: instance.State.Code, name: instance.State.Name }, previousState: previous };
      }),
    };
  },
};

const createTags: ActionHandler = {
  run({ store, params }) {
    const resources = values(params, 'ResourceId');
    const newTags = tags(params);
    if (resources.length === 0) throw missing('ResourceId');
    if (newTags.length === 0) throw missing('Tag');
    if (newTags.some((t) => t.Key.toLowerCase().startsWith('aws:'))) {
      throw new Ec2Error('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
    }
    const targets = resources.map((id) => {
      if (id.startsWith('i-')) return namedInstances(store, [id])[0] as Instance;
      const volume = store.volumes().find((v) => v.VolumeId === id && v.State !== 'deleted');
      if (id.startsWith('vol-') && volume) return volume;
      const template = store.templates.get(id);
      if (template) return template;
      if (id.startsWith('vol-')) throw new Ec2Error('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
      throw new Ec2Error('InvalidID', `The ID '${id}' is not valid`);
    });
    for (const target of targets) {
      for (const tag of newTags) {
        target.Tags = [...target.Tags.filter((t) => t.Key !== tag.Key), { Key: tag.Key, Value: tag.Value }];
      }
    }
    return { return: true };
  },
};

/** The instance actions by name. */
export const instanceActions: Record<string, ActionHandler> = {
  RunInstances: runInstances,
  TerminateInstances: terminateInstances,
  CreateTags: createTags,
};

