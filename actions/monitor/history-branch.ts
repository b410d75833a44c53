/**
 * The monitoring history kept in the repository, on the orphan branch `mlops/monitoring` (no shared history with the
 * code, so it never shows up in pull requests), written and read through the Contents API: a scheduled run starts on
 * an empty runner, pulls the history folder of its model from the branch, runs `mlops monitor --history DIR`, and
 * pushes back the files that run wrote. The folder is bounded by construction (a ring of window slots, see
 * lib/drift/monitor-history.ts), so the branch never needs a file deleted.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { getOctokit } from '@actions/github';
import { slotPath, type MonitorHistory } from '../../lib/drift/monitor-history.js';

/** The Octokit this module needs. */
export type ContentsOctokit = Pick<ReturnType<typeof getOctokit>, 'rest'>;

/** Where a model's history lives. */
export interface HistoryLocation {
  owner: string;
  repo: string;
  /** Branch, `mlops/monitoring` by default. */
  branch: string;
  /** Folder on the branch, one per monitored model (e.g. `churn`). */
  folder: string;
}

/** Branch name the monitor action uses unless told otherwise. */
export const MONITORING_BRANCH = 'mlops/monitoring';

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

/** A file's text and blob sha on the branch, or undefined when the branch or the file does not exist. */
export async function getFile(octokit: ContentsOctokit, at: HistoryLocation, path: string): Promise<{ text: string; sha: string } | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: at.owner, repo: at.repo, path: `${at.folder}/${path}`, ref: at.branch });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
  } catch (error) {
    if (status(error) === 404) return undefined;
    throw error;
  }
}

/** Downloads history.json and the latest window's profile (all a run compares with) into `dir`; returns the windows found. */
export async function pullHistory(octokit: ContentsOctokit, at: HistoryLocation, dir: string): Promise<number> {
  const history = await getFile(octokit, at, 'history.json');
  if (!history) return 0;
  await mkdir(join(dir, 'windows'), { recursive: true });
  await writeFile(join(dir, 'history.json'), history.text);
  const parsed = JSON.parse(history.text) as MonitorHistory;
  const last = parsed.windows?.[parsed.windows.length - 1];
  if (last) {
    const profile = await getFile(octokit, at, slotPath(last.slot));
    if (profile) await writeFile(join(dir, slotPath(last.slot)), profile.text);
  }
  return parsed.windows?.length ?? 0;
}

/** Creates the orphan branch (one commit, a README, no parent) when it does not exist yet. */
export async function ensureBranch(octokit: ContentsOctokit, at: HistoryLocation): Promise<boolean> {
  try {
    await octokit.rest.git.getRef({ owner: at.owner, repo: at.repo, ref: `heads/${at.branch}` });
    return false;
  } catch (error) {
    if (status(error) !== 404) throw error;
  }
  const readme = 'Monitoring history written by the gh-mlops monitor action: one folder per model, history.json and a ring of window profiles.\n';
  const tree = await octokit.rest.git.createTree({ owner: at.owner, repo: at.repo, tree: [{ path: 'README.md', mode: '100644', type: 'blob', content: readme }] });
  const commit = await octokit.rest.git.createCommit({ owner: at.owner, repo: at.repo, message: 'mlops: start the monitoring history', tree: tree.data.sha, parents: [] });
  await octokit.rest.git.createRef({ owner: at.owner, repo: at.repo, ref: `refs/heads/${at.branch}`, sha: commit.data.sha });
  return true;
}

/** Uploads the files a monitor run wrote (paths relative to `dir`), one commit each, updating in place. */
export async function pushHistory(octokit: ContentsOctokit, at: HistoryLocation, dir: string, paths: readonly string[], label: string): Promise<void> {
  await ensureBranch(octokit, at);
  // history.json last: a reader never sees it name a window whose profile is not there yet
  const ordered = [...paths.filter((p) => p !== 'history.json'), ...paths.filter((p) => p === 'history.json')];
  for (const path of ordered) {
    const content = (await readFile(join(dir, path))).toString('base64');
    const existing = await getFile(octokit, at, path);
    await octokit.rest.repos.createOrUpdateFileContents({
      owner: at.owner, repo: at.repo, branch: at.branch, path: `${at.folder}/${path}`, content,
      message: `mlops monitor: ${at.folder} window ${label} (${path})`,
      ...(existing ? { sha: existing.sha } : {}),
    });
  }
}
