/**
 * Reads the records flow metrics need from GitHub through the REST API: pull requests, workflow runs, releases
 * (model versions), production deployments with their statuses, drift issues, and `mlops/training` reports (release
 * assets `training.json` and run artifacts named `mlops-*`). GitHub is the only store: nothing else is needed.
 */
import type { Octokit } from '@octokit/rest';
import { unzipSync } from 'fflate';
import { loadConfig, defaultConfigPath } from '../../lib/config/load-config.js';
import { modelsTouched } from '../../lib/governance/model-pull-request.js';
import { driftLabel, incidentModel, runKind } from '../../lib/metrics/classify.js';
import type { FlowInput, PullRecord, ReviewRecord, TrainingRecord, VersionRecord } from '../../lib/metrics/types.js';
import { parseReleaseMarker } from '../../lib/registry/release-marker.js';
import type { StageDeployment, StageStatus } from '../../lib/registry/types.js';
import { environmentName, parseVersionTag } from '../../lib/registry/version-tag.js';

/** Where and what to read. */
export interface ReadScope {
  owner: string;
  repo: string;
  since: string;
  until: string;
  productionStage: string;
  /** Also read run artifacts for the training reports of scrapped runs (one download per artifact). */
  artifacts: boolean;
}

/** The records, and how many API requests reading them took. */
export interface ReadResult {
  input: FlowInput;
  models: string[];
  requests: number;
}

const at = (t: string | null | undefined) => t ?? null;

async function configModels(octokit: Octokit, scope: ReadScope): Promise<Array<{ name: string; paths: string[] }> | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: scope.owner, repo: scope.repo, path: defaultConfigPath });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    const text = Buffer.from(data.content, 'base64').toString('utf8');
    return (await loadConfig(`${scope.owner}/${scope.repo}:${defaultConfigPath}`, { text })).resolved.models.map((m) => ({ name: m.name, paths: m.paths }));
  } catch (error) {
    // No config in the repository: models are then known from their releases alone.
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

// The same report reaches us twice (release asset and artifact; a bundle artifact and the training run's own): its
// run id, or else its creation time and figures, identify it.
const trainingKey = (t: TrainingRecord) => (t.runId !== undefined ? `run:${t.runId}` : `${t.at}|${t.gpuHours}|${t.costUsd}`);

function trainingFrom(json: unknown, fallback: { model: string | null; pr?: number }): TrainingRecord | undefined {
  const r = json as { kind?: unknown; createdAt?: unknown; gpuHours?: unknown; cost?: { usd?: unknown }; subject?: { run?: { id?: unknown } } };
  if (r?.kind !== 'mlops/training' || typeof r.createdAt !== 'string' || typeof r.gpuHours !== 'number' || typeof r.cost?.usd !== 'number') return undefined;
  const runId = typeof r.subject?.run?.id === 'number' ? r.subject.run.id : undefined;
  return { ...(runId === undefined ? {} : { runId }), model: fallback.model, ...(fallback.pr === undefined ? {} : { pr: fallback.pr }), at: r.createdAt, gpuHours: r.gpuHours, costUsd: r.cost.usd };
}

// Octokit hands back an asset as bytes, or already parsed when it was stored with a JSON content type.
function assetJson(data: unknown): unknown {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data) || typeof data === 'string') {
    const text = typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      return undefined; // not a report: ignored like any foreign asset
    }
  }
  return data;
}

/** Reads every record of the window (and the production history before it, which decides what a rollback is). */
export async function readFlowInput(octokit: Octokit, scope: ReadScope): Promise<ReadResult> {
  let requests = 0;
  octokit.hook.before('request', () => void (requests += 1));
  const { owner, repo } = scope;
  const sinceMs = Date.parse(scope.since);
  const untilMs = Date.parse(scope.until);

  const configured = await configModels(octokit, scope);

  const releases = await octokit.paginate(octokit.rest.repos.listReleases, { owner, repo, per_page: 100 });
  const versions: VersionRecord[] = [];
  const trainings: TrainingRecord[] = [];
  for (const r of releases) {
    const tag = parseVersionTag(r.tag_name);
    if (!tag || r.draft) continue;
    const marker = parseReleaseMarker(r.body);
    versions.push({ model: tag.model, version: tag.version, createdAt: r.created_at, ...(marker?.pr === undefined ? {} : { pr: marker.pr }) });
    // A version's training report travels with it; read it when the training may fall in the window.
    const asset = r.assets.find((a) => a.name === 'training.json');
    if (asset && Date.parse(r.created_at) >= sinceMs) {
      const { data } = await octokit.rest.repos.getReleaseAsset({ owner, repo, asset_id: asset.id, headers: { accept: 'application/octet-stream' } });
      const record = trainingFrom(assetJson(data), { model: tag.model, ...(marker?.pr === undefined ? {} : { pr: marker.pr }) });
      if (record) trainings.push(record);
    }
  }
  const models = [...new Set([...(configured ?? []).map((m) => m.name), ...versions.map((v) => v.model)])].sort();

  // Pull requests opened in the window (newest first, so the listing stops at the window's start), plus older ones
  // whose versions may reach production inside it.
  const pulls: PullRecord[] = [];
  const pullModel = new Map(versions.filter((v) => v.pr !== undefined).map((v) => [v.pr!, v.model]));
  type ApiPull = { number: number; created_at: string; updated_at: string; closed_at: string | null; merged_at: string | null };
  const addPull = async (p: ApiPull) => {
    let model = pullModel.get(p.number) ?? null;
    if (model === null && configured) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: p.number, per_page: 100 });
      model = modelsTouched(configured, files.map((f) => f.filename))[0] ?? null;
    }
    let reviews: ReviewRecord[] = [];
    if (model !== null && Date.parse(p.created_at) >= sinceMs) {
      const list = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: p.number, per_page: 100 });
      reviews = list.flatMap((r) => (r.submitted_at ? [{ reviewer: r.user?.login ?? '', state: r.state as ReviewRecord['state'], submittedAt: r.submitted_at }] : []));
    }
    pulls.push({ number: p.number, model, createdAt: p.created_at, updatedAt: p.updated_at, closedAt: at(p.closed_at), mergedAt: at(p.merged_at), reviews });
  };
  for await (const page of octokit.paginate.iterator(octokit.rest.pulls.list, { owner, repo, state: 'all', sort: 'created', direction: 'desc', per_page: 100 })) {
    const inWindow = page.data.filter((p) => Date.parse(p.created_at) >= sinceMs);
    for (const p of inWindow) if (Date.parse(p.created_at) <= untilMs) await addPull(p);
    if (inWindow.length < page.data.length) break;
  }
  for (const v of versions) {
    if (v.pr === undefined || pulls.some((p) => p.number === v.pr) || Date.parse(v.createdAt) < sinceMs - 365 * 86_400_000) continue;
    const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: v.pr });
    await addPull(data);
  }

  const runs = (await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, { owner, repo, per_page: 100, created: `>=${scope.since.slice(0, 10)}` }))
    .filter((r) => Date.parse(r.created_at) >= sinceMs && Date.parse(r.created_at) <= untilMs)
    .map((r) => ({ id: r.id, kind: runKind(r.path), pullRequests: (r.pull_requests ?? []).map((p) => p.number), conclusion: r.conclusion ?? null, createdAt: r.created_at }));

  const deployments: StageDeployment[] = [];
  for (const model of models) {
    const list = await octokit.paginate(octokit.rest.repos.listDeployments, { owner, repo, environment: environmentName(model, scope.productionStage), per_page: 100 });
    for (const d of list) {
      const statuses = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, { owner, repo, deployment_id: d.id, per_page: 100 });
      deployments.push({
        id: d.id, environment: d.environment, ref: d.ref, sha: d.sha, creator: d.creator?.login ?? '', createdAt: d.created_at, payload: d.payload,
        statuses: statuses.map((s): StageStatus => ({ id: s.id, state: s.state, description: s.description ?? '', creator: s.creator?.login ?? '', createdAt: s.created_at })),
      });
    }
  }

  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: driftLabel, state: 'all', per_page: 100 });
  const incidents = issues.filter((i) => !i.pull_request).map((i) => ({ number: i.number, model: incidentModel(i.title), createdAt: i.created_at, closedAt: at(i.closed_at) }));

  if (scope.artifacts) {
    const runPrs = new Map(runs.map((r) => [r.id, r.pullRequests]));
    const artifacts = await octokit.paginate(octokit.rest.actions.listArtifactsForRepo, { owner, repo, per_page: 100 });
    for (const a of artifacts) {
      const created = Date.parse(a.created_at ?? '');
      if (a.expired || !a.name.startsWith('mlops-') || !(created >= sinceMs && created <= untilMs)) continue;
      const { data } = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: a.id, archive_format: 'zip' });
      const runId = a.workflow_run?.id ?? undefined;
      const pr = runId === undefined ? undefined : runPrs.get(runId)?.[0];
      for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(data as ArrayBuffer)))) {
        if (!name.endsWith('.json') || bytes.length > 16 << 20) continue;
        let json: unknown;
        try {
          json = JSON.parse(Buffer.from(bytes).toString('utf8'));
        } catch {
          continue; // an artifact may hold any JSON; only training reports matter here
        }
        const record = trainingFrom(json, { model: null, ...(pr === undefined ? {} : { pr }) });
        if (record) trainings.push(record);
      }
    }
  }
  const seen = new Set<string>();
  const unique = trainings.filter((t) => !seen.has(trainingKey(t)) && Boolean(seen.add(trainingKey(t))));
  return { input: { pulls, runs, versions, deployments, incidents, trainings: unique }, models, requests };
}
