/** API shapes for the git database, commits, branches, contents and hooks. */
import { commitFiles, diffFiles, flattenTree, lineStats, readObject, type GitObject, type GitPerson } from './git-objects.js';
import { findUser, fullName, type HookRecord, type RepoRecord, type World } from './model.js';
import { nodeId, userJson } from './serialize-core.js';

type Commit = Extract<GitObject, { type: 'commit' }>;

/** `git-ref`. */
export function gitRefJson(world: World, base: string, repo: RepoRecord, ref: string): Record<string, unknown> {
  const sha = repo.refs[ref]!;
  const type = world.git.objects.get(sha)?.type ?? 'commit';
  const api = `${base}/repos/${fullName(repo)}`;
  return {
    ref,
    node_id: nodeId('REF_', hashish(`${fullName(repo)}:${ref}`)),
    url: `${api}/git/${ref}`,
    object: { type, sha, url: `${api}/git/${type}s/${sha}` },
  };
}

function hashish(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

const unsigned = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/** `git-commit`. */
export function gitCommitJson(base: string, repo: RepoRecord, c: Commit): Record<string, unknown> {
  const api = `${base}/repos/${fullName(repo)}`;
  return {
    sha: c.sha,
    node_id: nodeId('C_', hashish(c.sha)),
    url: `${api}/git/commits/${c.sha}`,
    html_url: `${base}/${fullName(repo)}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${base}/${fullName(repo)}/commit/${p}` })),
    verification: unsigned,
  };
}

/** `git-tree`, one level or (`recursive`) every path. */
export function gitTreeJson(world: World, base: string, repo: RepoRecord, sha: string, recursive: boolean): Record<string, unknown> {
  const api = `${base}/repos/${fullName(repo)}`;
  const entries: Array<Record<string, unknown>> = [];
  const walk = (treeSha: string, prefix: string) => {
    const tree = readObject(world.git, treeSha, 'tree')!;
    for (const e of tree.entries) {
      const entry: Record<string, unknown> = { path: prefix + e.name, mode: e.mode, type: e.type, sha: e.sha, url: `${api}/git/${e.type}s/${e.sha}` };
      if (e.type === 'blob') entry.size = readObject(world.git, e.sha, 'blob')?.content.length ?? 0;
      entries.push(entry);
      if (recursive && e.type === 'tree') walk(e.sha, `${prefix}${e.name}/`);
    }
  };
  walk(sha, '');
  return { sha, url: `${api}/git/trees/${sha}`, tree: entries, truncated: false };
}

/** `blob`. */
export function blobJson(base: string, repo: RepoRecord, sha: string, content: Buffer): Record<string, unknown> {
  return {
    sha,
    node_id: nodeId('B_', hashish(sha)),
    size: content.length,
    url: `${base}/repos/${fullName(repo)}/git/blobs/${sha}`,
    content: wrapBase64(content),
    encoding: 'base64',
  };
}

/** Base64 in 60-character lines, as GitHub returns file contents. */
export function wrapBase64(content: Buffer): string {
  const b64 = content.toString('base64');
  return b64.length === 0 ? '' : `${b64.match(/.{1,60}/g)!.join('\n')}\n`;
}

/** `git-tag`. */
export function gitTagJson(base: string, repo: RepoRecord, t: Extract<GitObject, { type: 'tag' }>): Record<string, unknown> {
  const api = `${base}/repos/${fullName(repo)}`;
  return {
    node_id: nodeId('TAG_', hashish(t.sha)),
    tag: t.tag,
    sha: t.sha,
    url: `${api}/git/tags/${t.sha}`,
    message: t.message,
    tagger: t.tagger,
    object: { type: t.objectType, sha: t.object, url: `${api}/git/${t.objectType}s/${t.object}` },
    verification: unsigned,
  };
}

function gitUser(p: GitPerson): Record<string, unknown> {
  return { name: p.name, email: p.email, date: p.date };
}

function accountFor(world: World, base: string, email: string): Record<string, unknown> {
  const u = world.users.find((x) => x.email === email);
  return u ? userJson(base, u) : {};
}

/** `commit` (repos/get-commit, repos/list-commits); `withFiles` adds stats and files like the single-commit endpoint. */
export function commitJson(world: World, base: string, repo: RepoRecord, c: Commit, withFiles: boolean): Record<string, unknown> {
  const api = `${base}/repos/${fullName(repo)}`;
  const json: Record<string, unknown> = {
    sha: c.sha,
    node_id: nodeId('C_', hashish(c.sha)),
    url: `${api}/commits/${c.sha}`,
    html_url: `${base}/${fullName(repo)}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${c.sha}`,
      author: gitUser(c.author),
      committer: gitUser(c.committer),
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      verification: unsigned,
    },
    author: accountFor(world, base, c.author.email),
    committer: accountFor(world, base, c.committer.email),
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${base}/${fullName(repo)}/commit/${p}` })),
  };
  if (!withFiles) return json;
  const before = c.parents[0] ? commitFiles(world.git, c.parents[0]) : new Map();
  const files = diffFiles(before, flattenTree(world.git, c.tree)).map((ch) => diffEntryJson(world, base, repo, c.sha, ch));
  const additions = files.reduce((n, f) => n + (f.additions as number), 0);
  const deletions = files.reduce((n, f) => n + (f.deletions as number), 0);
  return { ...json, stats: { additions, deletions, total: additions + deletions }, files };
}

/** `diff-entry`. */
export function diffEntryJson(
  world: World,
  base: string,
  repo: RepoRecord,
  ref: string,
  change: ReturnType<typeof diffFiles>[number],
): Record<string, unknown> {
  const { additions, deletions } = lineStats(world.git, change);
  const path = change.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: change.after ?? change.before ?? null,
    filename: change.filename,
    status: change.status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${base}/${fullName(repo)}/blob/${ref}/${path}`,
    raw_url: `${base}/${fullName(repo)}/raw/${ref}/${path}`,
    contents_url: `${base}/repos/${fullName(repo)}/contents/${path}?ref=${ref}`,
  };
}

/** `content-file` (with content) or the `content` part of `file-commit` (without). */
export function contentFileJson(base: string, repo: RepoRecord, path: string, ref: string, sha: string, content: Buffer, withContent: boolean): Record<string, unknown> {
  const api = `${base}/repos/${fullName(repo)}`;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const self = `${api}/contents/${encoded}?ref=${ref}`;
  const json: Record<string, unknown> = {
    type: 'file',
    name: path.split('/').pop(),
    path,
    sha,
    size: content.length,
    url: self,
    html_url: `${base}/${fullName(repo)}/blob/${ref}/${encoded}`,
    git_url: `${api}/git/blobs/${sha}`,
    download_url: `${base}/raw/${fullName(repo)}/${ref}/${encoded}`,
    _links: { self, git: `${api}/git/blobs/${sha}`, html: `${base}/${fullName(repo)}/blob/${ref}/${encoded}` },
  };
  if (withContent) Object.assign(json, { content: wrapBase64(content), encoding: 'base64' });
  return json;
}

/** `branch-with-protection`. */
export function branchJson(world: World, base: string, repo: RepoRecord, name: string, c: Commit): Record<string, unknown> {
  const api = `${base}/repos/${fullName(repo)}`;
  return {
    name,
    commit: commitJson(world, base, repo, c, false),
    _links: { self: `${api}/branches/${name}`, html: `${base}/${fullName(repo)}/tree/${name}` },
    protected: false,
    protection: { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
    protection_url: `${api}/branches/${name}/protection`,
  };
}

/** `hook`. */
export function hookJson(base: string, repo: RepoRecord, h: HookRecord): Record<string, unknown> {
  const api = `${base}/repos/${fullName(repo)}/hooks/${h.id}`;
  return {
    type: 'Repository',
    id: h.id,
    name: 'web',
    active: h.active,
    events: h.events,
    config: { url: h.url, content_type: h.content_type, insecure_ssl: '0', ...(h.secret ? { secret: '********' } : {}) },
    updated_at: h.updated_at,
    created_at: h.created_at,
    url: api,
    test_url: `${api}/test`,
    ping_url: `${api}/pings`,
    deliveries_url: `${api}/deliveries`,
    last_response: h.last_response,
  };
}

/** The account (login) of whoever wrote a commit, for payloads. */
export function loginForEmail(world: World, email: string): string | undefined {
  return world.users.find((u) => u.email === email)?.login ?? findUser(world, email)?.login;
}
