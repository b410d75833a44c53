/**
 * Promotion: a Deployment of a version's tag to the stage's environment `<model>-<stage>`, with the version, sha256 and
 * lineage in the payload, and a status that carries the policy decision — success, or failure naming each refused
 * rule. One promotion per model-stage at a time (lock `promote/<model>/<stage>`); a redelivered trigger finds its
 * deployment by the payload's `trigger` and only finishes what is missing. Rollback is a new deployment of the
 * previous successful version.
 */
import type { ResolvedModel } from '../lib/config/types.js';
import { decidePromotion, decisionMarkdown, roleAtLeast, statusDescription, type PromotionDecision } from '../lib/governance/index.js';
import { stageRule } from '../lib/policies/index.js';
import {
  appendAudit, championOf, deploymentPayload, environmentName, readDeploymentPayload, rollbackTarget, type RegistryRelease,
} from '../lib/registry/index.js';
import type { AppDeps } from './deps.js';
import { isHttpStatus, retryNotFound } from './github/client.js';
import { upsertMarkedComment } from './github/comments.js';
import { roleOf } from './github/pull-governance.js';
import { loadRepoPolicy } from './github/repo-settings.js';
import { listStageDeployments, toRegistryRelease } from './github/registry-reader.js';
import { gatherPromotionFacts } from './promotion-facts.js';

/** A promotion request. */
export interface PromotionRequest {
  model: ResolvedModel;
  version: string;
  stage: string;
  requester: string;
  /** Natural key of what asked (see DeploymentPayload.trigger). */
  trigger: string;
  /** Rollbacks re-deploy a version the stage already ran: only the stage and role rules apply. */
  rollbackOf?: string;
}

/** The outcome. */
export interface PromotionOutcome {
  deploymentId?: number;
  decision: PromotionDecision;
  /** True when a redelivery found the deployment already decided. */
  replay: boolean;
}

const terminal = new Set(['success', 'failure', 'error']);

/** Requests a promotion: decides by policy, records the deployment and its status, tells the PR, audits the release. */
export async function promote(deps: AppDeps, req: PromotionRequest): Promise<PromotionOutcome> {
  const { gh, where } = deps;
  const tag = `${req.model.name}/v${req.version}`;
  // The release event can arrive before every replica knows the release: a 404 is retried before it counts.
  const api = await retryNotFound(() => gh.rest.repos.getReleaseByTag({ ...where, tag })).then((r) => r.data, (e: unknown) => { if (isHttpStatus(e, 404)) return undefined; throw e; });
  const release = api ? toRegistryRelease(api) : undefined;
  if (!release) return { decision: { allowed: false, rules: [{ id: 'version', passed: false, reason: `${tag} is not a published version` }] }, replay: false };
  const environment = environmentName(req.model.name, req.stage);
  return deps.locks.withLock(`promote/${req.model.name}/${req.stage}`, 2 * 60_000, async () => {
    const deployments = await listStageDeployments(gh, where, environment);
    const earlier = deployments.find((d) => readDeploymentPayload(d.payload)?.trigger === req.trigger);
    if (earlier && earlier.statuses.some((s) => terminal.has(s.state))) {
      const last = [...earlier.statuses].sort((a, b) => b.id - a.id)[0]!;
      return { deploymentId: earlier.id, decision: { allowed: last.state === 'success', rules: [{ id: 'replay', passed: last.state === 'success', reason: last.description }] }, replay: true };
    }
    if (!req.rollbackOf && championOf(deployments, environment)?.version === req.version) {
      return { decision: { allowed: true, rules: [{ id: 'champion', passed: true, reason: `${tag} is already the champion of ${req.stage}` }] }, replay: true };
    }
    const gathered = await gatherPromotionFacts(deps, { model: req.model, release, stage: req.stage, requester: req.requester });
    let decision = decidePromotion(gathered.facts);
    if (req.rollbackOf) decision = { rules: decision.rules.filter((r) => r.id === 'stage' || r.id === 'role'), allowed: decision.rules.filter((r) => r.id === 'stage' || r.id === 'role').every((r) => r.passed) };
    const stage = req.model.promotion.stages.find((s) => s.name === req.stage);
    const lineage = gathered.lineage;
    let deploymentId = earlier?.id;
    if (deploymentId === undefined) {
      const payload = deploymentPayload({
        model: req.model.name, version: req.version, tag, stage: req.stage, kind: stage?.kind ?? 'normal', traffic_percent: stage?.traffic_percent ?? 100,
        sha256: lineage?.modelFile.sha256 ?? '',
        lineage: { code_sha: lineage?.code.sha ?? '', ...(lineage?.pullRequest ? { pull_request: lineage.pullRequest.number } : {}), ...(lineage?.evaluation.reportSha256 ? { evaluation_sha256: lineage.evaluation.reportSha256 } : {}), ...(lineage?.training?.runId ? { training_run: lineage.training.runId } : {}) },
        requested_by: req.requester, trigger: req.trigger, ...(req.rollbackOf ? { rollback_of: req.rollbackOf } : {}),
      });
      const last = req.model.promotion.stages[req.model.promotion.stages.length - 1]?.name === req.stage;
      const { data } = await gh.rest.repos.createDeployment({
        ...where, ref: tag, environment, payload: payload as unknown as Record<string, unknown>, auto_merge: false, required_contexts: [], production_environment: last, transient_environment: false,
        description: `${req.rollbackOf ? 'rollback' : 'promote'} ${tag} to ${req.stage} for @${req.requester}`,
      });
      deploymentId = (data as { id: number }).id;
    }
    await gh.rest.repos.createDeploymentStatus({ ...where, deployment_id: deploymentId, state: decision.allowed ? 'success' : 'failure', description: statusDescription(decision), log_url: release.url, auto_inactive: true });
    const verb = req.rollbackOf ? `rolled back ${req.stage} from ${req.rollbackOf} to` : `promoted to ${req.stage}:`;
    const headline = decision.allowed ? `✅ @${req.requester} ${verb} \`${tag}\`` : `❌ ${req.rollbackOf ? 'rollback' : 'promotion'} of \`${tag}\` to ${req.stage} requested by @${req.requester} was refused`;
    await audit(deps, release, { key: `deployment-${deploymentId}`, at: new Date(deps.now()).toISOString(), text: `${headline} (deployment ${deploymentId}): ${decision.rules.map((r) => `${r.passed ? '✓' : '✗'} ${r.id}`).join(', ')}` });
    if (lineage?.pullRequest) {
      const author = lineage.pullRequest.author;
      await upsertMarkedComment(gh, where, lineage.pullRequest.number, `<!-- mlops:promotion deployment=${deploymentId} -->`, `@${author} ${headline} (deployment ${deploymentId}).\n\n${decisionMarkdown(decision)}`);
    }
    return { deploymentId, decision, replay: false };
  });
}

/** Appends one audit entry to the release notes (idempotent by key). */
async function audit(deps: AppDeps, release: RegistryRelease, entry: { key: string; at: string; text: string }): Promise<void> {
  const { data } = await deps.gh.rest.repos.getRelease({ ...deps.where, release_id: release.id });
  const body = appendAudit(data.body ?? '', entry);
  if (body !== data.body) await deps.gh.rest.repos.updateRelease({ ...deps.where, release_id: release.id, body });
}

/** Rolls `stage` back to its previous successful version (a new deployment), checked by role. */
export async function rollback(deps: AppDeps, input: { model: ResolvedModel; stage: string; requester: string; trigger: string }): Promise<PromotionOutcome> {
  // Checked before anything is written: someone below the stage's role could not create the deployment anyway.
  const limits = stageRule((await loadRepoPolicy(deps.gh, deps.where, input.model.promotion.policy)).policy, input.stage);
  const role = await roleOf(deps.gh, deps.where, input.requester);
  if (!roleAtLeast(role, limits.min_role)) {
    return { decision: { allowed: false, rules: [{ id: 'role', passed: false, reason: `@${input.requester} has role ${role}; ${input.stage} needs ${limits.min_role} or higher` }] }, replay: false };
  }
  const environment = environmentName(input.model.name, input.stage);
  const target = rollbackTarget(await listStageDeployments(deps.gh, deps.where, environment), environment);
  if (!target.ok) return { decision: { allowed: false, rules: [{ id: 'rollback', passed: false, reason: target.reason }] }, replay: false };
  return promote(deps, { model: input.model, version: target.to.version, stage: input.stage, requester: input.requester, trigger: input.trigger, rollbackOf: target.from.version });
}
