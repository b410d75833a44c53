/**
 * What `mlops registry list|show|resolve|lineage|pull|rollback` do (cli/commands/registry.ts registers them and loads
 * this module only when one runs: Octokit and the app's adapters would slow every other command's start-up). The
 * registry is read from GitHub (Releases tagged `<model>/v<semver>`, Deployments to `<model>-<stage>`), with
 * GITHUB_API_URL, GITHUB_TOKEN and --repo (default GITHUB_REPOSITORY). `pull` downloads a version's assets and checks
 * each against the sha256 lineage.json records.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRefLocks } from '../../app/github/lock.js';
import { downloadAsset, listRegistryReleases, listStageDeployments, sha256 } from '../../app/github/registry-reader.js';
import { readRepoConfig } from '../../app/github/repo-settings.js';
import { createRestClient } from '../../app/github/rest-client.js';
import type { GitHub, RepoRef } from '../../app/github/client.js';
import { rollback } from '../../app/promotion.js';
import { BadInputError, CheckFailedError } from '../../lib/errors.js';
import { toolVersion } from '../../lib/package-root.js';
import { championOf, environmentName, parseVersionSpec, publishedVersions, resolveVersion, type Lineage, type RegistryRelease, type StageDeployment } from '../../lib/registry/index.js';
import { resolveFormat } from '../output.js';
import type { CommandContext } from '../program.js';

/** Options every registry subcommand takes. */
export interface Options {
  repo?: string;
  dir?: string;
  format?: string;
  json?: boolean;
}

const where = { file: 'mlops registry' };

function connect(options: Options, ctx: CommandContext): { gh: GitHub; repo: RepoRef } {
  const full = options.repo ?? ctx.env.GITHUB_REPOSITORY;
  const [owner, name] = (full ?? '').split('/');
  if (!owner || !name) throw new BadInputError('missing-repo', 'which repository? pass --repo owner/name or set GITHUB_REPOSITORY', { location: where });
  const token = ctx.env.GITHUB_TOKEN;
  if (!token) throw new BadInputError('missing-env', 'GITHUB_TOKEN is not set', { hint: 'a token that can read the repository (contents, deployments)', location: where });
  return { gh: createRestClient(token, ctx.env.GITHUB_API_URL || undefined), repo: { owner, repo: name } };
}

async function stageDeployments(gh: GitHub, repo: RepoRef, model: string, stages: string[]): Promise<StageDeployment[]> {
  const out: StageDeployment[] = [];
  for (const stage of stages) out.push(...(await listStageDeployments(gh, repo, environmentName(model, stage))));
  return out;
}

/** Resolves a spec to a release, reading the stage's deployments only when the spec names a stage. */
async function find(gh: GitHub, repo: RepoRef, text: string): Promise<RegistryRelease> {
  const spec = parseVersionSpec(text);
  const releases = await listRegistryReleases(gh, repo, spec.model);
  const deployments = spec.kind === 'stage' ? await stageDeployments(gh, repo, spec.model, [spec.stage]) : [];
  const r = resolveVersion(spec, releases, deployments);
  if (!r.ok) throw new CheckFailedError('not-found', r.reason, { hint: r.hint, location: where });
  return r.release;
}

/** `mlops registry list`. */
export async function list(options: Options, ctx: CommandContext, model?: string): Promise<number> {
  const { gh, repo } = connect(options, ctx);
  const config = await readRepoConfig(gh, repo);
  const releases = await listRegistryReleases(gh, repo, model);
  const models = [...new Set([...(config?.models.map((m) => m.name) ?? []), ...releases.map((r) => r.model)])].filter((m) => !model || m === model);
  const rows = [];
  for (const m of models) {
    const stages = config?.models.find((c) => c.name === m)?.promotion.stages.map((s) => s.name) ?? [];
    const deployments = await stageDeployments(gh, repo, m, stages);
    const champions = Object.fromEntries(stages.map((s) => [s, championOf(deployments, environmentName(m, s))?.version ?? null]));
    rows.push({ model: m, versions: publishedVersions(releases, m).map((r) => r.version), drafts: releases.filter((r) => r.model === m && r.draft).map((r) => r.version), stages: champions });
  }
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify({ repository: `${repo.owner}/${repo.repo}`, models: rows }));
  else for (const r of rows) ctx.io.stdout(`${r.model}: ${r.versions.join(', ') || 'no versions'}${r.drafts.length ? ` (drafts: ${r.drafts.join(', ')})` : ''}; ${Object.entries(r.stages).map(([s, v]) => `${s}=${v ?? '—'}`).join(' ')}`);
  return 0;
}

/** `mlops registry show`. */
export async function show(options: Options, ctx: CommandContext, spec: string): Promise<number> {
  const { gh, repo } = connect(options, ctx);
  const release = await find(gh, repo, spec);
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify(release));
  else ctx.io.stdout([`${release.tag} (${release.prerelease ? 'pre-release' : 'release'}, published ${release.publishedAt ?? 'never'})`, release.url, ...release.assets.map((a) => `  ${a.name}  ${a.bytes} bytes  sha256 ${a.sha256 ?? '?'}`)].join('\n'));
  return 0;
}

/** `mlops registry resolve`. */
export async function resolveCmd(options: Options, ctx: CommandContext, spec: string): Promise<number> {
  const { gh, repo } = connect(options, ctx);
  const release = await find(gh, repo, spec);
  ctx.io.stdout(resolveFormat(options) === 'json' ? JSON.stringify({ spec, tag: release.tag, version: release.version, url: release.url }) : release.tag);
  return 0;
}

async function readLineage(gh: GitHub, repo: RepoRef, release: RegistryRelease): Promise<Lineage> {
  const asset = release.assets.find((a) => a.name === 'lineage.json');
  if (!asset) throw new CheckFailedError('no-lineage', `${release.tag} has no lineage.json`, { location: where });
  return JSON.parse((await downloadAsset(gh, repo, asset.id)).toString('utf8')) as Lineage;
}

/** `mlops registry lineage`. */
export async function lineage(options: Options, ctx: CommandContext, spec: string): Promise<number> {
  const { gh, repo } = connect(options, ctx);
  ctx.io.stdout(JSON.stringify(await readLineage(gh, repo, await find(gh, repo, spec)), null, resolveFormat(options) === 'json' ? undefined : 2));
  return 0;
}

/** A version pulled into a folder, every asset checked against the sha256 its lineage.json records. */
export interface PulledVersion {
  tag: string;
  dir: string;
  files: Array<{ name: string; sha256: string; bytes: number }>;
}

/** Downloads the version `spec` resolves to into `dir` (default models/<model>/v<version>) and verifies every asset. */
export async function pullVersion(options: Options, ctx: CommandContext, spec: string): Promise<PulledVersion> {
  const { gh, repo } = connect(options, ctx);
  const release = await find(gh, repo, spec);
  const recorded = await readLineage(gh, repo, release);
  const dir = resolve(ctx.cwd, options.dir ?? join('models', release.model, `v${release.version}`));
  await mkdir(dir, { recursive: true });
  const files = [];
  for (const asset of release.assets) {
    const data = await downloadAsset(gh, repo, asset.id);
    const digest = sha256(data);
    const expected = asset.name === 'lineage.json' ? asset.sha256 : recorded.assets.find((a) => a.name === asset.name)?.sha256;
    if (expected !== undefined && digest !== expected) throw new CheckFailedError('asset-mismatch', `${release.tag} ${asset.name} has sha256 ${digest}; expected ${expected}`, { hint: 'the release was tampered with or damaged in transit; do not use it', location: where });
    await writeFile(join(dir, asset.name), data);
    files.push({ name: asset.name, sha256: digest, bytes: data.length });
  }
  return { tag: release.tag, dir, files };
}

/** `mlops registry pull`. */
export async function pull(options: Options, ctx: CommandContext, spec: string): Promise<number> {
  const { tag, dir, files } = await pullVersion(options, ctx, spec);
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify({ tag, dir, files }));
  else ctx.io.stdout(`pulled ${tag} into ${dir}: ${files.map((f) => f.name).join(', ')} (sha256 verified)`);
  return 0;
}

/** `mlops registry rollback`. */
export async function rollbackCmd(options: Options, ctx: CommandContext, model: string, stage: string): Promise<number> {
  const { gh, repo } = connect(options, ctx);
  const config = await readRepoConfig(gh, repo);
  const resolvedModel = config?.models.find((m) => m.name === model);
  if (!resolvedModel) throw new BadInputError('unknown-model', `model ${model} is not in ${repo.owner}/${repo.repo}'s .github/mlops.yml`, { location: where });
  const me = (await gh.rest.users.getAuthenticated()).data.login;
  const now = Date.now;
  const deps = { gh, where: repo, locks: createRefLocks(gh, repo, { holder: `cli:${me}`, now }), now, toolVersion: toolVersion(), appId: 0, log: { info: () => {}, warn: (m: string) => ctx.io.stderr(m) } };
  const outcome = await rollback(deps, { model: resolvedModel, stage, requester: me, trigger: `rollback:${me}:${new Date(now()).toISOString()}` });
  const lines = outcome.decision.rules.map((r) => `${r.passed ? '✓' : '✗'} ${r.id}: ${r.reason}`);
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify(outcome));
  else ctx.io.stdout([`rollback of ${model}@${stage}: ${outcome.decision.allowed ? 'done' : 'refused'}${outcome.deploymentId ? ` (deployment ${outcome.deploymentId})` : ''}`, ...lines].join('\n'));
  return outcome.decision.allowed ? 0 : 1;
}
