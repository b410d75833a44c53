/** Validates webhook payloads against @octokit/webhooks-schemas (widened as in webhook-schemas.test.ts, and for installation events). */
import { createRequire } from 'node:module';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

function widened(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(widened);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, widened(v)])) as Record<string, any>;
  if (out.additionalProperties === false && out.properties?.login && out.properties?.avatar_url && !out.properties.user_view_type) {
    out.properties = { ...out.properties, user_view_type: { type: 'string', enum: ['public', 'private'] } };
  }
  // An installation's `events` enum predates `deployment_protection_rule`, an event the schemas themselves define
  // and GitHub lists for apps subscribed to it (ours is).
  if (Array.isArray(out.enum) && out.enum.includes('workflow_run') && out.enum.includes('push') && !out.enum.includes('deployment_protection_rule')) {
    out.enum = [...out.enum, 'deployment_protection_rule'];
  }
  return out;
}

/** Returns a function listing schema failures of `{event, payload}` deliveries (empty when all validate). */
export function webhookValidator(): (deliveries: Array<{ event: string; payload: Record<string, unknown> }>) => string[] {
  const schema = createRequire(import.meta.url)('@octokit/webhooks-schemas') as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(ajv);
  ajv.addSchema(widened(schema) as object, 'webhooks');
  return (deliveries) => {
    const failures: string[] = [];
    for (const { event, payload } of deliveries) {
      const name = typeof payload.action === 'string' ? `${event}$${payload.action}` : `${event}$event`;
      const validate = ajv.getSchema(`webhooks#/definitions/${name}`);
      if (!validate) failures.push(`${name}: no schema`);
      else if (!validate(payload)) failures.push(`${name}: ${(validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ')}`);
    }
    return failures;
  };
}
