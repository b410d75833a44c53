/**
 * The AWS Query protocol's request side: a form-encoded body (or query string) flattened into `Name.N.Member` keys.
 * Helpers read the numbered lists the SDK writes (`InstanceId.1`, `TagSpecification.2.Tag.1.Key`, …).
 */
import type { IncomingMessage } from 'node:http';

/** Flat request parameters, exactly as the SDK serialized them. */
export type QueryParams = Record<string, string>;

/** Reads the whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses `a=1&b=2` (body and URL query merged, body wins) into flat params. */
export function parseQuery(body: string, url = ''): QueryParams {
  const params: QueryParams = {};
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const source of [query, body]) {
    for (const [key, value] of new URLSearchParams(source)) params[key] = value;
  }
  return params;
}

/** The params under `prefix.` with that prefix removed (`LaunchTemplateData.ImageId` → `ImageId`). */
export function scope(params: QueryParams, prefix: string): QueryParams {
  const out: QueryParams = {};
  const head = `${prefix}.`;
  for (const [key, value] of Object.entries(params)) if (key.startsWith(head)) out[key.slice(head.length)] = value;
  return out;
}

/** Numbered members `Name.1…N` as scoped param maps, in index order (gaps allowed, as the SDK never leaves any). */
export function members(params: QueryParams, name: string): QueryParams[] {
  const byIndex = new Map<number, QueryParams>();
  const head = `${name}.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const index = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index) || dot === -1) continue;
    const member = byIndex.get(index) ?? {};
    member[rest.slice(dot + 1)] = value;
    byIndex.set(index, member);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
}

/** Numbered scalar values `Name.1…N` in index order. */
export function values(params: QueryParams, name: string): string[] {
  const head = `${name}.`;
  return Object.entries(params)
    .filter(([key]) => key.startsWith(head) && /^\d+$/.test(key.slice(head.length)))
    .sort(([a], [b]) => Number(a.slice(head.length)) - Number(b.slice(head.length)))
    .map(([, value]) => value);
}

/** Tags written as `Tag.N.Key` / `Tag.N.Value`. */
export function tags(params: QueryParams, name = 'Tag'): { Key: string; Value: string }[] {
  return members(params, name)
    .filter((t) => t.Key !== undefined)
    .map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
}

/** A boolean parameter (`true`/`false`), or undefined when absent. */
export function bool(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'true';
}
