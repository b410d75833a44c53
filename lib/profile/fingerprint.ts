/**
 * Dataset fingerprints for lineage: `sha256:` + hex sha256 over each file's own sha256 (64 hex characters and a
 * newline, in read order) followed by the decimal row count. Path-independent: the same bytes give the same
 * fingerprint wherever they sit. Every report's `subject.dataset` uses it (cli/data-input.ts), so a profile and a
 * validation report of the same data name it alike.
 *
 * Merging profiles of shards concatenates their file lists in argument order and adds their rows, so the merged
 * fingerprint equals the fingerprint of profiling the shard files in one run, in that order.
 */
import { createHash } from 'node:crypto';

/** The fingerprint of files (their sha256 hex digests, in order) holding `rows` rows. */
export function datasetFingerprint(fileSha256s: readonly string[], rows: number): string {
  const hash = createHash('sha256');
  for (const sha of fileSha256s) hash.update(`${sha}\n`);
  hash.update(String(rows));
  return `sha256:${hash.digest('hex')}`;
}
