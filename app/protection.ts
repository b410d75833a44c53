/**
 * The custom deployment protection rule: when a deployment targets an environment `<model>-<stage>` guarded by this
 * app, GitHub sends `deployment_protection_rule.requested`; the app decides by the same policy as release-based
 * promotion and approves or rejects through the callback URL with the reasons. Deployments from workflows are gated
 * this way; the app's own deployments pass (or fail) the same rules again. Custom protection rules exist on public
 * repositories and GitHub Enterprise; elsewhere the app's own check at promotion is the gate (docs/app.md).
 */
import type { ResolvedConfig, ResolvedModel } from '../lib/config/types.js';
import { decidePromotion, protectionComment, type PromotionDecision } from '../lib/governance/index.js';
import { readDeploymentPayload } from '../lib/registry/index.js';
import type { AppDeps } from './deps.js';
import { isHttpStatus } from './github/client.js';
import { listRegistryReleases } from './github/registry-reader.js';
import { gatherPromotionFacts } from './promotion-facts.js';

/** The parts of the event the rule needs. */
export interface ProtectionRequest {
  environment: string;
  callbackUrl: string;
  deployment: { id: number; sha: string; ref: string; creator: string; payload: unknown };
}

/** Which model and stage an environment name is, from the config. */
export function stageOfEnvironment(config: ResolvedConfig, environment: string): { model: ResolvedModel; stage: string } | undefined {
  for (const model of config.models) for (const s of model.promotion.stages) if (`${model.name}-${s.name}`.toLowerCase() === environment.toLowerCase()) return { model, stage: s.name };
  return undefined;
}

/** Decides a protection rule request and answers it; returns the decision. */
export async function reviewProtectionRule(deps: AppDeps, config: ResolvedConfig, req: ProtectionRequest): Promise<PromotionDecision> {
  const target = stageOfEnvironment(config, req.environment);
  let decision: PromotionDecision;
  if (!target) {
    decision = { allowed: false, rules: [{ id: 'stage', passed: false, reason: `environment ${req.environment} is not a stage of any model in .github/mlops.yml` }] };
  } else {
    const payload = readDeploymentPayload(req.deployment.payload);
    const releases = (await listRegistryReleases(deps.gh, deps.where, target.model.name)).filter((r) => !r.draft);
    // A workflow's deployment names a branch or sha, not a version: the version is the release built at that commit.
    const release = payload ? releases.find((r) => r.version === payload.version) : releases.find((r) => r.tag === req.deployment.ref || r.marker?.sha === req.deployment.sha);
    if (!release) {
      decision = { allowed: false, rules: [{ id: 'version', passed: false, reason: `no published version of ${target.model.name} matches ${req.deployment.ref} (${req.deployment.sha.slice(0, 7)})` }] };
    } else {
      const requester = payload?.requested_by ?? req.deployment.creator;
      const { facts } = await gatherPromotionFacts(deps, { model: target.model, release, stage: target.stage, requester });
      decision = decidePromotion(facts);
      if (payload?.rollback_of) decision = { rules: decision.rules.filter((r) => r.id === 'stage' || r.id === 'role'), allowed: decision.rules.filter((r) => r.id === 'stage' || r.id === 'role').every((r) => r.passed) };
    }
  }
  try {
    await deps.gh.request({ method: 'POST', url: req.callbackUrl, environment_name: req.environment, state: decision.allowed ? 'approved' : 'rejected', comment: protectionComment(decision).slice(0, 1024) });
  } catch (error) {
    // 422 "no pending rule": a redelivery, or someone answered first. The rule is decided either way.
    if (!isHttpStatus(error, 422)) throw error;
  }
  return decision;
}
