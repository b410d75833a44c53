/**
 * Starts a retraining run of a model on the default branch's tip (fresh data is the workflow's business). Drift
 * starts one at most once per cooldown: the lock `retrain/<model>` is taken with the cooldown as its TTL and never
 * released, so replicas and redeliveries agree without any state of ours; a failed dispatch gives the lock back.
 */
import type { ResolvedModel } from '../../lib/config/types.js';
import { configDefaults } from '../../lib/config/resolve-config.js';
import { formatDuration } from '../../lib/config/duration.js';
import { retrainLockKey } from '../../lib/incidents/index.js';
import type { AppDeps } from '../deps.js';
import { dispatchWorkflow, type DispatchOutcome } from './dispatch-workflow.js';

/** Why the run is wanted. */
export interface RetrainRequest {
  model: ResolvedModel;
  /** One line for the run (`drift #12 (high)`, `/mlops retrain by @alice`). */
  reason: string;
  /** The drift incident it answers, linked from the PR. */
  incident?: number;
  /** Drift-triggered runs honour the cooldown; a person's `/mlops retrain` does not. */
  cooldown: boolean;
}

/** Dispatches the model's retraining workflow. */
export async function startRetraining(deps: AppDeps, req: RetrainRequest): Promise<DispatchOutcome & { cooldown?: boolean }> {
  const workflow = req.model.monitoring?.retrain_workflow ?? configDefaults.retrainWorkflow;
  if (!req.model.training) return { ok: false, reason: `${req.model.name} has no \`training\` section to retrain with` };
  const cooldownMs = req.model.monitoring?.retrainCooldownMs ?? 7 * 86_400_000;
  const lock = req.cooldown ? await deps.locks.tryAcquire(retrainLockKey(req.model.name), cooldownMs) : undefined;
  if (req.cooldown && !lock) return { ok: false, cooldown: true, reason: `${req.model.name} was retrained less than ${formatDuration(cooldownMs)} ago (monitoring.retrain_cooldown)` };
  try {
    const repo = (await deps.gh.rest.repos.get({ ...deps.where })).data;
    const branch = (await deps.gh.rest.repos.getBranch({ ...deps.where, branch: repo.default_branch })).data;
    const outcome = await dispatchWorkflow(deps.gh, deps.where, {
      workflow,
      ref: repo.default_branch,
      required: ['sha', 'model'],
      inputs: { sha: branch.commit.sha, model: req.model.name, reason: req.reason, ...(req.incident !== undefined ? { incident: String(req.incident) } : {}) },
    });
    if (!outcome.ok) await lock?.release();
    return outcome;
  } catch (error) {
    await lock?.release();
    throw error;
  }
}
