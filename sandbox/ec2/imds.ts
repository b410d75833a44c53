/**
 * Instance metadata (IMDSv2) for every emulated instance behind one endpoint. Real instances each reach their own
 * 169.254.169.254; here one listener serves them all, so a request names its instance by path prefix
 * (`/instances/<id>/latest/…`, i.e. `AWS_EC2_METADATA_SERVICE_ENDPOINT=<url>/instances/<id>`) or, for clients that
 * drop the endpoint's path (the AWS SDK's own IMDS clients do), by the `x-sandbox-instance-id` header.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OWNER_ID } from './instance-xml.js';
import type { Instance } from './model.js';
import type { Store } from './store.js';

export const INSTANCE_HEADER = 'x-sandbox-instance-id';
const MAX_TTL_SECONDS = 21600;

/** Whether a request path belongs to the metadata service rather than the EC2 API. */
export function isMetadataPath(path: string): boolean {
  return path.startsWith('/latest/') || path.startsWith('/instances/');
}

export interface MetadataService {
  handle(req: IncomingMessage, res: ServerResponse): void;
  reset(): void;
}

/** Creates the metadata service over the store; tokens expire on the virtual clock. */
export function createMetadataService(options: { store: Store; now(): number; region: string }): MetadataService {
  const { store, now, region } = options;
  let tokens = new Map<string, { instanceId: string; expiresAt: number }>();

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain', server: 'EC2ws', ...headers });
    res.end(body);
  };

  const metadata = (instance: Instance, key: string): string | undefined => {
    const tags = instance.MetadataOptions.InstanceMetadataTags === 'enabled' ? instance.Tags : undefined;
    if (key.startsWith('tags/instance')) {
      const tagKey = key.slice('tags/instance/'.length);
      if (!tags) return undefined;
      return tagKey ? tags.find((t) => t.Key === tagKey)?.Value : tags.map((t) => t.Key).join('\n');
    }
    const fields: Record<string, string | undefined> = {
      'ami-id': instance.ImageId,
      hostname: instance.PrivateDnsName,
      'instance-id': instance.InstanceId,
      'instance-life-cycle': instance.InstanceLifecycle ?? 'on-demand',
      'instance-type': instance.InstanceType,
      'local-hostname': instance.PrivateDnsName,
      'local-ipv4': instance.PrivateIpAddress,
      'placement/availability-zone': instance.Placement.AvailabilityZone,
      'placement/region': region,
      'public-ipv4': instance.PublicIpAddress,
      'reservation-id': instance.ReservationId,
      'security-groups': instance.SecurityGroups.map((g) => g.GroupName).join('\n'),
      'spot/instance-action': instance.SpotInstanceAction && JSON.stringify(instance.SpotInstanceAction),
      'spot/termination-time': instance.SpotInstanceAction?.time.replace('Z', '.000Z'),
    };
    if (key === '') {
      const present = Object.keys(fields).filter((k) => fields[k] !== undefined).map((k) => (k.includes('/') ? `${k.split('/')[0]}/` : k));
      return [...new Set([...present, ...(tags ? ['tags/'] : [])])].join('\n');
    }
    return fields[key];
  };

  const document = (i: Instance) =>
    JSON.stringify({
      accountId: OWNER_ID, architecture: 'x86_64', availabilityZone: i.Placement.AvailabilityZone, imageId: i.ImageId,
      instanceId: i.InstanceId, instanceType: i.InstanceType, pendingTime: i.LaunchTime.replace('.000Z', 'Z'),
      privateIp: i.PrivateIpAddress, region, version: '2017-09-30',
    });

  return {
    handle(req, res) {
      store.evaluate();
      const url = new URL(req.url ?? '/', 'http://imds');
      const prefixed = /^\/instances\/([^/]+)(\/latest\/.*)$/.exec(url.pathname);
      const instanceId = prefixed?.[1] ?? (req.headers[INSTANCE_HEADER] as string | undefined);
      const path = prefixed?.[2] ?? url.pathname;
      const instance = instanceId ? store.instance(instanceId) : undefined;
      if (!instanceId) return send(res, 404, `Name the instance: /instances/<id>/latest/… or the ${INSTANCE_HEADER} header`);
      if (!instance || instance.State.Name === 'terminated') return send(res, 404, 'Not Found');
      if (instance.MetadataOptions.HttpEndpoint === 'disabled') return send(res, 403, 'Forbidden');

      if (path === '/latest/api/token') {
        if (req.method !== 'PUT') return send(res, 405, 'Method Not Allowed');
        const raw = req.headers['x-aws-ec2-metadata-token-ttl-seconds'];
        const ttl = Number(raw);
        if (typeof raw !== 'string' || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) return send(res, 400, 'Bad Request');
        const token = randomBytes(42).toString('base64');
        tokens.set(token, { instanceId: instance.InstanceId, expiresAt: now() + ttl * 1000 });
        return send(res, 200, token, { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed');
      const presented = req.headers['x-aws-ec2-metadata-token'];
      if (typeof presented === 'string') {
        const record = tokens.get(presented);
        if (!record || record.instanceId !== instance.InstanceId || record.expiresAt <= now()) return send(res, 401, 'Unauthorized');
      } else if (instance.MetadataOptions.HttpTokens === 'required') {
        return send(res, 401, 'Unauthorized');
      }

      let body: string | undefined;
      if (path === '/latest/user-data') body = instance.UserData && Buffer.from(instance.UserData, 'base64').toString('utf8');
      else if (path === '/latest/dynamic/instance-identity/document') body = document(instance);
      else if (path.startsWith('/latest/meta-data')) body = metadata(instance, path.slice('/latest/meta-data'.length).replace(/^\/|\/$/g, ''));
      if (body === undefined) return send(res, 404, 'Not Found');
      return send(res, 200, body);
    },
    reset() {
      tokens = new Map();
    },
  };
}
