/** What an incident shows besides the drift: the stage's champion (version, model sha256, release) and whom to assign. */
import type { ResolvedModel } from '../../lib/config/types.js';
import { ownerAssignees } from '../../lib/incidents/index.js';
import { championOf, environmentName, readDeploymentPayload } from '../../lib/registry/index.js';
import type { AppDeps } from '../deps.js';
import { isHttpStatus } from '../github/client.js';
import { listStageDeployments } from '../github/registry-reader.js';

/** The champion of `stage`, with its release page when the release exists. */
export async function stageChampion(deps: AppDeps, model: string, stage: string): Promise<{ version: string; sha256?: string; releaseUrl?: string } | undefined> {
  const environment = environmentName(model, stage);
  const champion = championOf(await listStageDeployments(deps.gh, deps.where, environment), environment);
  if (!champion) return undefined;
  const sha256 = readDeploymentPayload(champion.deployment.payload)?.sha256;
  const release = await deps.gh.rest.repos.getReleaseByTag({ ...deps.where, tag: `${model}/v${champion.version}` }).then((r) => r.data, (e: unknown) => { if (isHttpStatus(e, 404)) return undefined; throw e; });
  return { version: champion.version, ...(sha256 ? { sha256 } : {}), ...(release ? { releaseUrl: release.html_url } : {}) };
}

/** Logins to assign for the model's owner (a team's members when the app may list them). */
export async function assigneesFor(deps: AppDeps, model: ResolvedModel): Promise<string[]> {
  const name = model.owner.replace(/^@/, '');
  if (!name.includes('/')) return ownerAssignees(model.owner);
  const [org, slug] = name.split('/') as [string, string];
  try {
    const members = await deps.gh.paginate(deps.gh.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 });
    return ownerAssignees(model.owner, members.map((m) => m.login));
  } catch (error) {
    if (isHttpStatus(error, 403, 404)) return [];
    throw error;
  }
}
