/** DescribeInstances: ids, filters with EC2's wildcards, and MaxResults/NextToken pagination over instances. */
import { Ec2Error, invalidValue } from '../errors.js';
import { reservationsXml } from '../instance-xml.js';
import type { Instance } from '../model.js';
import { members, values } from '../query.js';
import type { ActionHandler } from './context.js';
import { namedInstances } from './instances.js';

/** The value(s) a filter name looks at on one instance; undefined means EC2 does not know the filter. */
function filterValues(instance: Instance, name: string): (string | undefined)[] | undefined {
  if (name.startsWith('tag:')) return instance.Tags.filter((t) => t.Key === name.slice(4)).map((t) => t.Value);
  switch (name) {
    case 'tag-key':
      return instance.Tags.map((t) => t.Key);
    case 'tag-value':
      return instance.Tags.map((t) => t.Value);
    case 'instance-state-name':
      return [instance.State.Name];
    case 'instance-state-code':
      return [String(instance.State.Code)];
    case 'instance-type':
      return [instance.InstanceType];
    case 'instance-id':
      return [instance.InstanceId];
    case 'image-id':
      return [instance.ImageId];
    case 'subnet-id':
      return [instance.SubnetId];
    case 'availability-zone':
      return [instance.Placement.AvailabilityZone];
    case 'instance-lifecycle':
      return [instance.InstanceLifecycle];
    case 'client-token':
      return [instance.ClientToken];
    case 'reservation-id':
      return [instance.ReservationId];
    default:
      return undefined;
  }
}

/** EC2 filter values allow `*` (any run) and `?` (one character). */
function pattern(value: string): RegExp {
  const body = value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** Stands in for an instance when checking filter names, so unknown names fail even on an empty world. */
const probe = { Tags: [], State: { Code: 0, Name: 'pending' }, Placement: {} } as unknown as Instance;

interface PageToken {
  offset: number;
}

const encodeToken = (token: PageToken) => Buffer.from(JSON.stringify(token)).toString('base64url');

function decodeToken(raw: string): PageToken {
  try {
    const token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
    if (Number.isInteger(token.offset) && token.offset >= 0) return token;
  } catch {
    // fall through to EC2's error
  }
  throw new Ec2Error('InvalidPaginationToken', `Invalid pagination token: ${raw}`);
}

const describeInstances: ActionHandler = {
  run({ store, params }) {
    const ids = values(params, 'InstanceId');
    const filters = members(params, 'Filter').map((f) => ({ name: f.Name ?? '', patterns: values(f, 'Value').map(pattern) }));
    const maxResults = params.MaxResults === undefined ? undefined : Number(params.MaxResults);
    if (maxResults !== undefined) {
      if (ids.length > 0) {
        throw new Ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
      }
      if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 1000) {
        throw invalidValue('maxResults', String(params.MaxResults), 'Value must be between 5 and 1000.');
      }
    }
    let instances = ids.length > 0 ? namedInstances(store, ids) : store.instances();
    for (const filter of filters) {
      if (filterValues(probe, filter.name) === undefined) {
        throw new Ec2Error('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
      }
      instances = instances.filter((i) => (filterValues(i, filter.name) ?? []).some((v) => v !== undefined && filter.patterns.some((p) => p.test(v))));
    }
    const offset = params.NextToken ? decodeToken(params.NextToken).offset : 0;
    const end = maxResults === undefined ? instances.length : offset + maxResults;
    const page = instances.slice(offset, end);
    return {
      reservationSet: reservationsXml(page),
      nextToken: end < instances.length ? encodeToken({ offset: end }) : undefined,
    };
  },
};

/** The describe action by name. */
export const describeActions: Record<string, ActionHandler> = { DescribeInstances: describeInstances };
