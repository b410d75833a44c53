/**
 * A model version is a Release tagged `<model>/v<semver>`: one repository can hold the registry of several models, and
 * the tag sorts and reads as "model churn, version 1.3.0".
 */
import semver from 'semver';
import { BadInputError } from '../errors.js';

/** Model names as `.github/mlops.yml` allows them (also a tag path segment). */
const modelPattern = /^[a-z0-9][a-z0-9_-]*$/i;

/** A tag split into its model and version. */
export interface VersionTag {
  model: string;
  /** `MAJOR.MINOR.PATCH`, without the `v`. */
  version: string;
}

/** The release tag of `model` at `version` (`1.3.0` or `v1.3.0`), e.g. `churn/v1.3.0`. */
export function versionTag(model: string, version: string): string {
  const clean = semver.valid(version.replace(/^v/, ''));
  if (!modelPattern.test(model)) throw new BadInputError('bad-model-name', `'${model}' is not a model name`, { hint: 'model names are letters, digits, "-" and "_"' });
  if (!clean) throw new BadInputError('bad-version', `'${version}' is not a semantic version`, { hint: 'write MAJOR.MINOR.PATCH, e.g. 1.3.0' });
  return `${model}/v${clean}`;
}

/** The model and version a tag names, or undefined when the tag is not a model version tag. */
export function parseVersionTag(tag: string): VersionTag | undefined {
  const slash = tag.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const model = tag.slice(0, slash);
  const rest = tag.slice(slash + 1);
  if (!modelPattern.test(model) || !rest.startsWith('v')) return undefined;
  const version = semver.valid(rest.slice(1));
  return version && version === rest.slice(1) ? { model, version } : undefined;
}

/** Versions ordered newest first (semver precedence). */
export function sortVersionsDescending(versions: string[]): string[] {
  return [...versions].sort((a, b) => semver.rcompare(a, b));
}

/** The environment that holds stage `stage` of `model`: `<model>-<stage>`. */
export function environmentName(model: string, stage: string): string {
  return `${model}-${stage}`;
}
