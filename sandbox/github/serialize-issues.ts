/** API shapes for issues, comments, reactions, pull requests and reviews. */
import { ancestors, commitFiles, diffFiles, lineStats, mergeBase } from './git-objects.js';
import { findRepo, findUser, fullName, type CommentRecord, type IssueRecord, type PullRecord, type ReactionRecord, type RepoRecord, type ReviewRecord, type World } from './model.js';
import { labelJson, nodeId, repoJson, userByLogin, userJson } from './serialize-core.js';

/** GitHub's author_association for a user on a repository. */
export function authorAssociation(world: World, repo: RepoRecord, login: string): string {
  if (login === repo.owner) return 'OWNER';
  const owner = findUser(world, repo.owner);
  if (repo.collaborators[login]) return owner?.type === 'Organization' ? 'MEMBER' : 'COLLABORATOR';
  return 'NONE';
}

function reactionsSummary(url: string, reactions: ReactionRecord[]): Record<string, unknown> {
  const count = (c: string) => reactions.filter((r) => r.content === c).length;
  return {
    url,
    total_count: reactions.length,
    '+1': count('+1'),
    '-1': count('-1'),
    laugh: count('laugh'),
    confused: count('confused'),
    heart: count('heart'),
    hooray: count('hooray'),
    eyes: count('eyes'),
    rocket: count('rocket'),
  };
}

/** `issue`; a pull request's issue carries `pull_request` links like on GitHub. */
export function issueJson(world: World, base: string, repo: RepoRecord, i: IssueRecord): Record<string, unknown> {
  const url = `${base}/repos/${fullName(repo)}/issues/${i.number}`;
  const labels = i.labels.map((n) => repo.labels.find((l) => l.name === n)).filter((l) => l !== undefined);
  const assignees = i.assignees.map((a) => userByLogin(world, base, a)).filter((a) => a !== null);
  const json: Record<string, unknown> = {
    id: i.id,
    node_id: nodeId(i.pull ? 'PR' : 'I', i.id),
    url,
    repository_url: `${base}/repos/${fullName(repo)}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${base}/${fullName(repo)}/${i.pull ? 'pull' : 'issues'}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    user: userByLogin(world, base, i.user),
    labels: labels.map((l) => labelJson(base, repo, l)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: i.locked,
    active_lock_reason: null,
    comments: repo.comments.filter((c) => c.issue_number === i.number).length,
    closed_at: i.closed_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_by: userByLogin(world, base, i.closed_by),
    author_association: authorAssociation(world, repo, i.user),
    reactions: reactionsSummary(`${url}/reactions`, []),
  };
  if (i.pull) {
    const pull = repo.pulls.find((p) => p.number === i.number);
    json.pull_request = {
      url: `${base}/repos/${fullName(repo)}/pulls/${i.number}`,
      html_url: `${base}/${fullName(repo)}/pull/${i.number}`,
      diff_url: `${base}/${fullName(repo)}/pull/${i.number}.diff`,
      patch_url: `${base}/${fullName(repo)}/pull/${i.number}.patch`,
      merged_at: pull?.merged_at ?? null,
    };
    json.draft = pull?.draft ?? false;
  }
  return json;
}

/** `issue-comment`. */
export function commentJson(world: World, base: string, repo: RepoRecord, c: CommentRecord): Record<string, unknown> {
  const url = `${base}/repos/${fullName(repo)}/issues/comments/${c.id}`;
  return {
    id: c.id,
    node_id: nodeId('IC', c.id),
    url,
    html_url: `${base}/${fullName(repo)}/issues/${c.issue_number}#issuecomment-${c.id}`,
    body: c.body,
    user: userByLogin(world, base, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${base}/repos/${fullName(repo)}/issues/${c.issue_number}`,
    author_association: authorAssociation(world, repo, c.user),
    performed_via_github_app: null,
    reactions: reactionsSummary(`${url}/reactions`, c.reactions),
  };
}

/** `reaction`. */
export function reactionJson(world: World, base: string, r: ReactionRecord): Record<string, unknown> {
  return { id: r.id, node_id: nodeId('REA', r.id), user: userByLogin(world, base, r.user), content: r.content, created_at: r.created_at };
}

function branchJson(world: World, base: string, repoName: string, ref: string, sha: string): Record<string, unknown> {
  const [o, n] = repoName.split('/') as [string, string];
  const repo = findRepo(world, o, n);
  return {
    label: `${o}:${ref}`,
    ref,
    sha,
    user: userByLogin(world, base, o),
    repo: repo ? repoJson(world, base, repo) : null,
  };
}

/** Files changed by a pull request: its head against the merge base with the base branch. */
export function pullChanges(world: World, repo: RepoRecord, p: PullRecord) {
  // Once merged, the base branch contains the head: a merged PR's files are still its own diff, as on GitHub.
  const baseTip = p.merged ? p.base_sha : (repo.refs[`refs/heads/${p.base_ref}`] ?? p.base_sha);
  const mb = mergeBase(world.git, baseTip, p.head_sha) ?? baseTip;
  const changes = diffFiles(commitFiles(world.git, mb), commitFiles(world.git, p.head_sha));
  const commits = p.merged ? [] : ancestors(world.git, p.head_sha).filter((s) => !new Set(ancestors(world.git, baseTip)).has(s));
  return { mergeBase: mb, changes, commits };
}

/** `pull-request` (full) or `pull-request-simple`. */
export function pullJson(world: World, base: string, repo: RepoRecord, p: PullRecord, full = true): Record<string, unknown> {
  const issue = repo.issues.find((i) => i.number === p.number)!;
  const issueShape = issueJson(world, base, repo, issue);
  const url = `${base}/repos/${fullName(repo)}/pulls/${p.number}`;
  const html = `${base}/${fullName(repo)}/pull/${p.number}`;
  const issueUrl = `${base}/repos/${fullName(repo)}/issues/${p.number}`;
  const headSha = p.head_sha;
  const json: Record<string, unknown> = {
    url,
    id: p.id,
    node_id: nodeId('PR_', p.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${base}/repos/${fullName(repo)}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${base}/repos/${fullName(repo)}/statuses/${headSha}`,
    number: p.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: issueShape.user,
    body: issue.body,
    labels: issueShape.labels,
    milestone: null,
    active_lock_reason: null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: p.merged_at,
    merge_commit_sha: p.merge_commit_sha,
    assignee: issueShape.assignee,
    assignees: issueShape.assignees,
    requested_reviewers: p.requested_reviewers.map((r) => userByLogin(world, base, r)).filter((r) => r !== null),
    requested_teams: [],
    head: branchJson(world, base, p.head_repo, p.head_ref, headSha),
    base: branchJson(world, base, fullName(repo), p.base_ref, repo.refs[`refs/heads/${p.base_ref}`] ?? p.base_sha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${base}/repos/${fullName(repo)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${base}/repos/${fullName(repo)}/statuses/${headSha}` },
    },
    author_association: issueShape.author_association,
    auto_merge: null,
    draft: p.draft,
  };
  if (!full) return json;
  const { changes, commits, mergeable } = { ...pullChanges(world, repo, p), mergeable: pullMergeable(world, repo, p) };
  let additions = 0;
  let deletions = 0;
  for (const c of changes) {
    const s = lineStats(world.git, c);
    additions += s.additions;
    deletions += s.deletions;
  }
  return {
    ...json,
    merged: p.merged,
    mergeable: p.merged ? null : mergeable,
    rebaseable: p.merged ? null : mergeable,
    mergeable_state: p.merged ? 'unknown' : mergeable ? 'clean' : 'dirty',
    merged_by: userByLogin(world, base, p.merged_by),
    comments: issueShape.comments,
    review_comments: 0,
    maintainer_can_modify: p.maintainer_can_modify,
    commits: commits.length,
    additions,
    deletions,
    changed_files: changes.length,
  };
}

/** Whether head merges into base without a file-level conflict. */
export function pullMergeable(world: World, repo: RepoRecord, p: PullRecord): boolean {
  const baseTip = repo.refs[`refs/heads/${p.base_ref}`];
  if (!baseTip) return false;
  const mb = mergeBase(world.git, baseTip, p.head_sha);
  if (!mb) return false;
  const ancestorFiles = commitFiles(world.git, mb);
  const baseFiles = commitFiles(world.git, baseTip);
  const headFiles = commitFiles(world.git, p.head_sha);
  const baseChanged = new Map(diffFiles(ancestorFiles, baseFiles).map((c) => [c.filename, c.after]));
  return diffFiles(ancestorFiles, headFiles).every((c) => !baseChanged.has(c.filename) || baseChanged.get(c.filename) === c.after);
}

/** `pull-request-review`. */
export function reviewJson(world: World, base: string, repo: RepoRecord, r: ReviewRecord): Record<string, unknown> {
  const html = `${base}/${fullName(repo)}/pull/${r.pull_number}#pullrequestreview-${r.id}`;
  const pullUrl = `${base}/repos/${fullName(repo)}/pulls/${r.pull_number}`;
  const json: Record<string, unknown> = {
    id: r.id,
    node_id: nodeId('PRR_', r.id),
    user: userByLogin(world, base, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(world, repo, r.user),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    commit_id: r.commit_id,
  };
  if (r.submitted_at) json.submitted_at = r.submitted_at;
  return json;
}

export { userJson };
