/**
 * Champions and rollbacks from deployment history. The champion of a stage is its latest successful deployment: the
 * newest deployment that ever reached `success` (a later success marks it `inactive`, so "ever" matters). A rollback is
 * a new deployment of the previous successful version, never a rewrite of history.
 */
import { parseVersionTag } from './version-tag.js';
import type { StageDeployment } from './types.js';

/** A deployment that reached success, with the version it deployed. */
export interface Champion {
  deployment: StageDeployment;
  version: string;
  /** When its first success status was written. */
  since: string;
}

/** The version a deployment deployed: its payload's `version`, else the version in its ref's tag. */
export function deployedVersion(deployment: StageDeployment): string | undefined {
  const payload = deployment.payload;
  if (payload && typeof payload === 'object' && typeof (payload as { version?: unknown }).version === 'string') {
    return (payload as { version: string }).version;
  }
  return parseVersionTag(deployment.ref)?.version;
}

/** When the deployment first reached success, or undefined if it never did. */
export function successSince(deployment: StageDeployment): string | undefined {
  const successes = deployment.statuses.filter((s) => s.state === 'success').sort((a, b) => a.id - b.id);
  return successes[0]?.createdAt;
}

/** Successful deployments of `environment`, newest first. */
export function successfulDeployments(deployments: StageDeployment[], environment: string): Champion[] {
  const out: Champion[] = [];
  for (const d of [...deployments].sort((a, b) => b.id - a.id)) {
    if (d.environment !== environment) continue;
    const since = successSince(d);
    const version = deployedVersion(d);
    if (since !== undefined && version !== undefined) out.push({ deployment: d, version, since });
  }
  return out;
}

/** The champion of `environment`: its latest successful deployment, or undefined when none succeeded. */
export function championOf(deployments: StageDeployment[], environment: string): Champion | undefined {
  return successfulDeployments(deployments, environment)[0];
}

/** What a rollback of `environment` would deploy. */
export type RollbackTarget =
  | { ok: true; from: Champion; to: Champion }
  | { ok: false; reason: string };

/**
 * The previous successful version of `environment`: the newest successful deployment before the champion whose
 * version differs from the champion's (re-deploys of the same version are skipped).
 */
export function rollbackTarget(deployments: StageDeployment[], environment: string): RollbackTarget {
  const history = successfulDeployments(deployments, environment);
  const current = history[0];
  if (!current) return { ok: false, reason: `${environment} has no successful deployment to roll back from` };
  const previous = history.find((c) => c.version !== current.version);
  if (!previous) return { ok: false, reason: `${environment} has had no version other than ${current.version}: nothing to roll back to` };
  return { ok: true, from: current, to: previous };
}

/** When `version` first reached success in `environment` (its soak start), or undefined. */
export function firstSuccessOf(deployments: StageDeployment[], environment: string, version: string): string | undefined {
  const times = successfulDeployments(deployments, environment)
    .filter((c) => c.version === version)
    .map((c) => c.since)
    .sort();
  return times[0];
}
