/**
 * The production history of each model, from its deployments: which version became the champion when, and whether
 * that change moved forward (a promotion) or back (a rollback). A rollback is a new deployment of an older version
 * (issue 9: never a history rewrite), so it is told by the payload's `rollback_of` or by semver going down.
 */
import semver from 'semver';
import { readDeploymentPayload } from '../registry/deployment-payload.js';
import type { StageDeployment } from '../registry/types.js';
import { parseVersionTag } from '../registry/version-tag.js';

/** One change of a production champion. */
export interface ProductionChange {
  model: string;
  version: string;
  deploymentId: number;
  /** When the deployment's first `success` status was written. */
  at: string;
  rollback: boolean;
}

/** The model whose production environment `environment` is (`<model>-<stage>`), or undefined. */
export function productionModel(environment: string, productionStage: string): string | undefined {
  const suffix = `-${productionStage}`;
  return environment.endsWith(suffix) && environment.length > suffix.length ? environment.slice(0, -suffix.length) : undefined;
}

function versionOf(d: StageDeployment): string | undefined {
  return readDeploymentPayload(d.payload)?.version ?? parseVersionTag(d.ref)?.version;
}

function successAt(d: StageDeployment): string | undefined {
  const ok = d.statuses.filter((s) => s.state === 'success').sort((a, b) => a.id - b.id)[0];
  return ok?.createdAt;
}

/**
 * Every change of production champion, oldest first. Deployments that never succeeded changed nothing; a successful
 * deployment of the version already in production is a re-deploy, not a change.
 */
export function productionChanges(deployments: StageDeployment[], productionStage: string): ProductionChange[] {
  const successful = deployments.flatMap((d) => {
    const model = productionModel(d.environment, productionStage);
    const version = versionOf(d);
    const at = successAt(d);
    return model && version && semver.valid(version) && at ? [{ d, model, version, at }] : [];
  });
  successful.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.d.id - b.d.id);
  const champion = new Map<string, string>();
  const changes: ProductionChange[] = [];
  for (const { d, model, version, at } of successful) {
    const previous = champion.get(model);
    if (previous === version) continue;
    const marked = readDeploymentPayload(d.payload)?.rollback_of !== undefined;
    changes.push({ model, version, deploymentId: d.id, at, rollback: marked || (previous !== undefined && semver.lt(version, previous)) });
    champion.set(model, version);
  }
  return changes;
}

/** `<model>/<version>` → when that version first reached production. */
export function firstProductionTimes(changes: ProductionChange[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const c of changes) if (!first.has(`${c.model}/${c.version}`)) first.set(`${c.model}/${c.version}`, c.at);
  return first;
}
