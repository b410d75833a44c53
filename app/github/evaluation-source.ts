/**
 * Where a merged model PR's version comes from: the `mlops / evaluation` check run on the PR head SHA (its
 * `external_id` is the workflow run id), and that run's `mlops-<model>` artifact, a bundle checked against its
 * `mlops/bundle` manifest. Registration happens at merge time because artifacts expire.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '../../lib/artifacts/archive.js';
import { bundleManifestFile, parseReport, verifyBundle, type BundleManifest } from '../../lib/contracts/index.js';
import { BadInputError, CheckFailedError } from '../../lib/errors.js';
import { evaluationCheckName, type EvaluationCheck } from '../../lib/governance/index.js';
import type { GitHub, RepoRef } from './client.js';

/** The newest `mlops / evaluation` check run on `sha` (for `model` when several models are evaluated). */
export async function findEvaluationCheck(gh: GitHub, where: RepoRef, sha: string): Promise<(EvaluationCheck & { url: string }) | undefined> {
  const { data } = await gh.rest.checks.listForRef({ ...where, ref: sha, check_name: evaluationCheckName, filter: 'latest', per_page: 100 });
  const run = [...data.check_runs].sort((a, b) => b.id - a.id)[0];
  if (!run) return undefined;
  const runId = Number(run.external_id);
  return { id: run.id, status: run.status, conclusion: run.conclusion, ...(run.external_id && Number.isInteger(runId) && runId > 0 ? { runId } : {}), url: run.html_url ?? '' };
}

/** A bundle extracted to a temp folder and verified; `dispose` removes the folder. */
export interface FetchedBundle {
  dir: string;
  manifest: BundleManifest;
  runUrl: string;
  dispose(): Promise<void>;
}

/** Downloads `mlops-<model>` from workflow run `runId`, extracts it and checks every file against its manifest. */
export async function fetchBundle(gh: GitHub, where: RepoRef, model: string, runId: number): Promise<FetchedBundle> {
  const name = `mlops-${model}`;
  const listed = await gh.rest.actions.listWorkflowRunArtifacts({ ...where, run_id: runId, name, per_page: 100 });
  const artifact = listed.data.artifacts.filter((a) => a.name === name && !a.expired).sort((a, b) => b.id - a.id)[0];
  if (!artifact) {
    throw new BadInputError('bundle-missing', `workflow run ${runId} has no unexpired artifact ${name}`, { hint: 'the evaluate action uploads it; re-run the evaluation and merge again' });
  }
  const run = await gh.rest.actions.getWorkflowRun({ ...where, run_id: runId });
  const archive = await gh.rest.actions.downloadArtifact({ ...where, artifact_id: artifact.id, archive_format: 'zip' });
  const dir = await mkdtemp(join(tmpdir(), `mlops-bundle-${model}-`));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    extractZip(new Uint8Array(archive.data as ArrayBuffer), dir);
    const file = join(dir, bundleManifestFile);
    const text = await readFile(file, 'utf8').catch(() => {
      throw new BadInputError('bundle-manifest-missing', `artifact ${name} has no ${bundleManifestFile}`, { hint: 'the bundle must carry its mlops/bundle manifest at its root' });
    });
    const manifest = parseReport(text, `${name}/${bundleManifestFile}`, 'mlops/bundle');
    if (manifest.model.name !== model) throw new BadInputError('bundle-model', `artifact ${name} is a bundle of model ${manifest.model.name}`, { hint: `expected model ${model}` });
    if (!manifest.files.some((f) => f.role === 'model')) throw new BadInputError('bundle-no-model', `artifact ${name} lists no file with role model`);
    const mismatches = await verifyBundle(dir, manifest);
    if (mismatches.length > 0) throw new CheckFailedError('bundle-mismatch', `artifact ${name} does not match its manifest: ${mismatches.map((m) => m.message).join('; ')}`);
    return { dir, manifest, runUrl: run.data.html_url, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
