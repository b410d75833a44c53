/**
 * Expands the paths a user gives (a file, a directory of shards, a glob with `*`, `**`, `?`) into a sorted list of
 * data files. Node 20 has no fs.glob and no glob library is installed; the matcher here is a few lines.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { BadInputError } from '../errors.js';

/** File names the readers understand, optionally gzip-compressed. */
export const DATA_FILE = /\.(csv|tsv|jsonl|ndjson|parquet)(\.gz)?$/i;

const hasGlob = (p: string) => /[*?]/.test(p);

/** Compiles a glob (`*` within a segment, `?` one char, `**` any number of segments) to a RegExp over `/` paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Every file under `dir` (recursively), skipping hidden and `_`-prefixed entries (e.g. `_SUCCESS`, `.crc`). */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Expands one path; throws BadInputError when it names nothing readable. */
export function expandPath(path: string): string[] {
  if (hasGlob(path)) {
    const parts = path.split(/[\\/]/);
    const firstGlob = parts.findIndex(hasGlob);
    const baseDir = parts.slice(0, firstGlob).join('/') || (path.startsWith('/') ? '/' : '.');
    const matcher = globToRegExp(parts.slice(firstGlob).join('/'));
    let files: string[] = [];
    try {
      files = walk(baseDir).filter((f) => matcher.test(relative(baseDir, f).split(sep).join('/')));
    } catch {
      files = [];
    }
    if (files.length === 0) {
      throw new BadInputError('no-files', `no files match ${path}`, { location: { file: path }, hint: 'check the pattern; quote it so the shell does not expand it first' });
    }
    return files.sort(byPath);
  }
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInputError(code === 'ENOENT' ? 'file-not-found' : 'unreadable-file', code === 'ENOENT' ? `${path}: no such file or directory` : `${path}: cannot read (${code ?? (error as Error).message})`, {
      location: { file: path },
      hint: code === 'ENOENT' ? 'check the path (relative paths start from the current directory)' : 'check the file permissions',
    });
  }
  if (!isDir) return [path];
  const files = walk(path).filter((f) => DATA_FILE.test(f)).sort(byPath);
  if (files.length === 0) {
    throw new BadInputError('no-files', `${path}: the directory holds no data files (.csv, .tsv, .jsonl, .ndjson, .parquet, optionally .gz)`, {
      location: { file: path },
      hint: 'point at the files or a glob such as "data/**/*.csv"',
    });
  }
  return files;
}

/** Expands every path, keeping the order given and dropping repeats. */
export function expandPaths(paths: string[]): string[] {
  if (paths.length === 0) throw new BadInputError('no-files', 'no data path given', { hint: 'name a file, a directory or a glob' });
  return [...new Set(paths.flatMap(expandPath))];
}
