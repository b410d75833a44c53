/**
 * Gathers the facts of a promotion from GitHub (the version's lineage and reports, the PR's approvals now, roles,
 * drift incidents, the stage champion's metrics, the previous stage's history, protection rules) for
 * lib/governance's decidePromotion. Shared by release-based promotion and the deployment protection rule.
 */
import type { ResolvedModel } from '../lib/config/types.js';
import type { EvidenceKind, RepoRole } from '../lib/policies/types.js';
import type { PromotionFacts } from '../lib/governance/index.js';
import { championOf, environmentName, firstSuccessOf, type Lineage, type RegistryRelease, type StageDeployment } from '../lib/registry/index.js';
import type { AppDeps } from './deps.js';
import { isHttpStatus } from './github/client.js';
import { listDriftIncidents } from './github/drift-issues.js';
import { pullGovernance, roleOf } from './github/pull-governance.js';
import { downloadAsset, listStageDeployments } from './github/registry-reader.js';
import { loadRepoPolicy } from './github/repo-settings.js';

/** Which release asset is which policy evidence (`drift`: the predictions profile, the baseline monitoring compares). */
const evidenceAssets: Record<string, EvidenceKind> = {
  'validation.json': 'validation',
  'training-profile.json': 'profile',
  'predictions-profile.json': 'drift',
  'evaluation.json': 'evaluation',
  'training.json': 'training',
  'lineage.json': 'bundle',
};

/** A JSON asset of a release, parsed; undefined when the release has no such asset. */
export async function readJsonAsset<T>(deps: AppDeps, release: RegistryRelease, name: string): Promise<T | undefined> {
  const asset = release.assets.find((a) => a.name === name);
  if (!asset) return undefined;
  return JSON.parse((await downloadAsset(deps.gh, deps.where, asset.id)).toString('utf8')) as T;
}

/** The facts plus what the caller needs to act on the decision. */
export interface GatheredFacts {
  facts: PromotionFacts;
  lineage?: Lineage;
  deployments: StageDeployment[];
}

/**
 * Who vouches for a promotion: the approvers of the PR head, plus the requester (releasing a version is a deliberate
 * act), unless the requester wrote the PR (nobody approves their own change).
 */
async function stageReviewers(deps: AppDeps, approvers: Array<{ login: string; role: RepoRole | 'none' }>, requester: string, author: string | undefined): Promise<Array<{ login: string; role: RepoRole | 'none' }>> {
  if (requester === author || approvers.some((a) => a.login === requester)) return approvers;
  return [...approvers, { login: requester, role: await roleOf(deps.gh, deps.where, requester) }];
}

/** Gathers everything decidePromotion reads for `release` going to `stage` at `requester`'s request. */
export async function gatherPromotionFacts(deps: AppDeps, input: { model: ResolvedModel; release: RegistryRelease; stage: string; requester: string }): Promise<GatheredFacts> {
  const { gh, where } = deps;
  const { model, release, stage } = input;
  const policy = (await loadRepoPolicy(gh, where, model.promotion.policy)).policy;
  const lineage = await readJsonAsset<Lineage>(deps, release, 'lineage.json');
  const primary = model.evaluation?.primaryMetric ?? Object.keys(lineage?.evaluation.metrics ?? {})[0];
  const pr = lineage?.pullRequest ? await pullGovernance(gh, where, lineage.pullRequest.number, model, policy) : undefined;
  const validation = await readJsonAsset<{ passed: boolean }>(deps, release, 'validation.json');
  const environment = environmentName(model.name, stage);
  const deployments = await listStageDeployments(gh, where, environment);
  const champion = championOf(deployments, environment);
  let championFacts: PromotionFacts['champion'];
  if (champion && champion.version !== release.version && primary) {
    const champRelease = await gh.rest.repos.getReleaseByTag({ ...where, tag: `${model.name}/v${champion.version}` }).then((r) => r.data, (e: unknown) => { if (isHttpStatus(e, 404)) return undefined; throw e; });
    const champLineage = champRelease ? await readJsonAsset<Lineage>(deps, { ...release, assets: champRelease.assets.map((a) => ({ id: a.id, name: a.name, bytes: a.size, url: a.url })) }, 'lineage.json') : undefined;
    championFacts = { version: champion.version, value: champLineage?.evaluation.metrics[primary] ?? null };
  }
  const index = model.promotion.stages.findIndex((s) => s.name === stage);
  const previous = index > 0 ? model.promotion.stages[index - 1]! : undefined;
  const previousEnv = previous ? environmentName(model.name, previous.name) : undefined;
  const previousSince = previousEnv ? firstSuccessOf(await listStageDeployments(gh, where, previousEnv), previousEnv, release.version) : undefined;
  const drift = await listDriftIncidents(gh, where, 'all', model.name);
  let protectionRuleInstalled: boolean | undefined;
  try {
    const { data } = await gh.rest.repos.getAllDeploymentProtectionRules({ ...where, environment_name: environment });
    protectionRuleInstalled = (data.custom_deployment_protection_rules ?? []).some((r) => r.app.id === deps.appId && r.enabled);
  } catch (error) {
    if (!isHttpStatus(error, 404)) throw error;
    protectionRuleInstalled = false;
  }
  const facts: PromotionFacts = {
    model: model.name,
    version: release.version,
    stage,
    stages: model.promotion.stages,
    policy,
    requester: { login: input.requester, role: await roleOf(gh, where, input.requester) },
    reviewers: await stageReviewers(deps, pr?.reviewers ?? [], input.requester, pr?.author),
    ...(pr ? { approvals: pr.approvals } : {}),
    evaluationConclusion: lineage?.evaluation.conclusion ?? 'missing (the version has no lineage.json)',
    ...(validation ? { validationPassed: validation.passed === true } : {}),
    evidence: [...new Set(release.assets.map((a) => evidenceAssets[a.name]).filter((k): k is EvidenceKind => k !== undefined))],
    openDriftIssues: drift.filter((d) => d.state === 'open').map((d) => ({ number: d.number, createdAt: d.createdAt })),
    driftIssuesSince: drift.map((d) => ({ number: d.number, createdAt: d.createdAt })),
    ...(primary ? { primaryMetric: primary, candidateValue: lineage?.evaluation.metrics[primary] ?? null } : {}),
    ...(championFacts ? { champion: championFacts } : {}),
    ...(previousSince ? { previousStageSince: previousSince } : {}),
    protectionRuleInstalled,
    now: deps.now(),
  };
  return { facts, ...(lineage ? { lineage } : {}), deployments };
}
