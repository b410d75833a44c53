/**
 * The people of the demo acting on GitHub (the sandbox's act-as control: pushes, pull requests, reviews, merges,
 * comments, as the web UI would make them), and what they read back: the app's replies and stage histories.
 */
import type { Octokit } from '@octokit/rest';
import { waitFor } from './actions-runs.js';
import type { Demo } from './context.js';

const where = { owner: 'acme', repo: 'churn-model' };

async function act(demo: Demo, request: Parameters<Demo['sandbox']['actAs']>[0], expected: number): Promise<unknown> {
  const res = await demo.sandbox.actAs(request);
  if (res.status !== expected) throw new Error(`${request.user} ${request.action} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** `user` opens a pull request from a new branch with `files`; returns its number and head. */
export async function openPullRequest(demo: Demo, user: string, branch: string, title: string, files: Record<string, string>): Promise<{ number: number; branch: string; headSha: string }> {
  const pull = (await act(demo, { user, action: 'open-pull-request', head: branch, title, files }, 201)) as { number: number; head: { sha: string } };
  return { number: pull.number, branch, headSha: pull.head.sha };
}

/** `user` pushes `files` to `branch`; returns the new commit. */
export async function push(demo: Demo, user: string, branch: string, files: Record<string, string>, message: string): Promise<string> {
  return ((await act(demo, { user, action: 'push', branch, files, message }, 200)) as { commit: string }).commit;
}

/** `user` approves pull request `number` (on its current head). */
export async function approve(demo: Demo, user: string, number: number): Promise<void> {
  await act(demo, { user, action: 'review', number, event: 'APPROVE', body: 'LGTM' }, 200);
}

/** `user` merges pull request `number`; returns the merge commit. */
export async function merge(demo: Demo, user: string, number: number): Promise<string> {
  return ((await act(demo, { user, action: 'merge', number }, 200)) as { sha: string }).sha;
}

/** Commits files (text or bytes) to `branch` through the git database API, as `git push` would; returns the commit. */
export async function commitFiles(octokit: Octokit, branch: string, files: Record<string, string | Buffer>, message: string): Promise<string> {
  const head = (await octokit.rest.git.getRef({ ...where, ref: `heads/${branch}` })).data.object.sha;
  const base = (await octokit.rest.git.getCommit({ ...where, commit_sha: head })).data.tree.sha;
  const tree = await Promise.all(Object.entries(files).map(async ([path, content]) => {
    const blob = (await octokit.rest.git.createBlob({ ...where, content: Buffer.from(content).toString('base64'), encoding: 'base64' })).data.sha;
    return { path, mode: path.endsWith('.sh') ? ('100755' as const) : ('100644' as const), type: 'blob' as const, sha: blob };
  }));
  const treeSha = (await octokit.rest.git.createTree({ ...where, base_tree: base, tree })).data.sha;
  const commit = (await octokit.rest.git.createCommit({ ...where, message, tree: treeSha, parents: [head] })).data.sha;
  await octokit.rest.git.updateRef({ ...where, ref: `heads/${branch}`, sha: commit });
  return commit;
}

/**
 * `user` comments `body` on issue/PR `number` and waits for the app's reply to that comment (its hidden marker);
 * returns the reply without the marker and the reactions the comment got.
 */
export async function command(demo: Demo, user: string, number: number, body: string): Promise<{ ok: boolean; reply: string }> {
  const created = (await act(demo, { user, action: 'comment', number, body }, 201)) as { id: number };
  await demo.world.settle();
  const marker = `<!-- mlops:chatops comment=${created.id} -->`;
  const gh = demo.gh('alice');
  const reply = await waitFor(`the app's reply to "${body}"`, async () => {
    const comments = await gh.paginate(gh.rest.issues.listComments, { ...where, issue_number: number, per_page: 100 });
    return comments.find((c) => c.body?.startsWith(marker))?.body?.slice(marker.length + 1);
  }, 20_000);
  const mine = (await gh.paginate(gh.rest.issues.listComments, { ...where, issue_number: number, per_page: 100 })).find((c) => c.id === created.id);
  const reactions = (mine?.reactions ?? {}) as Record<string, number>;
  return { ok: (reactions.rocket ?? 0) > 0, reply };
}

/** Deployments of environment `environment`, oldest first, with their latest status. */
export async function stageHistory(demo: Demo, environment: string): Promise<Array<{ id: number; version: string; state: string; description: string; requestedBy: string; createdAt: string }>> {
  const gh = demo.gh('alice');
  const list = (await gh.rest.repos.listDeployments({ ...where, environment, per_page: 100 })).data.sort((a, b) => a.id - b.id);
  return Promise.all(list.map(async (d) => {
    const statuses = (await gh.rest.repos.listDeploymentStatuses({ ...where, deployment_id: d.id })).data.sort((a, b) => b.id - a.id);
    const payload = d.payload as Record<string, unknown>;
    return { id: d.id, version: String(payload.version), state: statuses[0]?.state ?? 'none', description: statuses[0]?.description ?? '', requestedBy: String(payload.requested_by ?? ''), createdAt: d.created_at };
  }));
}

/** The latest successful deployment's version of `environment` (its champion), or undefined. */
export async function champion(demo: Demo, environment: string): Promise<string | undefined> {
  return (await stageHistory(demo, environment)).filter((d) => d.state === 'success').at(-1)?.version;
}
