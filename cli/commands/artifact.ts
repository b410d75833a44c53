/**
 * `mlops artifact upload|download`: the product's one port for workflow artifacts.
 * - upload: GitHub has no public REST API to upload an artifact (actions/upload-artifact talks to internal Twirp
 *   services and blob storage with the runner's ACTIONS_RUNTIME_TOKEN), so the backend is pluggable. In the sandbox the
 *   job agent sets MLOPS_ARTIFACT_URL (the control route `POST /_sandbox/runs/{id}/artifacts`) and the zip is posted
 *   there. On GitHub, the composite actions upload with `actions/upload-artifact` instead, and this command says so.
 * - download: the REST artifacts API (GITHUB_API_URL, GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_RUN_ID or --run-id),
 *   following the 302 to the archive, extracted without letting an entry escape --dir (zip slip).
 */
import { resolve } from 'node:path';
import { extractZip, zipPaths } from '../../lib/artifacts/archive.js';
import { BadInputError, CheckFailedError } from '../../lib/errors.js';
import { addFormatOptions, resolveFormat, usageError } from '../output.js';
import type { CommandContext, CommandModule } from '../program.js';

interface UploadOptions {
  name: string;
  format?: string;
  json?: boolean;
}

interface DownloadOptions {
  name: string;
  runId?: string;
  dir: string;
  format?: string;
  json?: boolean;
}

const where = { file: 'mlops' };

function requireEnv(ctx: CommandContext, name: string, hint: string): string {
  const value = ctx.env[name];
  if (!value) throw new BadInputError('missing-env', `${name} is not set`, { hint, location: where });
  return value;
}

async function upload(options: UploadOptions, ctx: CommandContext, ...paths: string[]): Promise<number> {
  if (paths.length === 0) throw usageError('name at least one file or folder to upload', 'mlops artifact upload --name report out/report.md');
  const url = ctx.env.MLOPS_ARTIFACT_URL;
  if (!url) {
    throw new BadInputError('no-artifact-backend', 'mlops artifact upload: no artifact backend (MLOPS_ARTIFACT_URL is not set)', {
      hint: 'GitHub has no public REST API for uploading artifacts: in a workflow, upload with `actions/upload-artifact` (the gh-mlops composite actions do); MLOPS_ARTIFACT_URL is set by the sandbox job agent',
      location: where,
    });
  }
  const archive = zipPaths(ctx.cwd, paths);
  const target = `${url}${url.includes('?') ? '&' : '?'}name=${encodeURIComponent(options.name)}`;
  const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: archive.zip });
  const body = (await response.json().catch(() => ({}))) as { id?: number; message?: string; size_in_bytes?: number };
  if (!response.ok) throw new CheckFailedError('upload-failed', `artifact upload refused (${response.status}): ${body.message ?? response.statusText}`, { location: where });
  const result = { name: options.name, id: body.id, files: archive.files, size: archive.zip.length };
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify(result));
  else ctx.io.stdout(`uploaded artifact ${options.name} (id ${body.id}, ${archive.files.length} file${archive.files.length === 1 ? '' : 's'}, ${archive.zip.length} bytes)`);
  return 0;
}

async function download(options: DownloadOptions, ctx: CommandContext): Promise<number> {
  const runText = options.runId ?? requireEnv(ctx, 'GITHUB_RUN_ID', 'pass --run-id, or run inside a workflow job');
  const runId = Number(runText);
  if (!Number.isInteger(runId) || runId <= 0) throw usageError(`--run-id must be a positive integer, got "${runText}"`);
  const [owner, repo] = requireEnv(ctx, 'GITHUB_REPOSITORY', 'set GITHUB_REPOSITORY=owner/repo').split('/');
  if (!owner || !repo) throw new BadInputError('bad-env', `GITHUB_REPOSITORY must be owner/repo, got "${ctx.env.GITHUB_REPOSITORY}"`, { location: where });
  const token = requireEnv(ctx, 'GITHUB_TOKEN', 'pass a token with actions:read (in a workflow: env: GITHUB_TOKEN: ${{ github.token }})');
  const { Octokit } = await import('@octokit/rest'); // loaded here, not at start-up (see test/cli/startup.test.ts)
  const octokit = new Octokit({ auth: token, baseUrl: ctx.env.GITHUB_API_URL ?? 'https://api.github.com', log: { debug() {}, info() {}, warn() {}, error() {} } });
  const listed = await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId, name: options.name });
  const artifact = listed.data.artifacts.find((a) => a.name === options.name);
  if (!artifact) throw new CheckFailedError('artifact-not-found', `run ${runId} of ${owner}/${repo} has no artifact named "${options.name}"`, { hint: 'list them with GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', location: where });
  if (artifact.expired) throw new CheckFailedError('artifact-expired', `artifact "${options.name}" of run ${runId} has expired`, { location: where });
  // The API answers 302 to a short-lived archive URL; Octokit's fetch follows it and hands back the bytes.
  const archive = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifact.id, archive_format: 'zip' });
  const dir = resolve(ctx.cwd, options.dir);
  const files = extractZip(new Uint8Array(archive.data as ArrayBuffer), dir);
  if (resolveFormat(options) === 'json') ctx.io.stdout(JSON.stringify({ name: options.name, id: artifact.id, dir, files }));
  else ctx.io.stdout(`downloaded artifact ${options.name} (id ${artifact.id}) into ${dir}: ${files.join(', ')}`);
  return 0;
}

/** `mlops artifact`: upload and download workflow artifacts. */
export const artifactCommand: CommandModule = {
  register(program, run) {
    const artifact = program.command('artifact').description('upload and download workflow run artifacts');
    addFormatOptions(
      artifact.command('upload').description('zip files or folders and upload them as an artifact of the current run (sandbox backend: MLOPS_ARTIFACT_URL)').argument('<paths...>', 'files or folders').requiredOption('--name <name>', 'artifact name'),
      ['text', 'json'],
    ).action(run(upload));
    addFormatOptions(
      artifact
        .command('download')
        .description('download an artifact of a run through the REST API and extract it')
        .requiredOption('--name <name>', 'artifact name')
        .option('--run-id <id>', 'workflow run id (default: GITHUB_RUN_ID)')
        .option('--dir <dir>', 'folder to extract into', '.'),
      ['text', 'json'],
    ).action(run(download));
  },
};
