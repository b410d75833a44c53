/** API shapes for users, repositories, labels and the app, with every field the OpenAPI schemas require. */
import { isoSeconds } from './context.js';
import { findUser, fullName, type AppRecord, type InstallationRecord, type LabelRecord, type RepoRecord, type Role, type UserRecord, type World } from './model.js';

/** `simple-user`. */
export function userJson(base: string, u: UserRecord): Record<string, unknown> {
  // Bot logins (`slug[bot]`) are escaped in URLs, as GitHub writes them (`/users/slug%5Bbot%5D`).
  const path = encodeURIComponent(u.login);
  const url = `${base}/users/${path}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId(u.type === 'Organization' ? 'O' : 'U', u.id),
    avatar_url: `${base}/avatars/${path}`,
    gravatar_id: '',
    url,
    html_url: `${base}/${path}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `simple-user` for a login, or null when it is unknown. */
export function userByLogin(world: World, base: string, login: string | null): Record<string, unknown> | null {
  const u = login ? findUser(world, login) : undefined;
  return u ? userJson(base, u) : null;
}

/** `public-user` (GET /users/{username}). */
export function publicUserJson(world: World, base: string, u: UserRecord): Record<string, unknown> {
  return {
    ...userJson(base, u),
    name: u.name,
    company: null,
    blog: '',
    location: null,
    email: u.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: world.repos.filter((r) => r.owner === u.login && !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: u.created_at,
    updated_at: u.created_at,
  };
}

/** GitHub-like global node ids (opaque; base64 of kind + id). */
export function nodeId(kind: string, id: number): string {
  return Buffer.from(`0:${kind}${id}`).toString('base64').replace(/=+$/, '');
}

/** Permission flags as `repo.permissions` reports them for a role. */
export function permissionFlags(role: Role | null): Record<string, boolean> {
  const at = (r: Role) => role !== null && ['read', 'triage', 'write', 'maintain', 'admin'].indexOf(role) >= ['read', 'triage', 'write', 'maintain', 'admin'].indexOf(r);
  return { admin: at('admin'), maintain: at('maintain'), push: at('write'), triage: at('triage'), pull: at('read') };
}

/** `full-repository` (a superset of `repository`, `minimal-repository`, `simple-repository`). */
export function repoJson(world: World, base: string, repo: RepoRecord, role?: Role | null): Record<string, unknown> {
  const owner = findUser(world, repo.owner)!;
  const url = `${base}/repos/${fullName(repo)}`;
  const openIssues = repo.issues.filter((i) => i.state === 'open').length;
  const forks = world.repos.filter((r) => r.parent === fullName(repo)).length;
  const json: Record<string, unknown> = {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: fullName(repo),
    owner: userJson(base, owner),
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    html_url: `${base}/${fullName(repo)}`,
    description: repo.description,
    fork: repo.parent !== null,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git:${base.replace(/^https?:/, '')}/${fullName(repo)}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@127.0.0.1:${fullName(repo)}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${base}/${fullName(repo)}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `${base}/${fullName(repo)}`,
    homepage: null,
    language: 'Python',
    forks_count: forks,
    forks,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.default_branch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
    pushed_at: repo.pushed_at,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: true,
    network_count: forks,
    subscribers_count: 0,
  };
  if (role !== undefined) json.permissions = permissionFlags(role);
  if (owner.type === 'Organization') json.organization = userJson(base, owner);
  if (repo.parent) {
    const [o, n] = repo.parent.split('/') as [string, string];
    const parent = world.repos.find((r) => r.owner === o && r.name === n);
    if (parent) {
      json.parent = repoJson(world, base, parent);
      json.source = json.parent;
    }
  }
  return json;
}

/** `label`. */
export function labelJson(base: string, repo: RepoRecord, l: LabelRecord): Record<string, unknown> {
  return {
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${base}/repos/${fullName(repo)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: l.default,
    description: l.description,
  };
}

/** `integration` (GET /app). */
export function appJson(world: World, base: string, app: AppRecord): Record<string, unknown> {
  const owner = findUser(world, app.owner)!;
  return {
    id: app.id,
    slug: app.slug,
    client_id: app.client_id,
    node_id: nodeId('A', app.id),
    owner: userJson(base, owner),
    name: app.name,
    description: 'gh-mlops sandbox app',
    external_url: `${base}/apps/${app.slug}`,
    html_url: `${base}/apps/${app.slug}`,
    created_at: app.created_at,
    updated_at: app.created_at,
    permissions: app.permissions,
    events: app.events,
    installations_count: world.installations.length,
  };
}

/** `installation`. */
export function installationJson(world: World, base: string, inst: InstallationRecord): Record<string, unknown> {
  const account = findUser(world, inst.account)!;
  const app = world.app;
  return {
    id: inst.id,
    // name/slug/created_at/updated_at: list-installations' schema requires the enterprise fields too (allOf).
    account: { ...userJson(base, account), name: account.name, slug: account.login, created_at: account.created_at, updated_at: account.created_at },
    repository_selection: inst.repository_selection,
    access_tokens_url: `${base}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${base}/installation/repositories`,
    html_url: `${base}/organizations/${account.login}/settings/installations/${inst.id}`,
    app_id: app.id,
    app_slug: app.slug,
    client_id: app.client_id,
    target_id: account.id,
    target_type: account.type,
    permissions: app.permissions,
    events: app.events,
    created_at: inst.created_at,
    updated_at: inst.created_at,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

/** Now as GitHub formats it, for records. */
export function stamp(ms: number): string {
  return isoSeconds(ms);
}
