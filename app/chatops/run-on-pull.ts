/**
 * `/mlops train [key=value …]` and `/mlops evaluate [--champion vX]`: dispatch the model's training or evaluation
 * workflow on the PR's head branch, with the head SHA the command was checked against as the `sha` input (the job
 * fails if its checkout differs, so a push racing the dispatch cannot slip in unreviewed code).
 */
import { configDefaults } from '../../lib/config/resolve-config.js';
import { dispatchWorkflow } from '../training/dispatch-workflow.js';
import { isResult, refuse, type ChatRequest, type ChatResult } from './chat-request.js';
import { pullModel } from './pull-model.js';

/** Runs train or evaluate on the PR head. */
export async function runOnPull(req: ChatRequest): Promise<ChatResult> {
  const cmd = req.command;
  if ((cmd.name !== 'train' && cmd.name !== 'evaluate') || !req.pull) return refuse('this command works on a pull request');
  const model = await pullModel(req, cmd.model);
  if (isResult(model)) return model;
  const train = cmd.name === 'train';
  if (train && !model.training) return refuse(`${model.name} has no \`training\` section in \`.github/mlops.yml\``);
  if (!train && !model.evaluation) return refuse(`${model.name} has no \`evaluation\` section in \`.github/mlops.yml\``);
  const workflow = train ? model.training?.workflow ?? configDefaults.trainWorkflow : model.evaluation?.workflow ?? configDefaults.evaluateWorkflow;
  const inputs: Record<string, string> = { sha: req.pull.headSha, model: model.name };
  if (cmd.name === 'train') inputs.params = Object.entries(cmd.params).map(([k, v]) => `${k}=${v}`).join('\n');
  if (cmd.name === 'evaluate' && cmd.champion) inputs.champion = cmd.champion;
  const outcome = await dispatchWorkflow(req.deps.gh, req.deps.where, { workflow, ref: req.pull.headRef, inputs, required: ['sha'] });
  if (!outcome.ok) return refuse(outcome.reason);
  const what = train ? `Training of **${model.name}**` : `Evaluation of **${model.name}**${cmd.name === 'evaluate' && cmd.champion ? ` against v${cmd.champion}` : ''}`;
  const params = cmd.name === 'train' && Object.keys(cmd.params).length > 0 ? ` with ${Object.entries(cmd.params).map(([k, v]) => `\`${k}=${v}\``).join(' ')}` : '';
  return { ok: true, text: `🚀 ${what}${params} started on \`${req.pull.headRef}\` at ${req.pull.headSha.slice(0, 7)}: [${outcome.runId ? `run ${outcome.runId}` : workflow}](${outcome.runUrl}).` };
}
