/**
 * OpenAPI conformance for the GitHub emulator: wraps an Octokit instance's `request` hook so every call's request body
 * and 2xx response body are validated (ajv, strict off, ajv-formats) against the schemas of the same operation in
 * @octokit/openapi's api.github.com description, and records which operationIds were exercised.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

interface Operation {
  operationId: string;
  method: string;
  template: string;
  regex: RegExp;
  responses: Record<string, unknown>;
  requestSchema: unknown;
}

const NOT_BODY = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType', 'data']);

/** The JSON body Octokit will send: `data`, or every option that is not a URL parameter (as @octokit/endpoint does). */
function requestBody(options: Record<string, unknown>): unknown {
  if (String(options.method).toUpperCase() === 'GET') return undefined;
  if (options.data !== undefined) return options.data;
  const inUrl = new Set([...String(options.url).matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  const body = Object.fromEntries(Object.entries(options).filter(([k]) => !NOT_BODY.has(k) && !inUrl.has(k)));
  return Object.keys(body).length > 0 ? body : undefined;
}

export interface Checker {
  /** Installs the validating hook on an Octokit instance (anything with `hook.wrap('request', …)`). */
  wrap<T extends { hook: { wrap: (name: 'request', fn: (request: any, options: any) => Promise<any>) => void } }>(octokit: T): T;
  /** operationIds seen with a 2xx response. */
  covered: Set<string>;
  /** Human-readable schema violations. */
  failures: string[];
}

/** Loads the spec (once per test file: it is 13 MB) and returns a checker factory. */
export function loadOpenApi(): { createChecker(): Checker; operationFor(method: string, template: string): string | undefined } {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, any>; requestBody?: any }>>;
    components: { schemas: Record<string, unknown>; responses?: Record<string, unknown> };
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(ajv);
  // OpenAPI 3.0 → JSON Schema: refs point into the shared 'gh' document, `nullable: true` becomes a null type.
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `gh${v}` : rewrite(v);
      if (out.nullable === true) {
        delete out.nullable;
        if (typeof out.type === 'string') {
          out.type = [out.type, 'null'];
          if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
          return out;
        }
        return { anyOf: [out, { type: 'null' }] };
      }
      delete out.nullable;
      return out;
    }
    return node;
  };
  ajv.addSchema({ $id: 'gh', components: { schemas: rewrite(spec.components.schemas) } });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId) continue;
      const segments = template.split('/').slice(1);
      const pattern = segments
        .map((s, i) => (/^\{\w+\}$/.test(s) ? (i === segments.length - 1 && /\{(ref|path)\}/.test(s) ? '.+' : '[^/]+') : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^/${pattern}$`),
        responses: op.responses ?? {},
        requestSchema: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // Most literal segments first, so `/issues/comments` wins over `/issues/{issue_number}`.
  operations.sort((a, b) => b.template.split('/').filter((s) => !s.startsWith('{')).length - a.template.split('/').filter((s) => !s.startsWith('{')).length);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (key: string, schema: unknown) => {
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile(rewrite(schema) as object);
      compiled.set(key, v);
    }
    return v;
  };
  const find = (method: string, url: string) => {
    // Uploads (`{?name,label}` templates, the emulator's `/uploads` host prefix) name the same operations.
    const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/\{\?[\w,]+\}$/, '').replace(/^\/uploads(?=\/repos\/)/, '').split('?')[0]!;
    return operations.find((o) => o.method === method && (o.template === path || o.regex.test(path)));
  };
  const describe = (v: ValidateFunction) => (v.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ');

  return {
    operationFor: (method, template) => find(method.toUpperCase(), template)?.operationId,
    createChecker() {
      const covered = new Set<string>();
      const failures: string[] = [];
      return {
        covered,
        failures,
        wrap(octokit) {
          octokit.hook.wrap('request', async (request: any, options: any) => {
            const op = find(String(options.method).toUpperCase(), String(options.url));
            if (!op) {
              failures.push(`no OpenAPI operation for ${options.method} ${options.url}`);
              return request(options);
            }
            const body = requestBody(options);
            if (op.requestSchema && body !== undefined) {
              const v = validator(`${op.operationId} request`, op.requestSchema);
              if (!v(body)) failures.push(`${op.operationId} request: ${describe(v)}`);
            }
            const response = await request(options);
            const status = String(response.status);
            const declared = op.responses[status] as { content?: Record<string, { schema?: unknown }>; $ref?: string } | undefined;
            if (!declared) failures.push(`${op.operationId}: status ${status} is not a documented response`);
            const schema = declared?.content?.['application/json']?.schema;
            if (schema) {
              const v = validator(`${op.operationId} ${status}`, schema);
              if (!v(response.data)) failures.push(`${op.operationId} ${status}: ${describe(v)}`);
            }
            covered.add(op.operationId);
            return response;
          });
          return octokit;
        },
      };
    },
  };
}
