/**
 * `/mlops promote <model> <version> to <stage>` and `/mlops rollback <model> [<stage>] [to <version>]`, through the
 * same code path as release-based promotion (app/promotion.ts: policy decision, deployment, status, audit). One
 * promotion per model-stage at a time: the lock is not waited for here — a second request is told who holds it.
 */
import { decisionMarkdown } from '../../lib/governance/index.js';
import { environmentName } from '../../lib/registry/index.js';
import { createRefLocks, LockBusyError } from '../github/lock.js';
import { promote, rollback, type PromotionOutcome } from '../promotion.js';
import { stageChampion } from '../incidents/incident-context.js';
import { refreshDashboard } from '../dashboard.js';
import { findModel, isResult, refuse, type ChatRequest, type ChatResult } from './chat-request.js';

/** Runs promote or rollback. */
export async function runPromotion(req: ChatRequest): Promise<ChatResult> {
  const cmd = req.command;
  if (cmd.name !== 'promote' && cmd.name !== 'rollback') return refuse('not a promotion command');
  const model = findModel(req, cmd.model);
  if (isResult(model)) return model;
  const stage = cmd.name === 'promote' ? cmd.stage : cmd.stage ?? model.promotion.stages[model.promotion.stages.length - 1]?.name;
  if (!stage || !model.promotion.stages.some((s) => s.name === stage)) {
    return refuse(`${model.name} has no stage \`${stage ?? ''}\` (stages: ${model.promotion.stages.map((s) => `\`${s.name}\``).join(', ')})`);
  }
  // The lock names the person and the comment, so whoever finds it held learns who is promoting.
  const holder = `@${req.login} (${cmd.name} via comment ${req.comment.id})`;
  const base = createRefLocks(req.deps.gh, req.deps.where, { holder, now: req.deps.now });
  const deps = { ...req.deps, locks: { tryAcquire: base.tryAcquire, withLock: <T>(key: string, ttl: number, fn: () => Promise<T>) => base.withLock(key, ttl, fn, 0) } };
  const trigger = `comment:${req.comment.id}`;
  let outcome: PromotionOutcome;
  try {
    if (cmd.name === 'promote') outcome = await promote(deps, { model, version: cmd.version, stage, requester: req.login, trigger });
    else if (cmd.to) {
      const current = await stageChampion(req.deps, model.name, stage);
      if (!current) return refuse(`${environmentName(model.name, stage)} has no successful deployment to roll back from`);
      if (current.version === cmd.to) return refuse(`v${cmd.to} is already the champion of ${stage}`);
      outcome = await promote(deps, { model, version: cmd.to, stage, requester: req.login, trigger, rollbackOf: current.version });
    } else outcome = await rollback(deps, { model, stage, requester: req.login, trigger });
  } catch (error) {
    if (error instanceof LockBusyError) return refuse(`a promotion of **${model.name}** to ${stage} is in progress${error.holder ? `, started by ${error.holder}` : ''}: one promotion per model and stage at a time. Comment again when it has finished.`);
    throw error;
  }
  const environment = environmentName(model.name, stage);
  const link = outcome.deploymentId !== undefined ? ` ([deployment ${outcome.deploymentId}](${req.repoUrl}/deployments/${encodeURIComponent(environment)}))` : '';
  const verb = cmd.name === 'promote' ? `promote **${model.name}** v${cmd.version} to ${stage}` : `roll back **${model.name}** in ${stage}`;
  if (!outcome.decision.allowed) return refuse(`could not ${verb}${link}:\n\n${decisionMarkdown(outcome.decision)}`);
  // The dashboard shows stage champions: a promotion made here must redraw it like a release-based one does.
  if (!outcome.replay && req.config) await refreshDashboard(req.deps, req.config);
  return { ok: true, text: `🚀 ${outcome.replay ? 'Already done: ' : ''}${verb.charAt(0).toUpperCase()}${verb.slice(1)}${link}.\n\n${decisionMarkdown(outcome.decision)}` };
}
