/** What a training run was made from: commit and dirty flag, runtime versions, pip freeze, lock-file hashes, data. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { TrainingBody } from '../../lib/contracts/training.js';

function run(file: string, args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => execFile(file, args, { cwd, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => resolve(error ? undefined : stdout)));
}

/** The commit (git, else GITHUB_SHA) and whether tracked files changed; an unknown commit is 40 zeros. */
export async function codeLineage(cwd: string, env: NodeJS.ProcessEnv): Promise<{ sha: string; dirty: boolean }> {
  const head = (await run('git', ['rev-parse', 'HEAD'], cwd))?.trim();
  const sha = head && /^[0-9a-f]{40}$/.test(head) ? head : env.GITHUB_SHA && /^[0-9a-f]{40}$/.test(env.GITHUB_SHA) ? env.GITHUB_SHA : '0'.repeat(40);
  const status = head ? await run('git', ['status', '--porcelain', '--untracked-files=no'], cwd) : undefined;
  return { sha, dirty: status !== undefined && status.trim() !== '' };
}

/** Lock files whose hashes pin the environment. */
export const lockFiles = ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'requirements.txt', 'poetry.lock', 'uv.lock', 'Pipfile.lock', 'environment.yml', 'conda-lock.yml'];

/** sha256 of a file's bytes. */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const bytes = await readFile(path);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** Node and Python versions, `pip freeze` (when Python exists) and the lock files present in `cwd`. */
export async function environmentLineage(cwd: string, options: { python?: boolean } = {}): Promise<TrainingBody['environment']> {
  const lockfiles: Array<{ file: string; sha256: string }> = [];
  for (const file of lockFiles) {
    try {
      lockfiles.push({ file, sha256: (await sha256File(join(cwd, file))).sha256 });
    } catch {
      // absent
    }
  }
  const out: TrainingBody['environment'] = { node: process.version, lockfiles };
  if (options.python === false) return out;
  const python = (await run('python3', ['--version'], cwd))?.trim();
  if (python) {
    out.python = python.replace(/^Python\s+/, '');
    const freeze = (await run('python3', ['-m', 'pip', 'freeze', '--disable-pip-version-check'], cwd))?.trim();
    if (freeze) out.pip = freeze;
  }
  return out;
}

/** Every file under the given paths (folders walked), relative to `cwd`, with sha256 and size, sorted by path. */
export async function hashArtifacts(cwd: string, paths: string[]): Promise<Array<{ path: string; sha256: string; bytes: number }>> {
  const out: Array<{ path: string; sha256: string; bytes: number }> = [];
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return;
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) await visit(join(path, entry));
    } else if (info.isFile()) {
      out.push({ path: relative(cwd, path) || path, ...(await sha256File(path)) });
    }
  };
  for (const p of paths) await visit(resolve(cwd, p));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The newest file in a checkpoint folder (what a resume would load), hashed; undefined for an empty or missing folder. */
export async function newestCheckpoint(cwd: string, dir: string): Promise<{ path: string; sha256: string; bytes: number } | undefined> {
  const files = await hashArtifacts(cwd, [dir]);
  let best: { file: (typeof files)[number]; mtime: number } | undefined;
  for (const file of files) {
    const mtime = (await stat(join(cwd, file.path))).mtimeMs;
    if (!best || mtime > best.mtime) best = { file, mtime };
  }
  return best?.file;
}
