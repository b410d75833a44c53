/**
 * The third-party actions a sandbox job can meet, emulated: actions/checkout (the workspace is already the run's
 * commit), actions/upload-artifact and actions/download-artifact (through the emulator's artifact store, same zip
 * layout as v4), actions/cache* (always a miss: the sandbox keeps no cache). Any other action is skipped with a log
 * line: the sandbox runs no code fetched from elsewhere.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractZip, zipPaths } from '../../lib/artifacts/archive.js';
import type { StepDefinition } from './job-definition.js';
import type { StepHost, StepResult } from './steps.js';

/** The emulator's artifact store as the job sees it. */
export interface ArtifactPort {
  upload(name: string, zip: Buffer): { id: number; url: string; digest: string };
  /** Artifacts of a run (this one when `runId` is undefined), optionally only the one named. */
  list(name: string | undefined, runId: number | undefined): { name: string; zip: Buffer }[];
}

const ok = (outputs: Record<string, string> = {}): StepResult => ({ outcome: 'success', outputs });
const failed = (host: StepHost, message: string): StepResult => {
  host.log(`##[error]${message}\n`);
  return { outcome: 'failure', outputs: {} };
};
const lines = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

/** Runs one non-local `uses:` step against the emulator. */
export function builtinAction(artifacts: ArtifactPort, sha: string) {
  return async (step: StepDefinition, inputs: Record<string, string>, host: StepHost): Promise<StepResult> => {
    const uses = step.uses ?? '';
    const action = uses.split('@')[0]!.toLowerCase();
    if (action === 'actions/checkout') {
      host.log(`The workspace already holds ${sha} (checked out by the sandbox agent)\n`);
      return ok();
    }
    if (action === 'actions/cache' || action === 'actions/cache/restore') {
      host.log(`Cache not found for input keys: ${inputs.key ?? ''} (the sandbox keeps no cache)\n`);
      return ok({ 'cache-hit': 'false' });
    }
    if (action === 'actions/cache/save') {
      host.log('Cache saving skipped: the sandbox keeps no cache\n');
      return ok();
    }
    if (action === 'actions/upload-artifact') return upload(artifacts, inputs, host);
    if (action === 'actions/download-artifact') return download(artifacts, inputs, host);
    host.log(`Skipped ${uses}: third-party actions are not run in the sandbox\n`);
    return { outcome: 'skipped', outputs: {} };
  };
}

function upload(artifacts: ArtifactPort, inputs: Record<string, string>, host: StepHost): StepResult {
  const name = inputs.name || 'artifact';
  const paths = lines(inputs.path);
  if (paths.length === 0) return failed(host, 'Input required and not supplied: path');
  let archive: { zip: Buffer; files: string[] };
  try {
    archive = zipPaths(host.workspace, paths);
  } catch (error) {
    const message = `No files were found with the provided path: ${paths.join(', ')}. No artifacts will be uploaded.`;
    const mode = inputs['if-no-files-found'] || 'warn';
    if (mode === 'error') return failed(host, message);
    host.log(`${mode === 'warn' ? '##[warning]' : ''}${message} (${error instanceof Error ? error.message : String(error)})\n`);
    return ok();
  }
  const stored = artifacts.upload(name, archive.zip);
  host.log(`With the provided path, there will be ${archive.files.length} file(s) uploaded\nArtifact ${name} has been successfully uploaded! Final size is ${archive.zip.length} bytes. Artifact ID is ${stored.id}\n`);
  return ok({ 'artifact-id': String(stored.id), 'artifact-url': stored.url, 'artifact-digest': stored.digest.replace(/^sha256:/, '') });
}

function download(artifacts: ArtifactPort, inputs: Record<string, string>, host: StepHost): StepResult {
  const runId = inputs['run-id'] ? Number(inputs['run-id']) : undefined;
  const name = inputs.name || undefined;
  const found = artifacts.list(name, runId);
  if (name && found.length === 0) return failed(host, `Unable to download artifact(s): Artifact not found for name: ${name}`);
  const target = resolve(host.workspace, inputs.path || '.');
  for (const artifact of found) {
    // Several artifacts each get their own folder, one named artifact goes straight into `path` (v4 behaviour).
    const dir = name ? target : resolve(target, artifact.name);
    mkdirSync(dir, { recursive: true });
    const files = extractZip(artifact.zip, dir);
    host.log(`Artifact ${artifact.name} extracted to ${dir} (${files.length} file(s))\n`);
  }
  return ok({ 'download-path': target });
}
