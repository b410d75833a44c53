/** Resolves a version spec (`churn@production`, `churn@1.3.0`, `churn@latest`) against the registry's releases. */
import semver from 'semver';
import { championOf } from './champion.js';
import { environmentName } from './version-tag.js';
import type { VersionSpec } from './version-spec.js';
import type { RegistryRelease, StageDeployment } from './types.js';

/** What a spec resolved to. */
export type Resolution =
  | { ok: true; release: RegistryRelease; via: 'version' | 'latest' | 'stage'; deploymentId?: number }
  | { ok: false; reason: string; hint: string };

/** Published (non-draft) releases of `model`, newest version first. */
export function publishedVersions(releases: RegistryRelease[], model: string): RegistryRelease[] {
  return releases.filter((r) => r.model === model && !r.draft).sort((a, b) => semver.rcompare(a.version, b.version));
}

/** Finds the release a spec names; a stage resolves through its champion deployment. */
export function resolveVersion(spec: VersionSpec, releases: RegistryRelease[], deployments: StageDeployment[]): Resolution {
  const published = publishedVersions(releases, spec.model);
  const known = published.map((r) => r.version).slice(0, 5).join(', ') || 'none';
  if (spec.kind === 'latest') {
    const release = published[0];
    return release ? { ok: true, release, via: 'latest' } : { ok: false, reason: `model ${spec.model} has no published version`, hint: 'merge a model pull request to register one' };
  }
  if (spec.kind === 'version') {
    const release = published.find((r) => r.version === spec.version);
    return release
      ? { ok: true, release, via: 'version' }
      : { ok: false, reason: `${spec.model}/v${spec.version} is not a published version`, hint: `published versions: ${known}` };
  }
  const environment = environmentName(spec.model, spec.stage);
  const champion = championOf(deployments, environment);
  if (!champion) return { ok: false, reason: `stage ${spec.stage} of ${spec.model} (environment ${environment}) has no successful deployment`, hint: 'promote a version to it first' };
  const release = published.find((r) => r.version === champion.version);
  return release
    ? { ok: true, release, via: 'stage', deploymentId: champion.deployment.id }
    : { ok: false, reason: `${environment}'s champion ${champion.version} has no published release`, hint: 'the release may have been deleted; roll back or promote another version' };
}
