/** File contents: read a file or directory at a ref, create or update a file with a commit (sha check → 409). */
import { requireString, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { commitFiles, readObject } from '../git-objects.js';
import { actorLogin, commitToBranch, personFor, resolveCommit } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { contentFileJson, gitCommitJson } from '../serialize-git.js';

function filesAt(ctx: HandlerContext, refish: string) {
  const sha = resolveCommit(ctx.world, ctx.repo, refish);
  if (!sha) throw new GithubHttpError(404, `No commit found for the ref ${refish}`);
  return commitFiles(ctx.world.git, sha);
}

/** Routes: repos/get-content, repos/create-or-update-file-contents. */
export const contentRoutes: RouteDef[] = [
  {
    operationId: 'repos/get-content',
    method: 'GET',
    path: '/repos/{owner}/{repo}/contents/{path}',
    access: { role: 'read', appPermission: 'contents' },
    handle(ctx) {
      const ref = ctx.query.get('ref') ?? ctx.repo.default_branch;
      const path = ctx.params.path!.replace(/\/$/, '');
      const files = filesAt(ctx, ref);
      const base = ctx.env.baseUrl();
      const file = files.get(path);
      if (file) {
        const blob = readObject(ctx.world.git, file.sha, 'blob')!;
        return { status: 200, body: contentFileJson(base, ctx.repo, path, ref, file.sha, blob.content, true) };
      }
      const children = new Map<string, Record<string, unknown>>();
      for (const [p, f] of files) {
        if (!p.startsWith(`${path}/`)) continue;
        const rest = p.slice(path.length + 1);
        const name = rest.split('/')[0]!;
        if (rest.includes('/')) {
          if (!children.has(name)) {
            const dir = `${path}/${name}`;
            const self = `${base}/repos/${ctx.repo.owner}/${ctx.repo.name}/contents/${dir}?ref=${ref}`;
            children.set(name, { type: 'dir', size: 0, name, path: dir, sha: '', url: self, git_url: null, html_url: null, download_url: null, _links: { self, git: null, html: null } });
          }
        } else {
          const blob = readObject(ctx.world.git, f.sha, 'blob')!;
          children.set(name, contentFileJson(base, ctx.repo, p, ref, f.sha, blob.content, false));
        }
      }
      if (children.size === 0) throw notFound();
      return { status: 200, body: [...children.values()] };
    },
  },
  {
    operationId: 'repos/create-or-update-file-contents',
    method: 'PUT',
    path: '/repos/{owner}/{repo}/contents/{path}',
    access: { role: 'write', appPermission: 'contents' },
    handle(ctx) {
      const message = requireString(ctx, 'Commit', 'message');
      const content = requireString(ctx, 'Commit', 'content');
      if (!/^[A-Za-z0-9+/=\s]*$/.test(content)) throw validationFailed('Commit', 'content', 'invalid', 'content is not valid Base64');
      const path = ctx.params.path!;
      const branch = typeof ctx.body.branch === 'string' ? ctx.body.branch : ctx.repo.default_branch;
      const tip = ctx.repo.refs[`refs/heads/${branch}`];
      if (!tip) throw new GithubHttpError(404, `Branch ${branch} not found`);
      const existing = commitFiles(ctx.world.git, tip).get(path);
      const given = ctx.body.sha;
      if (existing && given === undefined) throw new GithubHttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      if (existing && given !== existing.sha) throw new GithubHttpError(409, `${path} does not match ${String(given)}`);
      const author = personFor(ctx, ctx.body.author ?? ctx.body.committer);
      const sha = commitToBranch(ctx.env, ctx.repo, branch, new Map([[path, Buffer.from(content, 'base64')]]), message, author, actorLogin(ctx));
      const commit = readObject(ctx.world.git, sha, 'commit')!;
      const file = commitFiles(ctx.world.git, sha).get(path)!;
      const blob = readObject(ctx.world.git, file.sha, 'blob')!;
      return {
        status: existing ? 200 : 201,
        body: {
          content: contentFileJson(ctx.env.baseUrl(), ctx.repo, path, branch, file.sha, blob.content, false),
          commit: gitCommitJson(ctx.env.baseUrl(), ctx.repo, commit),
        },
      };
    },
  },
];
