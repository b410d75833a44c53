/** Releases and their assets (the model registry's storage): plain records, ids from the world's one sequence. */
import { randomBytes } from 'node:crypto';

export interface ReleaseAssetRecord {
  id: number;
  release_id: number;
  name: string;
  label: string | null;
  content_type: string;
  /** The bytes exactly as uploaded. */
  data: Buffer;
  /** `sha256:<hex>` of `data`, as GitHub reports since 2025. */
  digest: string;
  uploader: string;
  download_count: number;
  created_at: string;
  updated_at: string;
}

export interface ReleaseRecord {
  id: number;
  repo_id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  created_at: string;
  published_at: string | null;
  updated_at: string;
  assets: ReleaseAssetRecord[];
}

/** Everything releases; `World.releases`. */
export interface ReleasesWorld {
  releases: ReleaseRecord[];
  /** repo id → the release explicitly marked latest (`make_latest: true`); absent = newest published non-prerelease. */
  latest: Record<number, number>;
  /** Signs asset download URLs. */
  secret: string;
}

/** An empty releases state (seeding and reset). */
export function createReleasesWorld(): ReleasesWorld {
  return { releases: [], latest: {}, secret: randomBytes(16).toString('hex') };
}
