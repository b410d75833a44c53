/** Shared setup of the job agent tests: files pushed with real modes through the git API, an `mlops` on PATH, waits. */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Octokit } from '@octokit/rest';
import { assetPath } from '../../../lib/package-root.js';

export const owner = 'acme';
export const repo = 'churn-model';

/** Commits `files` (path → text, or `{ text, mode }`) on top of main through the git database API. */
export async function commitFiles(octokit: Octokit, files: Record<string, string | { text: string; mode: '100644' | '100755' }>): Promise<string> {
  const main = (await octokit.rest.git.getRef({ owner, repo, ref: 'heads/main' })).data.object.sha;
  const base = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: main })).data.tree.sha;
  const tree = await Promise.all(
    Object.entries(files).map(async ([path, f]) => {
      const { text, mode } = typeof f === 'string' ? { text: f, mode: '100644' as const } : f;
      const blob = (await octokit.rest.git.createBlob({ owner, repo, content: text, encoding: 'utf-8' })).data.sha;
      return { path, mode, type: 'blob' as const, sha: blob };
    }),
  );
  const treeSha = (await octokit.rest.git.createTree({ owner, repo, base_tree: base, tree })).data.sha;
  const commit = (await octokit.rest.git.createCommit({ owner, repo, message: 'pipeline', tree: treeSha, parents: [main] })).data.sha;
  await octokit.rest.git.updateRef({ owner, repo, ref: 'heads/main', sha: commit });
  return commit;
}

/** A folder with an `mlops` executable that runs the CLI from sources, for a job's PATH. */
export function mlopsBinDir(): string {
  const root = assetPath();
  const dir = mkdtempSync(join(tmpdir(), 'mlops-bin-'));
  const shim = join(dir, 'mlops');
  writeFileSync(shim, `#!/bin/sh\nexec "${root}/node_modules/.bin/tsx" "${root}/test/sandbox/agent/mlops-bin.ts" "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

/** Polls until `check` returns a value (not undefined), failing after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
