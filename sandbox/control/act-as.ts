/**
 * "Act as" helpers: drive GitHub the way people do (push files, open a PR, review, comment, merge), through the
 * emulator's own API pipeline with the person's token, so permissions, events and errors are the real ones.
 */
import type { EmulatorResponse, GithubEmulator } from '../github/server.js';

export type ActAsAction = 'push' | 'open-pull-request' | 'review' | 'comment' | 'merge';

/** Body of `POST /_sandbox/act-as`. `repo` defaults to `acme/churn-model`. */
export interface ActAsRequest {
  user: string;
  action: ActAsAction;
  repo?: string;
  /** push: branch to move (created from `from` or the default branch when missing). */
  branch?: string;
  from?: string;
  /** push / open-pull-request: path → new text, or null to delete. */
  files?: Record<string, string | null>;
  message?: string;
  /** open-pull-request: `branch` or `owner:branch` for a fork; `base` defaults to the default branch. */
  head?: string;
  base?: string;
  title?: string;
  body?: string;
  draft?: boolean;
  /** review / comment / merge: the pull request or issue number. */
  number?: number;
  event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT';
  merge_method?: 'merge' | 'squash' | 'rebase';
}

class ActAsFailure extends Error {
  constructor(readonly response: EmulatorResponse) {
    super('act-as step failed');
  }
}

/** Runs one action; the answer is the last API call's (or the first failing call's) status and body. */
export async function actAs(github: GithubEmulator, tokens: Record<string, string>, req: ActAsRequest): Promise<{ status: number; body: unknown }> {
  const token = tokens[req.user];
  if (!token) return { status: 422, body: { message: `unknown user ${String(req.user)}; known: ${Object.keys(tokens).join(', ')}` } };
  const repo = req.repo ?? 'acme/churn-model';
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await github.call({ method, url: path, headers: { authorization: `token ${token}` }, body });
    if (res.status >= 400) throw new ActAsFailure(res);
    return res.body as Record<string, unknown>;
  };
  try {
    switch (req.action) {
      case 'push': {
        if (!req.branch || !req.files) return usage('push needs branch and files');
        return { status: 200, body: await push(api, repo, req.branch, req.files, req.message ?? 'Update files', req.from) };
      }
      case 'open-pull-request': {
        if (!req.head || !req.title) return usage('open-pull-request needs head and title');
        const meta = await api('GET', `/repos/${repo}`);
        const base = req.base ?? String(meta.default_branch);
        if (req.files) {
          const [owner, branch] = req.head.includes(':') ? (req.head.split(':', 2) as [string, string]) : [repo.split('/')[0]!, req.head];
          const headRepo = `${owner}/${repo.split('/')[1]}`;
          await push(api, headRepo, branch, req.files, req.message ?? req.title, base);
        }
        const pull = await api('POST', `/repos/${repo}/pulls`, { head: req.head, base, title: req.title, body: req.body, draft: req.draft });
        return { status: 201, body: pull };
      }
      case 'review': {
        if (req.number === undefined) return usage('review needs number');
        return { status: 200, body: await api('POST', `/repos/${repo}/pulls/${req.number}/reviews`, { event: req.event ?? 'APPROVE', body: req.body }) };
      }
      case 'comment': {
        if (req.number === undefined || !req.body) return usage('comment needs number and body');
        return { status: 201, body: await api('POST', `/repos/${repo}/issues/${req.number}/comments`, { body: req.body }) };
      }
      case 'merge': {
        if (req.number === undefined) return usage('merge needs number');
        return { status: 200, body: await api('PUT', `/repos/${repo}/pulls/${req.number}/merge`, { merge_method: req.merge_method ?? 'merge' }) };
      }
      default:
        return usage(`unknown action ${String(req.action)}; one of push, open-pull-request, review, comment, merge`);
    }
  } catch (error) {
    if (error instanceof ActAsFailure) return { status: error.response.status, body: error.response.body };
    throw error;
  }
}

function usage(message: string) {
  return { status: 422, body: { message } };
}

type Api = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** Blobs → tree on top of the branch tip → commit → move (or create) the branch, like `git push`. */
async function push(api: Api, repo: string, branch: string, files: Record<string, string | null>, message: string, from?: string) {
  let parent: string | undefined;
  try {
    parent = String(((await api('GET', `/repos/${repo}/git/ref/heads/${branch}`)).object as { sha: string }).sha);
  } catch (error) {
    if (!(error instanceof ActAsFailure) || error.response.status !== 404) throw error;
  }
  const created = parent === undefined;
  if (created) {
    const meta = await api('GET', `/repos/${repo}`);
    const source = from ?? String(meta.default_branch);
    parent = String(((await api('GET', `/repos/${repo}/git/ref/heads/${source}`)).object as { sha: string }).sha);
  }
  const parentCommit = await api('GET', `/repos/${repo}/git/commits/${parent}`);
  const tree = [];
  for (const [path, text] of Object.entries(files)) {
    if (text === null) tree.push({ path, mode: '100644', type: 'blob', sha: null });
    else tree.push({ path, mode: '100644', type: 'blob', sha: (await api('POST', `/repos/${repo}/git/blobs`, { content: text, encoding: 'utf-8' })).sha });
  }
  const newTree = await api('POST', `/repos/${repo}/git/trees`, { base_tree: (parentCommit.tree as { sha: string }).sha, tree });
  const commit = await api('POST', `/repos/${repo}/git/commits`, { message, tree: newTree.sha, parents: [parent] });
  if (created) await api('POST', `/repos/${repo}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit.sha });
  else await api('PATCH', `/repos/${repo}/git/refs/heads/${branch}`, { sha: commit.sha });
  return { ref: `refs/heads/${branch}`, commit: commit.sha, created };
}
