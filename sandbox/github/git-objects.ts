/**
 * A content-addressed git object store with git's real encodings, so shas are the ones `git hash-object` would give.
 * Hand-written because it is the product (an emulator of GitHub's git database API), not a general git library.
 * One store serves every repository, like GitHub's fork network sharing objects.
 */
import { createHash } from 'node:crypto';

export interface GitPerson {
  name: string;
  email: string;
  /** ISO 8601. */
  date: string;
}

export type GitObject =
  | { type: 'blob'; sha: string; content: Buffer }
  | { type: 'tree'; sha: string; entries: TreeEntry[] }
  | { type: 'commit'; sha: string; tree: string; parents: string[]; author: GitPerson; committer: GitPerson; message: string }
  | { type: 'tag'; sha: string; tag: string; object: string; objectType: string; tagger: GitPerson; message: string };

export interface TreeEntry {
  name: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

export interface GitStore {
  objects: Map<string, GitObject>;
}

/** A file in a flattened tree: `path` → blob sha and mode. */
export interface FlatEntry {
  mode: string;
  sha: string;
  type: 'blob' | 'commit';
}

/** Creates an empty store. */
export function createGitStore(): GitStore {
  return { objects: new Map() };
}

function hashObject(type: string, body: Buffer): string {
  return createHash('sha1').update(`${type} ${body.length}\0`).update(body).digest('hex');
}

function personLine(p: GitPerson): string {
  return `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
}

/** Stores a blob and returns its sha. */
export function writeBlob(store: GitStore, content: Buffer): string {
  const sha = hashObject('blob', content);
  store.objects.set(sha, { type: 'blob', sha, content });
  return sha;
}

/** Stores one tree level (entries sorted the way git sorts them) and returns its sha. */
export function writeTree(store: GitStore, entries: TreeEntry[]): string {
  const key = (e: TreeEntry) => (e.type === 'tree' ? `${e.name}/` : e.name);
  const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const body = Buffer.concat(
    sorted.map((e) => Buffer.concat([Buffer.from(`${e.mode.replace(/^0+/, '')} ${e.name}\0`), Buffer.from(e.sha, 'hex')])),
  );
  const sha = hashObject('tree', body);
  store.objects.set(sha, { type: 'tree', sha, entries: sorted });
  return sha;
}

/** Stores a commit and returns its sha. */
export function writeCommit(
  store: GitStore,
  c: { tree: string; parents: string[]; author: GitPerson; committer: GitPerson; message: string },
): string {
  const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${personLine(c.author)}`, `committer ${personLine(c.committer)}`];
  const sha = hashObject('commit', Buffer.from(`${lines.join('\n')}\n\n${c.message}`));
  store.objects.set(sha, { type: 'commit', sha, ...c });
  return sha;
}

/** Stores an annotated tag object and returns its sha. */
export function writeTag(
  store: GitStore,
  t: { tag: string; object: string; objectType: string; tagger: GitPerson; message: string },
): string {
  const text = `object ${t.object}\ntype ${t.objectType}\ntag ${t.tag}\ntagger ${personLine(t.tagger)}\n\n${t.message}`;
  const sha = hashObject('tag', Buffer.from(text));
  store.objects.set(sha, { type: 'tag', sha, ...t });
  return sha;
}

/** Reads an object of the wanted type, or undefined. */
export function readObject<T extends GitObject['type']>(store: GitStore, sha: string, type: T): Extract<GitObject, { type: T }> | undefined {
  const o = store.objects.get(sha);
  return o && o.type === type ? (o as Extract<GitObject, { type: T }>) : undefined;
}

/** Every file under a tree, keyed by slash-separated path. */
export function flattenTree(store: GitStore, treeSha: string, prefix = ''): Map<string, FlatEntry> {
  const out = new Map<string, FlatEntry>();
  const tree = readObject(store, treeSha, 'tree');
  if (!tree) return out;
  for (const e of tree.entries) {
    const path = prefix + e.name;
    if (e.type === 'tree') for (const [p, f] of flattenTree(store, e.sha, `${path}/`)) out.set(p, f);
    else out.set(path, { mode: e.mode, sha: e.sha, type: e.type });
  }
  return out;
}

/** Builds nested trees from flat paths and returns the root tree sha. */
export function buildTree(store: GitStore, files: Map<string, FlatEntry>): string {
  const children = new Map<string, Map<string, FlatEntry>>();
  const entries: TreeEntry[] = [];
  for (const [path, f] of files) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      entries.push({ name: path, mode: f.mode, type: f.type, sha: f.sha });
      continue;
    }
    const dir = path.slice(0, slash);
    const sub = children.get(dir) ?? new Map<string, FlatEntry>();
    sub.set(path.slice(slash + 1), f);
    children.set(dir, sub);
  }
  for (const [dir, sub] of children) entries.push({ name: dir, mode: '040000', type: 'tree', sha: buildTree(store, sub) });
  return writeTree(store, entries);
}

/** Files of a commit's tree. */
export function commitFiles(store: GitStore, commitSha: string): Map<string, FlatEntry> {
  const commit = readObject(store, commitSha, 'commit');
  return commit ? flattenTree(store, commit.tree) : new Map();
}

/** Every ancestor of a commit (itself included), newest first by breadth. */
export function ancestors(store: GitStore, sha: string): string[] {
  const seen = new Set<string>();
  const queue = [sha];
  const order: string[] = [];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (seen.has(s)) continue;
    seen.add(s);
    order.push(s);
    const c = readObject(store, s, 'commit');
    if (c) queue.push(...c.parents);
  }
  return order;
}

/** The nearest common ancestor of two commits, or undefined when the histories are unrelated. */
export function mergeBase(store: GitStore, a: string, b: string): string | undefined {
  const inA = new Set(ancestors(store, a));
  return ancestors(store, b).find((s) => inA.has(s));
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  before?: string;
  after?: string;
}

/** Paths that differ between two file maps. */
export function diffFiles(before: Map<string, FlatEntry>, after: Map<string, FlatEntry>): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, f] of after) {
    const old = before.get(path);
    if (!old) changes.push({ filename: path, status: 'added', after: f.sha });
    else if (old.sha !== f.sha) changes.push({ filename: path, status: 'modified', before: old.sha, after: f.sha });
  }
  for (const [path, f] of before) if (!after.has(path)) changes.push({ filename: path, status: 'removed', before: f.sha });
  return changes.sort((x, y) => (x.filename < y.filename ? -1 : 1));
}

/** Line counts of a change: an LCS over lines, good enough for the small files a sandbox holds. */
export function lineStats(store: GitStore, change: FileChange): { additions: number; deletions: number } {
  const lines = (sha?: string) => {
    const blob = sha ? readObject(store, sha, 'blob') : undefined;
    if (!blob || blob.content.length === 0) return [];
    return blob.content.toString('utf8').replace(/\n$/, '').split('\n');
  };
  const a = lines(change.before);
  const b = lines(change.after);
  if (a.length * b.length > 4_000_000) return { additions: b.length, deletions: a.length };
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  const common = prev[b.length]!;
  return { additions: b.length - common, deletions: a.length - common };
}

/**
 * Three-way merge at file granularity: the base side's files plus the head side's changes since the merge base.
 * Returns undefined on a conflict (both sides changed the same path differently).
 */
export function mergeFiles(
  baseFiles: Map<string, FlatEntry>,
  headFiles: Map<string, FlatEntry>,
  ancestorFiles: Map<string, FlatEntry>,
): Map<string, FlatEntry> | undefined {
  const result = new Map(baseFiles);
  const baseChanged = new Map(diffFiles(ancestorFiles, baseFiles).map((c) => [c.filename, c]));
  for (const change of diffFiles(ancestorFiles, headFiles)) {
    const theirs = baseChanged.get(change.filename);
    if (theirs && theirs.after !== change.after) return undefined;
    if (change.after) result.set(change.filename, headFiles.get(change.filename)!);
    else result.delete(change.filename);
  }
  return result;
}
