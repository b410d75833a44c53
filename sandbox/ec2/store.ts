/**
 * The emulator's world: instances, volumes, launch templates and idempotency records, with the instance lifecycle
 * evaluated lazily against the virtual clock (`evaluate()`), firing state listeners in time order.
 */
import { instanceType, spotPrice, zoneOfSubnet, DEFAULT_VPC } from './catalog.js';
import { Ec2Error } from './errors.js';
import { createIdSource } from './ids.js';
import type { LaunchSpec } from './launch-spec.js';
import { STATE_CODES, type Instance, type InstanceStateName, type LaunchTemplate, type Volume } from './model.js';

/** Called on every state change (and on launch, with `previous` null) with a copy of the instance. */
export type InstanceStateListener = (instance: Instance, previous: InstanceStateName | null) => void;

export interface StoreOptions {
  now(): number;
  region: string;
  bootSeconds: number;
  shutdownSeconds: number;
  /** How long terminated instances stay visible (AWS: about an hour). */
  terminatedRetentionSeconds: number;
  /** Most live instances per instance type; launches beyond it fail with InsufficientInstanceCapacity. */
  capacity: Record<string, number>;
}

interface Timers {
  runningAt?: number;
  shutdownAt?: number;
  terminatedAt?: number;
  purgeAt?: number;
}

export type Store = ReturnType<typeof createStore>;

/** Creates an empty world. */
export function createStore(options: StoreOptions) {
  const ids = createIdSource();
  let instances = new Map<string, Instance>();
  let timers = new Map<string, Timers>();
  let volumes = new Map<string, Volume>();
  const templates = new Map<string, LaunchTemplate>();
  let idempotency = new Map<string, { fingerprint: string; result: unknown }>();
  let ipCounter = 0;
  const listeners = new Set<InstanceStateListener>();
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');

  // A failing subscriber (e.g. the GitHub emulator) must not fail the EC2 request that moved the instance.
  const notify = (instance: Instance, previous: InstanceStateName | null) => {
    for (const listener of listeners) {
      try {
        listener(structuredClone(instance), previous);
      } catch (error) {
        console.error('ec2 emulator: instance state listener failed:', error);
      }
    }
  };

  const setState = (instance: Instance, name: InstanceStateName) => {
    const previous = instance.State.Name;
    instance.State = { Code: STATE_CODES[name], Name: name };
    notify(instance, previous);
  };

  const beginShutdown = (instance: Instance, at: number, reason: { Code: string; Message: string }, transition: string) => {
    instance.StateReason = reason;
    instance.StateTransitionReason = `${transition} (${new Date(at).toISOString().replace(/\.\d{3}Z$/, ' GMT').replace('T', ' ')})`;
    const t = timers.get(instance.InstanceId) ?? {};
    t.shutdownAt = undefined;
    t.terminatedAt = at + options.shutdownSeconds * 1000;
    timers.set(instance.InstanceId, t);
    setState(instance, 'shutting-down');
  };

  const finishTermination = (instance: Instance, at: number) => {
    instance.PublicIpAddress = undefined;
    instance.PublicDnsName = '';
    for (const volume of volumes.values()) {
      const attachment = volume.Attachments.find((a) => a.InstanceId === instance.InstanceId);
      if (!attachment) continue;
      volume.Attachments = volume.Attachments.filter((a) => a !== attachment);
      if (attachment.DeleteOnTermination) volume.State = 'deleted';
    }
    timers.set(instance.InstanceId, { purgeAt: at + options.terminatedRetentionSeconds * 1000 });
    setState(instance, 'terminated');
  };

  /** The next due transition of one instance, if any is due by `now`. */
  const due = (instance: Instance, now: number): { at: number; run: () => void } | undefined => {
    const t = timers.get(instance.InstanceId) ?? {};
    const state = instance.State.Name;
    const candidates: { at: number; run: () => void }[] = [];
    if (state === 'pending' && t.runningAt !== undefined) candidates.push({ at: t.runningAt, run: () => setState(instance, 'running') });
    if ((state === 'pending' || state === 'running') && t.shutdownAt !== undefined) {
      const at = t.shutdownAt;
      const reason = { Code: 'Server.SpotInstanceTermination', Message: 'Server.SpotInstanceTermination: Spot instance termination' };
      candidates.push({ at, run: () => beginShutdown(instance, at, reason, 'Service initiated') });
    }
    if (state === 'shutting-down' && t.terminatedAt !== undefined) {
      const at = t.terminatedAt;
      candidates.push({ at, run: () => finishTermination(instance, at) });
    }
    if (state === 'terminated' && t.purgeAt !== undefined) {
      candidates.push({ at: t.purgeAt, run: () => (instances.delete(instance.InstanceId), timers.delete(instance.InstanceId)) });
    }
    return candidates.filter((c) => c.at <= now).sort((a, b) => a.at - b.at)[0];
  };

  return {
    /** Applies every transition due by the virtual clock's now, earliest first. */
    evaluate(): void {
      const now = options.now();
      for (;;) {
        const next = [...instances.values()]
          .map((i) => due(i, now))
          .filter((d) => d !== undefined)
          .sort((a, b) => a.at - b.at)[0];
        if (!next) return;
        next.run();
      }
    },
    onInstanceState(listener: InstanceStateListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    newId: (prefix: string, digits?: number) => ids.next(prefix, digits),
    instance: (id: string) => instances.get(id),
    instances: () => [...instances.values()],
    volumes: () => [...volumes.values()],
    templates,

    /** Starts `min…max` instances of one spec in a new reservation, or throws the capacity/price error EC2 would. */
    launch(spec: LaunchSpec, min: number, max: number, clientToken?: string): Instance[] {
      const type = instanceType(spec.InstanceType);
      if (!type) throw new Ec2Error('InvalidParameterValue', `Invalid value '${spec.InstanceType}' for InstanceType.`);
      const zone = zoneOfSubnet(options.region, spec.SubnetId);
      if (spec.MarketType === 'spot' && spec.MaxPrice !== undefined) {
        const price = spotPrice(type, zone);
        if (Number(spec.MaxPrice) < Number(price)) {
          throw new Ec2Error(
            'SpotMaxPriceTooLow',
            `Your Spot request price of ${spec.MaxPrice} is lower than the minimum required Spot request fulfillment price of ${Number(price)}.`,
          );
        }
      }
      const limit = options.capacity[spec.InstanceType];
      const live = [...instances.values()].filter((i) => i.InstanceType === spec.InstanceType && i.State.Name !== 'terminated');
      const available = limit === undefined ? max : Math.max(0, limit - live.length);
      if (available < min) {
        throw new Ec2Error(
          'InsufficientInstanceCapacity',
          `We currently do not have sufficient ${spec.InstanceType} capacity in the Availability Zone you requested (${zone}). ` +
            'Our system will be working on provisioning additional capacity.',
        );
      }
      const now = options.now();
      const reservationId = ids.next('r');
      const instanceTags = spec.TagSpecifications.filter((s) => s.ResourceType === 'instance').flatMap((s) => s.Tags);
      const volumeTags = spec.TagSpecifications.filter((s) => s.ResourceType === 'volume').flatMap((s) => s.Tags);
      const launched: Instance[] = [];
      for (let index = 0; index < Math.min(max, available); index++) {
        ipCounter += 1;
        const privateIp = `10.0.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 4}`;
        const publicIp = spec.AssociatePublicIpAddress ? `54.${160 + (Math.floor(ipCounter / 250) % 90)}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 4}` : undefined;
        const InstanceId = ids.next('i');
        const devices = spec.BlockDeviceMappings.length > 0 ? spec.BlockDeviceMappings : [{ DeviceName: '/dev/xvda', VolumeSize: 8, VolumeType: 'gp2', Encrypted: false, DeleteOnTermination: true }];
        const BlockDeviceMappings = devices.map((device) => {
          const volume: Volume = {
            VolumeId: ids.next('vol'), Size: device.VolumeSize, VolumeType: device.VolumeType, Encrypted: device.Encrypted,
            AvailabilityZone: zone, Tags: structuredClone(volumeTags), State: 'in-use',
            Attachments: [{ InstanceId, Device: device.DeviceName, DeleteOnTermination: device.DeleteOnTermination }],
          };
          volumes.set(volume.VolumeId, volume);
          const Ebs = { VolumeId: volume.VolumeId, Status: 'attached' as const, AttachTime: iso(now), DeleteOnTermination: device.DeleteOnTermination };
          return { DeviceName: device.DeviceName, Ebs };
        });
        const instance: Instance = {
          InstanceId, ImageId: spec.ImageId ?? '', InstanceType: spec.InstanceType,
          State: { Code: STATE_CODES.pending, Name: 'pending' }, StateTransitionReason: '',
          LaunchTime: iso(now), AmiLaunchIndex: index, Placement: { AvailabilityZone: zone, Tenancy: 'default' },
          SubnetId: spec.SubnetId, VpcId: DEFAULT_VPC, PrivateIpAddress: privateIp,
          PrivateDnsName: `ip-${privateIp.replaceAll('.', '-')}.ec2.internal`, PublicIpAddress: publicIp,
          PublicDnsName: publicIp ? `ec2-${publicIp.replaceAll('.', '-')}.compute-1.amazonaws.com` : '',
          Tags: structuredClone(instanceTags), UserData: spec.UserData,
          InstanceInitiatedShutdownBehavior: spec.InstanceInitiatedShutdownBehavior,
          ...(spec.MarketType === 'spot'
            ? { InstanceLifecycle: 'spot' as const, SpotInstanceRequestId: ids.next('sir', 8), SpotMaxPrice: spec.MaxPrice ?? type.OnDemandPrice.toFixed(6) }
            : {}),
          MetadataOptions: { ...spec.MetadataOptions }, BlockDeviceMappings, RootDeviceName: devices[0]?.DeviceName ?? '/dev/xvda',
          SecurityGroups: (spec.SecurityGroupIds.length > 0 ? spec.SecurityGroupIds : ['sg-0d0d0d0d0d0d0d0d0']).map((GroupId) => ({ GroupId, GroupName: GroupId === 'sg-0d0d0d0d0d0d0d0d0' ? 'default' : GroupId })),
          KeyName: spec.KeyName, ClientToken: clientToken, ReservationId: reservationId,
        };
        instances.set(InstanceId, instance);
        timers.set(InstanceId, { runningAt: now + options.bootSeconds * 1000 });
        launched.push(instance);
        notify(instance, null);
      }
      return launched;
    },

    /** Starts shutting an instance down on request; returns its previous state. */
    terminate(instance: Instance): InstanceStateName {
      const previous = instance.State.Name;
      if (previous === 'pending' || previous === 'running' || previous === 'stopped' || previous === 'stopping') {
        beginShutdown(instance, options.now(), { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' }, 'User initiated');
      }
      return previous;
    },

    /** Issues a two-minute Spot interruption notice; the instance shuts down when it is up. */
    interrupt(instance: Instance): { action: 'terminate'; time: string } {
      const at = options.now() + 120_000;
      instance.SpotInstanceAction = { action: 'terminate', time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z') };
      const t = timers.get(instance.InstanceId) ?? {};
      t.shutdownAt = at;
      timers.set(instance.InstanceId, t);
      return instance.SpotInstanceAction;
    },

    /** Idempotency: the stored result for this token, a mismatch error, or undefined when the token is new. */
    replay(key: string, fingerprint: string): unknown {
      const record = idempotency.get(key);
      if (!record) return undefined;
      if (record.fingerprint !== fingerprint) {
        throw new Ec2Error('IdempotentParameterMismatch', 'The client token you have provided is associated with a resource that is already deleted or has different parameters. Please use a different client token.');
      }
      return record.result;
    },
    remember(key: string, fingerprint: string, result: unknown): void {
      idempotency.set(key, { fingerprint, result });
    },

    /** Forgets everything but keeps listeners and the id sequence (ids are never reused). */
    reset(): void {
      instances = new Map();
      timers = new Map();
      volumes = new Map();
      templates.clear();
      idempotency = new Map();
    },
  };
}
