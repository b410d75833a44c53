/** Repository operations shared by several routes: resolving refs, committing files, who the caller is in git. */
import type { HandlerContext } from './context.js';
import { GithubHttpError } from './errors.js';
import { buildTree, commitFiles, readObject, writeBlob, writeCommit, type GitPerson } from './git-objects.js';
import { moveRef } from './events.js';
import type { EmulatorEnv } from './context.js';
import type { RepoRecord, World } from './model.js';

/** The login that acts (the bot user for installations); 401 if none. */
export function actorLogin(ctx: HandlerContext): string {
  const login = ctx.actor.user?.login;
  if (!login) throw new GithubHttpError(401, 'Requires authentication');
  return login;
}

/** A git identity for the caller at the virtual now. */
export function personFor(ctx: HandlerContext, override?: unknown): GitPerson {
  const o = (override ?? {}) as Partial<GitPerson>;
  const user = ctx.actor.user;
  return {
    name: o.name ?? user?.name ?? user?.login ?? 'sandbox',
    email: o.email ?? user?.email ?? `${user?.id ?? 0}+${user?.login ?? 'sandbox'}@users.noreply.github.com`,
    date: o.date ?? ctx.now(),
  };
}

/** Resolves a branch, tag, full or abbreviated sha to a commit sha; undefined when nothing matches. */
export function resolveCommit(world: World, repo: RepoRecord, refish: string): string | undefined {
  const candidates = [refish.startsWith('refs/') ? refish : undefined, `refs/heads/${refish}`, `refs/tags/${refish}`];
  for (const ref of candidates) {
    let sha = ref ? repo.refs[ref] : undefined;
    while (sha) {
      const tag = readObject(world.git, sha, 'tag');
      if (!tag) break;
      sha = tag.object;
    }
    if (sha) return sha;
  }
  if (/^[0-9a-f]{40}$/.test(refish) && readObject(world.git, refish, 'commit')) return refish;
  if (/^[0-9a-f]{7,39}$/.test(refish)) {
    for (const [sha, o] of world.git.objects) if (o.type === 'commit' && sha.startsWith(refish)) return sha;
  }
  return undefined;
}

/**
 * Commits file changes (null = delete) on top of a branch and moves it, announcing the push. Creates the branch from
 * `from` (a commit sha) when it does not exist yet. Returns the new commit sha.
 */
export function commitToBranch(
  env: EmulatorEnv,
  repo: RepoRecord,
  branch: string,
  changes: Map<string, Buffer | null>,
  message: string,
  author: GitPerson,
  sender: string,
  from?: string,
): string {
  const world = env.world();
  const parent = repo.refs[`refs/heads/${branch}`] ?? from;
  const files = parent ? commitFiles(world.git, parent) : new Map();
  for (const [path, content] of changes) {
    if (content === null) files.delete(path);
    else files.set(path, { mode: '100644', type: 'blob', sha: writeBlob(world.git, content) });
  }
  const tree = buildTree(world.git, files);
  const sha = writeCommit(world.git, { tree, parents: parent ? [parent] : [], author, committer: author, message });
  moveRef(env, repo, `refs/heads/${branch}`, sha, sender);
  return sha;
}
