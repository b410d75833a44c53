/** State changes that GitHub announces: ref moves (push/create/delete, PR synchronize) and the payload builders. */
import type { EmulatorEnv } from './context.js';
import { ancestors, commitFiles, diffFiles, readObject } from './git-objects.js';
import { findRepo, fullName, type IssueRecord, type PullRecord, type RepoRecord } from './model.js';
import { repoJson, userByLogin } from './serialize-core.js';
import { commentJson, issueJson, pullJson } from './serialize-issues.js';
import { webhookPayload } from './serialize-webhooks.js';
import type { CommentRecord } from './model.js';
import { payloadBase } from './webhooks.js';
import { runsForEvent } from './event-runs.js';

/** The webhook payload of `event`: `fields` plus repository/sender/organization, in webhook shapes. */
export function eventPayload(env: EmulatorEnv, repo: RepoRecord, sender: string, event: string, fields: Record<string, unknown>): Record<string, unknown> {
  const world = env.world();
  const base = env.baseUrl();
  return webhookPayload(event, {
    ...fields,
    ...payloadBase(world, (r) => repoJson(world, base, r), (l) => userByLogin(world, base, l), repo, sender),
  });
}

/**
 * Sends `event` with `fields` plus repository/sender/organization (and installation for the app's hook), then starts
 * the workflow runs it triggers, as GitHub does for every event it emits.
 */
export function emitEvent(env: EmulatorEnv, repo: RepoRecord, sender: string, event: string, fields: Record<string, unknown>): void {
  const payload = eventPayload(env, repo, sender, event, fields);
  env.webhooks.emit(event, payload, repo);
  runsForEvent(env, repo, sender, event, payload);
}

/** `issues.<action>`. */
export function emitIssue(env: EmulatorEnv, repo: RepoRecord, sender: string, action: string, issue: IssueRecord, extra: Record<string, unknown> = {}): void {
  emitEvent(env, repo, sender, 'issues', { action, issue: issueJson(env.world(), env.baseUrl(), repo, issue), ...extra });
}

/** `issue_comment.<action>`. */
export function emitComment(env: EmulatorEnv, repo: RepoRecord, sender: string, action: string, comment: CommentRecord, extra: Record<string, unknown> = {}): void {
  const world = env.world();
  const issue = repo.issues.find((i) => i.number === comment.issue_number)!;
  emitEvent(env, repo, sender, 'issue_comment', {
    action,
    issue: issueJson(world, env.baseUrl(), repo, issue),
    comment: commentJson(world, env.baseUrl(), repo, comment),
    ...extra,
  });
}

/** `pull_request.<action>`. */
export function emitPull(env: EmulatorEnv, repo: RepoRecord, sender: string, action: string, pull: PullRecord, extra: Record<string, unknown> = {}): void {
  emitEvent(env, repo, sender, 'pull_request', { action, number: pull.number, pull_request: pullJson(env.world(), env.baseUrl(), repo, pull), ...extra });
}

/**
 * Moves (or creates, or with null deletes) a ref and announces it: `create`/`delete` for new/removed branches and
 * tags, `push` always, and `pull_request.synchronize` for open pull requests whose head is this branch.
 */
export function moveRef(env: EmulatorEnv, repo: RepoRecord, ref: string, sha: string | null, sender: string): void {
  const world = env.world();
  const base = env.baseUrl();
  const before = repo.refs[ref] ?? null;
  if (sha === null) delete repo.refs[ref];
  else repo.refs[ref] = sha;
  const now = env.clock.now();
  repo.pushed_at = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const short = ref.replace(/^refs\/(heads|tags)\//, '');
  const refType = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  if (before === null && sha !== null && (ref.startsWith('refs/heads/') || ref.startsWith('refs/tags/'))) {
    emitEvent(env, repo, sender, 'create', { ref: short, ref_type: refType, master_branch: repo.default_branch, description: repo.description, pusher_type: 'user' });
  }
  if (before !== null && sha === null) emitEvent(env, repo, sender, 'delete', { ref: short, ref_type: refType, pusher_type: 'user' });
  emitEvent(env, repo, sender, 'push', pushFields(env, repo, ref, before, sha, sender));
  if (!ref.startsWith('refs/heads/') || sha === null) return;
  for (const target of world.repos) {
    for (const pull of target.pulls) {
      const issue = target.issues.find((i) => i.number === pull.number)!;
      if (issue.state !== 'open' || pull.head_repo !== fullName(repo) || `refs/heads/${pull.head_ref}` !== ref || pull.head_sha === sha) continue;
      const previous = pull.head_sha;
      pull.head_sha = sha;
      issue.updated_at = repo.pushed_at;
      emitPull(env, target, sender, 'synchronize', pull, { before: previous, after: sha });
    }
  }
  void base;
}

function pushFields(env: EmulatorEnv, repo: RepoRecord, ref: string, before: string | null, after: string | null, sender: string): Record<string, unknown> {
  const world = env.world();
  const base = env.baseUrl();
  const zero = '0'.repeat(40);
  const known = new Set(before ? ancestors(world.git, before) : []);
  const fresh = after ? ancestors(world.git, after).filter((s) => !known.has(s)).reverse().slice(-20) : [];
  const commits = fresh.map((sha) => {
    const c = readObject(world.git, sha, 'commit')!;
    const changes = diffFiles(c.parents[0] ? commitFiles(world.git, c.parents[0]) : new Map(), commitFiles(world.git, sha));
    const person = (p: { name: string; email: string }) => ({ name: p.name, email: p.email, username: world.users.find((u) => u.email === p.email)?.login });
    return {
      id: sha,
      tree_id: c.tree,
      distinct: true,
      message: c.message,
      timestamp: c.committer.date,
      url: `${base}/${fullName(repo)}/commit/${sha}`,
      author: person(c.author),
      committer: person(c.committer),
      added: changes.filter((x) => x.status === 'added').map((x) => x.filename),
      removed: changes.filter((x) => x.status === 'removed').map((x) => x.filename),
      modified: changes.filter((x) => x.status === 'modified').map((x) => x.filename),
    };
  });
  const pusher = world.users.find((u) => u.login === sender);
  return {
    ref,
    before: before ?? zero,
    after: after ?? zero,
    created: before === null,
    deleted: after === null,
    forced: before !== null && after !== null && !ancestors(world.git, after).includes(before),
    base_ref: null,
    compare: `${base}/${fullName(repo)}/compare/${(before ?? zero).slice(0, 12)}...${(after ?? zero).slice(0, 12)}`,
    commits,
    head_commit: commits[commits.length - 1] ?? null,
    pusher: { name: sender, email: pusher?.email ?? null },
  };
}

/** The repository named `owner/name`, if any. */
export function repoByFullName(env: EmulatorEnv, name: string): RepoRecord | undefined {
  const [o, n] = name.split('/') as [string, string];
  return findRepo(env.world(), o, n ?? '');
}
