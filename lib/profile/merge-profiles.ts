/**
 * Merging profiles of shards: column lists must match exactly (name and order); each profile's sketch state is
 * restored, merged in argument order, and re-finished, so the result equals profiling the concatenated shards —
 * exact for counts, missing, min/max, kind counts (hence the type), top-k while exact, and the distinct sketch (HLL
 * registers merge to the union's exactly); mean/variance to float rounding (Chan); quantiles within the KLL rank error.
 * Types follow from the merged kind counts (infer-type.ts): integer ⊔ number = number; any other mix becomes text.
 */
import type { ProfileBody } from '../contracts/profile.js';
import { BadInputError } from '../errors.js';
import { DatasetProfiler, firstMismatch, type FileDigest } from './dataset-profiler.js';
import { datasetFingerprint } from './fingerprint.js';

/** One profile to merge: its body, the files it covers (in order, from its report's subject) and where it was read. */
export interface ProfileSource {
  body: ProfileBody;
  files: FileDigest[];
  file: string;
}

/** The merged body and the concatenated file list its fingerprint covers. */
export interface MergedProfile {
  body: ProfileBody;
  files: FileDigest[];
}

/** Merges profiles in order; BadInputError on a column mismatch, a missing state, or files that do not match a fingerprint. */
export function mergeProfiles(sources: readonly ProfileSource[]): MergedProfile {
  const first = sources[0];
  if (first === undefined) throw new BadInputError('no-profiles', 'nothing to merge: pass at least one profile', { hint: 'mlops profile merge A.json B.json --out merged.json' });
  const expected = first.body.columns.map((c) => c.name);
  for (const source of sources) {
    const mismatch = firstMismatch(expected, source.body.columns.map((c) => c.name));
    if (mismatch !== undefined) {
      throw new BadInputError('column-mismatch', `${source.file}: cannot merge with ${first.file}: ${mismatch}`, {
        location: { file: source.file, path: 'columns' },
        hint: 'merge profiles of shards of one dataset (same columns in the same order)',
      });
    }
    const recomputed = datasetFingerprint(source.files.map((f) => f.sha256), source.body.rows);
    if (recomputed !== source.body.fingerprint) {
      throw new BadInputError('fingerprint-mismatch', `${source.file}: the fingerprint does not match the files in subject.dataset.files and rows ${source.body.rows}`, {
        location: { file: source.file, path: 'fingerprint' },
        hint: 'the merged fingerprint is rebuilt from each shard\'s file digests; pass profiles written by `mlops profile`, unedited',
      });
    }
  }
  let merged: DatasetProfiler | undefined;
  for (const source of sources) {
    const profiler = DatasetProfiler.fromBody(source.body, source.file);
    merged = merged === undefined ? profiler : merged.merge(profiler);
  }
  const files = sources.flatMap((s) => s.files);
  return { body: merged!.finish(files), files };
}
