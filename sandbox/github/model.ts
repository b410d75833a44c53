/**
 * The GitHub emulator's in-memory world: plain records, serialised to API shapes by `serialize-*.ts`.
 * Issues and pull requests share one number sequence per repository, as on GitHub.
 */
import type { GitStore } from './git-objects.js';
import type { ActionsWorld } from './model-actions.js';
import type { ChecksWorld } from './model-checks.js';
import type { DeploymentsWorld } from './model-deployments.js';
import type { ReleasesWorld } from './model-releases.js';

/** Repository roles, weakest first (GitHub's five built-in roles). */
export const ROLES = ['read', 'triage', 'write', 'maintain', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Organization' | 'Bot';
  name: string | null;
  email: string | null;
  created_at: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  /** Set when this number belongs to a pull request. */
  pull: boolean;
}

export interface PullRecord {
  id: number;
  number: number;
  /** Head branch name and the repository (full name) holding it; a fork for outside contributors. */
  head_ref: string;
  head_repo: string;
  head_sha: string;
  base_ref: string;
  /** Base branch tip when the PR was opened or last synchronised, for the response's `base.sha`. */
  base_sha: string;
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  requested_reviewers: string[];
  maintainer_can_modify: boolean;
}

export interface CommentRecord {
  id: number;
  issue_number: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
  reactions: ReactionRecord[];
}

export interface ReactionRecord {
  id: number;
  user: string;
  content: string;
  created_at: string;
}

export interface ReviewRecord {
  id: number;
  pull_number: number;
  user: string;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED';
  commit_id: string;
  submitted_at: string | null;
}

export interface HookRecord {
  id: number;
  /** `app` for the GitHub App's webhook, otherwise the repository's full name. */
  owner: string;
  url: string;
  secret: string | null;
  events: string[];
  active: boolean;
  content_type: 'json';
  created_at: string;
  updated_at: string;
  last_response: { code: number | null; status: string | null; message: string | null };
}

export interface RepoRecord {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  description: string | null;
  default_branch: string;
  /** Full name of the repository this one was forked from. */
  parent: string | null;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  /** login → role; org admins and the owner are added here explicitly by the seed. */
  collaborators: Record<string, Role>;
  /** `refs/heads/main` → commit (or tag object) sha. */
  refs: Record<string, string>;
  issues: IssueRecord[];
  pulls: PullRecord[];
  comments: CommentRecord[];
  labels: LabelRecord[];
  reviews: ReviewRecord[];
  hooks: HookRecord[];
}

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  owner: string;
  client_id: string;
  /** PEM, SPKI; the private half is handed to whoever plays the app. */
  public_key_pem: string;
  permissions: Record<string, 'read' | 'write' | 'admin'>;
  events: string[];
  webhook: { url: string | null; secret: string };
  created_at: string;
}

export interface InstallationRecord {
  id: number;
  account: string;
  repository_selection: 'all';
  created_at: string;
}

export interface TokenRecord {
  token: string;
  kind: 'user' | 'installation';
  /** User login, or the installation id as a string. */
  subject: string;
  expires_at: number | null;
  permissions: Record<string, string> | null;
  /** Issued to a workflow job as its GITHUB_TOKEN (see sandbox/agent/job-environment.ts). */
  job?: boolean;
}

/** Everything the emulator knows; `reset` swaps in a freshly seeded one. */
export interface World {
  users: UserRecord[];
  repos: RepoRecord[];
  git: GitStore;
  app: AppRecord;
  installations: InstallationRecord[];
  tokens: TokenRecord[];
  /** Workflows, runs, jobs, self-hosted runners, artifacts (model-actions.ts). */
  actions: ActionsWorld;
  /** Check suites/runs and commit statuses (model-checks.ts). */
  checks: ChecksWorld;
  /** Releases and assets (model-releases.ts). */
  releases: ReleasesWorld;
  /** Deployments, statuses, environments (model-deployments.ts). */
  deployments: DeploymentsWorld;
  /** One id sequence for every record kind: ids stay unique and increasing, like GitHub's. */
  nextId: number;
}

/** Hands out the next id from the world's sequence. */
export function nextId(world: World): number {
  return world.nextId++;
}

/** Finds a repository by owner and name, case-insensitively like GitHub. */
export function findRepo(world: World, owner: string, name: string): RepoRecord | undefined {
  const o = owner.toLowerCase();
  const n = name.toLowerCase();
  return world.repos.find((r) => r.owner.toLowerCase() === o && r.name.toLowerCase() === n);
}

/** Finds a user or organisation by login, case-insensitively. */
export function findUser(world: World, login: string): UserRecord | undefined {
  const l = login.toLowerCase();
  return world.users.find((u) => u.login.toLowerCase() === l);
}

/** `owner/name`. */
export function fullName(repo: RepoRecord): string {
  return `${repo.owner}/${repo.name}`;
}
