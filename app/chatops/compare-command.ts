/** `/mlops compare <vA> <vB>`: the registered metrics of two versions side by side, from their lineage. */
import { parseVersionSpec, type Lineage, type VersionSpec } from '../../lib/registry/index.js';
import { isHttpStatus } from '../github/client.js';
import { toRegistryRelease } from '../github/registry-reader.js';
import { stageChampion } from '../incidents/incident-context.js';
import { readJsonAsset } from '../promotion-facts.js';
import { refuse, type ChatRequest, type ChatResult } from './chat-request.js';

const bareVersion = /^v?\d+\.\d+\.\d+$/;

/** The model a bare version (`v1.2.0`) belongs to: the other argument's, else the repository's only model. */
function modelFor(req: ChatRequest, other: string): string | undefined {
  if (!bareVersion.test(other)) {
    try {
      return parseVersionSpec(other).model;
    } catch {
      return undefined;
    }
  }
  return req.config?.models.length === 1 ? req.config.models[0]!.name : undefined;
}

/** A version spec; a bare version takes its model from `modelFor`. */
function specOf(req: ChatRequest, text: string, other: string): VersionSpec | string {
  const bare = bareVersion.test(text);
  const only = bare ? modelFor(req, other) : undefined;
  try {
    if (bare) {
      if (!only) return `\`${text}\` names no model: write \`<model>@${text.replace(/^v/, '')}\``;
      return parseVersionSpec(`${only}@${text.replace(/^v/, '')}`);
    }
    return parseVersionSpec(text);
  } catch (error) {
    return (error as Error).message;
  }
}

async function metricsOf(req: ChatRequest, spec: VersionSpec): Promise<{ label: string; url?: string; metrics: Record<string, number | null> } | string> {
  let version: string | undefined;
  if (spec.kind === 'version') version = spec.version;
  else if (spec.kind === 'stage') version = (await stageChampion(req.deps, spec.model, spec.stage))?.version;
  if (!version) return `${spec.model}@${spec.kind === 'stage' ? spec.stage : 'latest'} resolves to no version`;
  const tag = `${spec.model}/v${version}`;
  const api = await req.deps.gh.rest.repos.getReleaseByTag({ ...req.deps.where, tag }).then((r) => r.data, (e: unknown) => { if (isHttpStatus(e, 404)) return undefined; throw e; });
  const release = api ? toRegistryRelease(api) : undefined;
  if (!release) return `\`${tag}\` is not a registered version`;
  const lineage = await readJsonAsset<Lineage>(req.deps, release, 'lineage.json');
  return { label: tag, url: release.url, metrics: lineage?.evaluation.metrics ?? {} };
}

/** Replies with a metric table of the two versions. */
export async function runCompare(req: ChatRequest): Promise<ChatResult> {
  if (req.command.name !== 'compare') return refuse('not compare');
  const sides = [];
  const { a: first, b: second } = req.command;
  for (const [text, other] of [[first, second], [second, first]] as const) {
    const spec = specOf(req, text, other);
    if (typeof spec === 'string') return refuse(spec);
    const side = await metricsOf(req, spec);
    if (typeof side === 'string') return refuse(side);
    sides.push(side);
  }
  const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const names = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort();
  const fmt = (x: number | null | undefined) => (typeof x === 'number' ? x.toFixed(4) : '—');
  const rows = names.map((n) => {
    const x = a.metrics[n];
    const y = b.metrics[n];
    const delta = typeof x === 'number' && typeof y === 'number' ? `${y - x >= 0 ? '+' : ''}${(y - x).toFixed(4)}` : '—';
    return `| \`${n}\` | ${fmt(x)} | ${fmt(y)} | ${delta} |`;
  });
  const head = `| Metric | [${a.label}](${a.url}) | [${b.label}](${b.url}) | Δ (B − A) |\n|---|---:|---:|---:|`;
  return { ok: true, text: `📊 Registered metrics (evaluation at registration):\n\n${head}\n${rows.join('\n') || '| — | — | — | — |'}` };
}
