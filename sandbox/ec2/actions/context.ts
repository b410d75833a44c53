/** What every EC2 action gets, and the shape an action module exports. */
import { Ec2Error } from '../errors.js';
import type { LaunchTemplate } from '../model.js';
import type { QueryParams } from '../query.js';
import type { Store } from '../store.js';
import type { FaultRegistry } from '../../faults.js';
import type { XmlValue } from '../xml.js';

export interface ActionContext {
  params: QueryParams;
  store: Store;
  region: string;
  faults: FaultRegistry;
  now(): number;
}

export interface ActionHandler {
  /** Convenience values faults can match on besides the raw params (`InstanceType`, `SubnetId`, `MarketType`, …). */
  aliases?(ctx: ActionContext): Record<string, string>;
  /** Serves the request: the children of `<ActionResponse>` (besides `requestId`), or throws an `Ec2Error`. */
  run(ctx: ActionContext): Record<string, XmlValue>;
}

/** A fingerprint of the request for ClientToken idempotency: every param but the token and protocol fields. */
export function fingerprint(params: QueryParams): string {
  const skip = new Set(['ClientToken', 'Action', 'Version', 'DryRun']);
  return JSON.stringify(Object.entries(params).filter(([key]) => !skip.has(key)).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The launch template named by `LaunchTemplateId` or `LaunchTemplateName` (scoped params), or EC2's not-found error. */
export function findTemplate(store: Store, spec: QueryParams): LaunchTemplate {
  const { LaunchTemplateId: id, LaunchTemplateName: name } = spec;
  if (id !== undefined) {
    const template = store.templates.get(id);
    if (!template) throw new Ec2Error('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
    return template;
  }
  if (name !== undefined) {
    const template = [...store.templates.values()].find((t) => t.LaunchTemplateName === name);
    if (!template) {
      throw new Ec2Error('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
    }
    return template;
  }
  throw new Ec2Error('MissingParameter', 'The request must contain the parameter launchTemplateName or launchTemplateId');
}

/** Instance ids EC2 accepts syntactically. */
export function checkInstanceId(id: string): void {
  if (!/^i-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id)) throw new Ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
}

/** EC2's not-found error for one or several instance ids. */
export function instancesNotFound(ids: string[]): Ec2Error {
  const message = ids.length === 1 ? `The instance ID '${ids[0]}' does not exist` : `The instance IDs '${ids.join(', ')}' do not exist`;
  return new Ec2Error('InvalidInstanceID.NotFound', message);
}
