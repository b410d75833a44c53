/** The git database: refs (create is the platform's lock primitive: a second create answers 422), commits, trees, blobs, tags. */
import { requireString, type HandlerContext } from '../context.js';
import { GithubHttpError, notFound, validationFailed } from '../errors.js';
import { moveRef } from '../events.js';
import { ancestors, buildTree, flattenTree, readObject, writeBlob, writeCommit, writeTag, type FlatEntry } from '../git-objects.js';
import { actorLogin, personFor } from '../repo-ops.js';
import type { RouteDef } from '../router.js';
import { blobJson, gitCommitJson, gitRefJson, gitTagJson, gitTreeJson } from '../serialize-git.js';

const read = { role: 'read', appPermission: 'contents' } as const;
const write = { role: 'write', appPermission: 'contents' } as const;

function refName(ctx: HandlerContext): string {
  return `refs/${ctx.params.ref!.replace(/^refs\//, '')}`;
}

function requireSha(ctx: HandlerContext, field: string, type: 'commit' | 'tree' | 'blob' | 'any', message: string): string {
  const sha = requireString(ctx, field === 'sha' ? 'Reference' : 'Commit', field);
  const object = ctx.world.git.objects.get(sha);
  if (!object || (type !== 'any' && object.type !== type)) throw new GithubHttpError(422, message);
  return sha;
}

/** Routes for `git/*`. */
export const gitRoutes: RouteDef[] = [
  {
    operationId: 'git/get-ref',
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/ref/{ref}',
    access: read,
    handle(ctx) {
      const ref = refName(ctx);
      if (!ctx.repo.refs[ref]) throw notFound();
      return { status: 200, body: gitRefJson(ctx.world, ctx.env.baseUrl(), ctx.repo, ref) };
    },
  },
  {
    operationId: 'git/list-matching-refs',
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/matching-refs/{ref}',
    access: read,
    handle(ctx) {
      const prefix = refName(ctx);
      const refs = Object.keys(ctx.repo.refs).filter((r) => r.startsWith(prefix)).sort();
      return { status: 200, body: refs.map((r) => gitRefJson(ctx.world, ctx.env.baseUrl(), ctx.repo, r)) };
    },
  },
  {
    operationId: 'git/create-ref',
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/refs',
    access: write,
    handle(ctx) {
      const ref = requireString(ctx, 'Reference', 'ref');
      if (!/^refs\/[^/]+\/.+/.test(ref) || /\.\.|\s|~|\^|:|\\|\/$|\.lock$/.test(ref)) throw new GithubHttpError(422, 'Reference name is invalid');
      const sha = requireSha(ctx, 'sha', 'any', 'Object does not exist');
      if (ctx.repo.refs[ref]) throw new GithubHttpError(422, 'Reference already exists');
      moveRef(ctx.env, ctx.repo, ref, sha, actorLogin(ctx));
      return { status: 201, body: gitRefJson(ctx.world, ctx.env.baseUrl(), ctx.repo, ref), headers: { location: `${ctx.env.baseUrl()}/repos/${ctx.repo.owner}/${ctx.repo.name}/git/${ref}` } };
    },
  },
  {
    operationId: 'git/update-ref',
    method: 'PATCH',
    path: '/repos/{owner}/{repo}/git/refs/{ref}',
    access: write,
    handle(ctx) {
      const ref = refName(ctx);
      const current = ctx.repo.refs[ref];
      if (!current) throw new GithubHttpError(422, 'Reference does not exist');
      const sha = requireSha(ctx, 'sha', 'any', 'Object does not exist');
      const isCommit = readObject(ctx.world.git, sha, 'commit') !== undefined;
      if (ctx.body.force !== true && isCommit && !ancestors(ctx.world.git, sha).includes(current)) throw new GithubHttpError(422, 'Update is not a fast forward');
      if (sha !== current) moveRef(ctx.env, ctx.repo, ref, sha, actorLogin(ctx));
      return { status: 200, body: gitRefJson(ctx.world, ctx.env.baseUrl(), ctx.repo, ref) };
    },
  },
  {
    operationId: 'git/delete-ref',
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/git/refs/{ref}',
    access: write,
    handle(ctx) {
      const ref = refName(ctx);
      if (!ctx.repo.refs[ref]) throw new GithubHttpError(422, 'Reference does not exist');
      moveRef(ctx.env, ctx.repo, ref, null, actorLogin(ctx));
      return { status: 204 };
    },
  },
  {
    operationId: 'git/create-blob',
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/blobs',
    access: write,
    handle(ctx) {
      const content = ctx.body.content;
      if (typeof content !== 'string') throw validationFailed('Blob', 'content', 'missing_field');
      const encoding = ctx.body.encoding ?? 'utf-8';
      if (encoding !== 'utf-8' && encoding !== 'base64') throw validationFailed('Blob', 'encoding', 'invalid');
      const sha = writeBlob(ctx.world.git, Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
      return { status: 201, body: { sha, url: `${ctx.env.baseUrl()}/repos/${ctx.repo.owner}/${ctx.repo.name}/git/blobs/${sha}` } };
    },
  },
  {
    operationId: 'git/get-blob',
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/blobs/{file_sha}',
    access: read,
    handle(ctx) {
      const blob = readObject(ctx.world.git, ctx.params.file_sha!, 'blob');
      if (!blob) throw notFound();
      return { status: 200, body: blobJson(ctx.env.baseUrl(), ctx.repo, blob.sha, blob.content) };
    },
  },
  {
    operationId: 'git/create-tree',
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/trees',
    access: write,
    handle(ctx) {
      const entries = ctx.body.tree;
      if (!Array.isArray(entries)) throw validationFailed('Tree', 'tree', 'missing_field');
      const baseTree = ctx.body.base_tree;
      if (baseTree !== undefined && baseTree !== null && !readObject(ctx.world.git, String(baseTree), 'tree')) throw new GithubHttpError(422, 'base_tree is not a valid tree oid');
      const files: Map<string, FlatEntry> = typeof baseTree === 'string' ? flattenTree(ctx.world.git, baseTree) : new Map();
      for (const raw of entries as Array<Record<string, unknown>>) {
        const path = raw.path;
        const mode = raw.mode;
        if (typeof path !== 'string' || path === '' || path.startsWith('/')) throw validationFailed('Tree', 'path', 'invalid');
        if (typeof mode !== 'string' || !['100644', '100755', '040000', '160000', '120000'].includes(mode)) throw validationFailed('Tree', 'mode', 'invalid');
        if (raw.sha === null) {
          for (const key of [...files.keys()]) if (key === path || key.startsWith(`${path}/`)) files.delete(key);
          continue;
        }
        let sha: string;
        if (typeof raw.content === 'string') sha = writeBlob(ctx.world.git, Buffer.from(raw.content, 'utf8'));
        else if (typeof raw.sha === 'string' && ctx.world.git.objects.has(raw.sha)) sha = raw.sha;
        else throw new GithubHttpError(422, `tree.sha ${String(raw.sha)} is not a valid blob`);
        const object = ctx.world.git.objects.get(sha);
        if (object?.type === 'tree') {
          for (const key of [...files.keys()]) if (key.startsWith(`${path}/`)) files.delete(key);
          for (const [sub, f] of flattenTree(ctx.world.git, sha)) files.set(`${path}/${sub}`, f);
        } else {
          files.set(path, { mode: mode === '040000' ? '100644' : mode, sha, type: mode === '160000' ? 'commit' : 'blob' });
        }
      }
      const sha = buildTree(ctx.world.git, files);
      return { status: 201, body: gitTreeJson(ctx.world, ctx.env.baseUrl(), ctx.repo, sha, false) };
    },
  },
  {
    operationId: 'git/get-tree',
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/trees/{tree_sha}',
    access: read,
    handle(ctx) {
      let sha = ctx.params.tree_sha!;
      const commit = readObject(ctx.world.git, sha, 'commit') ?? readObject(ctx.world.git, ctx.repo.refs[`refs/heads/${sha}`] ?? '', 'commit');
      if (commit) sha = commit.tree;
      if (!readObject(ctx.world.git, sha, 'tree')) throw notFound();
      const recursive = ctx.query.has('recursive') && !['0', 'false'].includes(ctx.query.get('recursive') ?? '');
      return { status: 200, body: gitTreeJson(ctx.world, ctx.env.baseUrl(), ctx.repo, sha, recursive) };
    },
  },
  {
    operationId: 'git/create-commit',
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/commits',
    access: write,
    handle(ctx) {
      const message = requireString(ctx, 'Commit', 'message');
      const tree = requireSha(ctx, 'tree', 'tree', 'Tree SHA does not exist');
      const parents = ctx.body.parents ?? [];
      if (!Array.isArray(parents)) throw validationFailed('Commit', 'parents', 'invalid');
      for (const p of parents) {
        if (typeof p !== 'string' || !readObject(ctx.world.git, p, 'commit')) throw new GithubHttpError(422, 'Parent SHA does not exist or is not a commit object');
      }
      const author = personFor(ctx, ctx.body.author);
      const committer = personFor(ctx, ctx.body.committer ?? ctx.body.author);
      const sha = writeCommit(ctx.world.git, { tree, parents: parents as string[], author, committer, message });
      return { status: 201, body: gitCommitJson(ctx.env.baseUrl(), ctx.repo, readObject(ctx.world.git, sha, 'commit')!) };
    },
  },
  {
    operationId: 'git/get-commit',
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/commits/{commit_sha}',
    access: read,
    handle(ctx) {
      const commit = readObject(ctx.world.git, ctx.params.commit_sha!, 'commit');
      if (!commit) throw notFound();
      return { status: 200, body: gitCommitJson(ctx.env.baseUrl(), ctx.repo, commit) };
    },
  },
  {
    operationId: 'git/create-tag',
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/tags',
    access: write,
    handle(ctx) {
      const tag = requireString(ctx, 'Tag', 'tag');
      const message = typeof ctx.body.message === 'string' ? ctx.body.message : '';
      const object = requireString(ctx, 'Tag', 'object');
      const type = requireString(ctx, 'Tag', 'type');
      const target = ctx.world.git.objects.get(object);
      if (!target || target.type !== type) throw new GithubHttpError(422, 'Object does not exist');
      const sha = writeTag(ctx.world.git, { tag, message, object, objectType: type, tagger: personFor(ctx, ctx.body.tagger) });
      return { status: 201, body: gitTagJson(ctx.env.baseUrl(), ctx.repo, readObject(ctx.world.git, sha, 'tag')!) };
    },
  },
  {
    operationId: 'git/get-tag',
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/tags/{tag_sha}',
    access: read,
    handle(ctx) {
      const tag = readObject(ctx.world.git, ctx.params.tag_sha!, 'tag');
      if (!tag) throw notFound();
      return { status: 200, body: gitTagJson(ctx.env.baseUrl(), ctx.repo, tag) };
    },
  },
];
