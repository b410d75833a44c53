/**
 * What is left to do to register a version, from what GitHub already holds. Registration is a sequence (draft, upload
 * each asset, verify, publish) that a crash or a 5xx can cut anywhere; every run of it starts from this plan, so a
 * redelivered event, a retry or the start-up sweep finishes the same version instead of making a second one.
 */
import semver from 'semver';
import { versionTag } from './version-tag.js';
import type { RegistryAsset, RegistryRelease } from './types.js';

/** A file the version must carry. */
export interface WantedAsset {
  name: string;
  sha256: string;
  bytes: number;
}

/** The steps still needed. */
export interface RegistrationPlan {
  version: string;
  tag: string;
  /** The release to continue; undefined = create a draft first. */
  release?: RegistryRelease;
  /** Already published with every asset intact: nothing to do (a redelivery). */
  done: boolean;
  /** Assets on the draft that do not match (wrong bytes, or not wanted): delete before uploading. */
  remove: RegistryAsset[];
  upload: WantedAsset[];
  /** Published but an asset is missing or wrong: a published version is immutable, so this is reported, not fixed. */
  damaged: string[];
}

/** Semver bump kinds. */
export type Bump = 'major' | 'minor' | 'patch';

/** `1.0.0` for a model's first version, otherwise the highest existing version bumped. */
export function nextVersion(existing: string[], bump: Bump): string {
  const sorted = existing.filter((v) => semver.valid(v)).sort(semver.rcompare);
  const top = sorted[0];
  return top === undefined ? '1.0.0' : semver.inc(top, bump)!;
}

const matches = (asset: RegistryAsset, wanted: WantedAsset) => asset.bytes === wanted.bytes && (asset.sha256 === undefined || asset.sha256 === wanted.sha256);

/**
 * Plans the registration of the version built at merge commit `sha`. `releases` are the model's releases, drafts
 * included. A release whose marker names `sha` is this registration's (resume it); otherwise the version is the next
 * one after every existing release of the model (drafts of other merges included, so two merges never share a version).
 */
export function planRegistration(input: { model: string; sha: string; bump: Bump; releases: RegistryRelease[]; assets: WantedAsset[] }): RegistrationPlan {
  const own = input.releases.filter((r) => r.model === input.model);
  const mine = own.filter((r) => r.marker?.sha === input.sha).sort((a, b) => Number(a.draft) - Number(b.draft) || a.id - b.id)[0];
  if (!mine) {
    const version = nextVersion(own.map((r) => r.version), input.bump);
    return { version, tag: versionTag(input.model, version), done: false, remove: [], upload: [...input.assets], damaged: [] };
  }
  const byName = new Map(mine.assets.map((a) => [a.name, a]));
  if (!mine.draft) {
    const damaged = input.assets.filter((w) => !byName.has(w.name) || !matches(byName.get(w.name)!, w)).map((w) => w.name);
    return { version: mine.version, tag: mine.tag, release: mine, done: damaged.length === 0, remove: [], upload: [], damaged };
  }
  const wanted = new Map(input.assets.map((w) => [w.name, w]));
  const remove = mine.assets.filter((a) => !wanted.has(a.name) || !matches(a, wanted.get(a.name)!));
  const keep = new Set(mine.assets.filter((a) => !remove.includes(a)).map((a) => a.name));
  return { version: mine.version, tag: mine.tag, release: mine, done: false, remove, upload: input.assets.filter((w) => !keep.has(w.name)), damaged: [] };
}
