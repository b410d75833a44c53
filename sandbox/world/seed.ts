/**
 * The seeded world: organisation `acme` with `acme/churn-model` (public, three commits of real git objects) and
 * `acme/infra` (private), people in every role, mallory's fork, and the GitHub App installed on acme.
 */
import { readFileSync } from 'node:fs';
import { assetPath } from '../../lib/package-root.js';
import { buildTree, createGitStore, writeBlob, writeCommit, type FlatEntry, type GitPerson, type GitStore } from '../github/git-objects.js';
import type { LabelRecord, RepoRecord, Role, UserRecord, World } from '../github/model.js';
import { createActionsWorld } from '../github/model-actions.js';
import { createChecksWorld } from '../github/model-checks.js';
import { createDeploymentsWorld } from '../github/model-deployments.js';
import { createReleasesWorld } from '../github/model-releases.js';
import type { SandboxIdentities } from './identities.js';

/** Roles on acme/churn-model. mallory has none (and a fork). */
export const SEED_ROLES: Record<string, Role> = { alice: 'admin', bob: 'maintain', dave: 'write', carol: 'triage', erin: 'read' };

export const APP_SLUG = 'mlops-sandbox';

// The seeded repository carries the shipped example config (and its policy override), so the sandbox's
// acme/churn-model is configured exactly as the README tells a real repository to be.
// Read when a world is seeded, not at import time.
const example = (...path: string[]) => readFileSync(assetPath('examples', '.github', ...path), 'utf8');

const seedCommits = (): Array<{ message: string; author: string; files: Record<string, string> }> => [
  {
    message: 'Initial commit',
    author: 'alice',
    files: { 'README.md': '# churn-model\n\nCustomer churn classifier, reviewed and shipped with gh-mlops.\n', '.gitignore': 'data/raw/\n*.pyc\n' },
  },
  {
    message: 'Add training script',
    author: 'bob',
    files: { 'train.py': 'import sys\n\ndef main():\n    print("training churn model")\n\nif __name__ == "__main__":\n    main()\n', 'requirements.txt': 'scikit-learn==1.5.2\nonnx==1.17.0\n' },
  },
  { message: 'Add mlops config', author: 'alice', files: { '.github/mlops.yml': example('mlops.yml'), '.github/mlops/policies/risk-high.yml': example('mlops', 'policies', 'risk-high.yml') } },
];

function commitSeries(git: GitStore, users: UserRecord[], start: number): string {
  const files = new Map<string, FlatEntry>();
  let parent: string | undefined;
  seedCommits().forEach((step, i) => {
    for (const [path, text] of Object.entries(step.files)) files.set(path, { mode: '100644', type: 'blob', sha: writeBlob(git, Buffer.from(text)) });
    const user = users.find((u) => u.login === step.author)!;
    const who: GitPerson = { name: user.name ?? user.login, email: user.email!, date: iso(start + i * 86_400_000) };
    parent = writeCommit(git, { tree: buildTree(git, files), parents: parent ? [parent] : [], author: who, committer: who, message: step.message });
  });
  return parent!;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const DEFAULT_LABELS: Array<[string, string, string]> = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['drift', 'e4e669', 'Data or prediction drift incident'],
];

/** Builds a fresh world; `now` is the virtual clock's time (history is dated in the days before it). */
export function seedWorld(identities: SandboxIdentities, now: number): World {
  let id = 1000;
  const next = () => ++id;
  const created = iso(now - 30 * 86_400_000);
  const person = (login: string, name: string | null, type: UserRecord['type'] = 'User'): UserRecord => ({
    login,
    id: next(),
    type,
    name,
    email: type === 'User' ? `${login}@acme.example` : null,
    created_at: created,
  });
  const users: UserRecord[] = [
    person('acme', 'Acme Corp', 'Organization'),
    person('alice', 'Alice Admin'),
    person('bob', 'Bob Maintainer'),
    person('carol', 'Carol Triager'),
    person('dave', 'Dave Writer'),
    person('erin', 'Erin Reader'),
    person('mallory', 'Mallory Outsider'),
    { ...person(`${APP_SLUG}[bot]`, null, 'Bot'), email: `${identities.appId}+${APP_SLUG}[bot]@users.noreply.github.com` },
  ];
  const git = createGitStore();
  const head = commitSeries(git, users, now - 3 * 86_400_000);
  const repo = (owner: string, name: string, extra: Partial<RepoRecord>): RepoRecord => ({
    id: next(),
    owner,
    name,
    private: false,
    description: null,
    default_branch: 'main',
    parent: null,
    created_at: created,
    updated_at: created,
    pushed_at: iso(now - 86_400_000),
    collaborators: {},
    refs: {},
    issues: [],
    pulls: [],
    comments: [],
    labels: [],
    reviews: [],
    hooks: [],
    ...extra,
  });
  const labels = (): LabelRecord[] => DEFAULT_LABELS.map(([name, color, description]) => ({ id: next(), name, color, description, default: name !== 'drift' }));
  const infraReadme = writeBlob(git, Buffer.from('# infra\n\nPrivate runner and deployment configuration.\n'));
  const alice = users.find((u) => u.login === 'alice')!;
  const aliceWho: GitPerson = { name: alice.name!, email: alice.email!, date: iso(now - 2 * 86_400_000) };
  const infraCommit = writeCommit(git, {
    tree: buildTree(git, new Map([['README.md', { mode: '100644', type: 'blob', sha: infraReadme }]])),
    parents: [],
    author: aliceWho,
    committer: aliceWho,
    message: 'Initial commit',
  });
  const repos: RepoRecord[] = [
    repo('acme', 'churn-model', {
      description: 'Customer churn classifier',
      collaborators: { ...SEED_ROLES },
      refs: { 'refs/heads/main': head },
      labels: labels(),
    }),
    repo('acme', 'infra', {
      private: true,
      description: 'Runner and deployment configuration',
      collaborators: { alice: 'admin', bob: 'write' },
      refs: { 'refs/heads/main': infraCommit },
      labels: labels(),
    }),
    repo('mallory', 'churn-model', {
      description: 'Customer churn classifier',
      parent: 'acme/churn-model',
      collaborators: { mallory: 'admin' },
      refs: { 'refs/heads/main': head },
      labels: labels(),
    }),
  ];
  const tokens = Object.entries(identities.tokens).map(([login, token]) => ({ token, kind: 'user' as const, subject: login, expires_at: null, permissions: null }));
  return {
    users,
    repos,
    git,
    app: {
      id: identities.appId,
      slug: APP_SLUG,
      name: 'mlops sandbox',
      owner: 'acme',
      client_id: `Iv1.${identities.appId.toString(16).padStart(16, '0')}`,
      public_key_pem: identities.appPublicKeyPem,
      permissions: {
        metadata: 'read',
        contents: 'write',
        issues: 'write',
        pull_requests: 'write',
        checks: 'write',
        statuses: 'write',
        deployments: 'write',
        actions: 'write',
        // Repository self-hosted runners (registration/JIT tokens) need administration, as on GitHub.
        administration: 'write',
        members: 'read',
      },
      events: ['create', 'delete', 'issues', 'issue_comment', 'pull_request', 'pull_request_review', 'push', 'check_run', 'check_suite', 'deployment', 'deployment_status', 'deployment_protection_rule', 'release', 'workflow_run', 'workflow_job', 'status'],
      webhook: { url: null, secret: identities.webhookSecret },
      created_at: created,
    },
    installations: [{ id: identities.installationId, account: 'acme', repository_selection: 'all', created_at: created }],
    tokens,
    actions: createActionsWorld(),
    checks: createChecksWorld(),
    releases: createReleasesWorld(),
    deployments: createDeploymentsWorld(),
    nextId: id + 1,
  };
}
