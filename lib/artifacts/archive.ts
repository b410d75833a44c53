/**
 * Artifact archives: zipping files the way `actions/upload-artifact` lays them out, and extracting an archive without
 * letting an entry escape its target folder (zip slip). fflate does the (de)compression; the layout and the path
 * checks are ours.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { BadInputError } from '../errors.js';

/** Why an entry name is unsafe to extract, or undefined when it stays inside the target folder. */
export function unsafeEntryReason(name: string): string | undefined {
  if (name === '' || name.includes('\0')) return 'empty or NUL in name';
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'contains ".."';
  return undefined;
}

function walk(path: string, out: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) walk(join(path, entry), out);
  } else {
    out.push(path);
  }
}

/**
 * Zips `paths` (files or folders, relative to `cwd`). Entry names are relative to the paths' least common ancestor,
 * as upload-artifact v4 does: one folder `dist/` yields `a.txt`, not `dist/a.txt`. Throws for a missing path.
 */
export function zipPaths(cwd: string, paths: string[]): { zip: Buffer; files: string[] } {
  if (paths.length === 0) throw new BadInputError('no-paths', 'no files to upload', { hint: 'name at least one file or folder' });
  const files: string[] = [];
  const roots: string[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) throw new BadInputError('missing-path', `${p}: no such file or folder`, { location: { file: p }, hint: 'paths are relative to the working directory' });
    roots.push(statSync(full).isDirectory() ? full : dirname(full));
    walk(full, files);
  }
  let common = roots[0]!;
  for (const r of roots) while (common !== dirname(common) && !(r === common || r.startsWith(common + sep))) common = dirname(common);
  const entries: Zippable = {};
  const names = files.map((f) => relative(common, f).split(sep).join('/'));
  files.forEach((f, i) => (entries[names[i]!] = readFileSync(f)));
  return { zip: Buffer.from(zipSync(entries)), files: names.sort() };
}

/** Extracts a zip into `dir`, refusing (before writing anything) any entry that would land outside it. */
export function extractZip(zip: Uint8Array, dir: string): string[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    throw new BadInputError('bad-archive', `artifact is not a zip archive: ${error instanceof Error ? error.message : String(error)}`);
  }
  const target = resolve(dir);
  for (const name of Object.keys(entries)) {
    const reason = unsafeEntryReason(name);
    const dest = resolve(target, name);
    if (reason || (dest !== target && !dest.startsWith(target + sep)) || isAbsolute(name)) {
      throw new BadInputError('zip-slip', `refusing to extract "${name}": ${reason ?? 'leaves the target folder'}`, { hint: 'the archive is malformed or malicious; nothing was extracted' });
    }
  }
  const written: string[] = [];
  for (const [name, bytes] of Object.entries(entries)) {
    const dest = resolve(target, name);
    if (name.endsWith('/')) {
      mkdirSync(dest, { recursive: true });
      continue;
    }
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, bytes);
    written.push(name);
  }
  return written.sort();
}
