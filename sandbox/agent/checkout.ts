/** Checks a commit of the emulator's git store out into a folder: every blob written, 100755 executable, symlinks made. */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commitFiles, readObject, type GitStore } from '../github/git-objects.js';

/** Writes the files of `commitSha` under `dir`; returns how many were written. Submodule entries are skipped. */
export function checkoutCommit(store: GitStore, commitSha: string, dir: string): number {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  for (const [path, entry] of commitFiles(store, commitSha)) {
    if (entry.type !== 'blob') continue;
    const blob = readObject(store, entry.sha, 'blob');
    if (!blob) continue;
    const dest = join(dir, ...path.split('/'));
    mkdirSync(dirname(dest), { recursive: true });
    if (entry.mode === '120000') {
      symlinkSync(blob.content.toString('utf8'), dest);
    } else {
      writeFileSync(dest, blob.content);
      chmodSync(dest, entry.mode === '100755' ? 0o755 : 0o644);
    }
    count++;
  }
  return count;
}
