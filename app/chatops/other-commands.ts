/** `/mlops retrain <model>` (a person's request: no cooldown) and `/mlops ack [for 7d]` on a drift incident. */
import { configDefaults } from '../../lib/config/resolve-config.js';
import { formatDuration, parseDuration } from '../../lib/config/duration.js';
import { acknowledgeIncident, incidentOf } from '../incidents/acknowledge.js';
import { startRetraining } from '../training/retrain.js';
import { findModel, isResult, refuse, type ChatRequest, type ChatResult } from './chat-request.js';

/** Dispatches the model's retraining workflow. */
export async function runRetrain(req: ChatRequest): Promise<ChatResult> {
  if (req.command.name !== 'retrain') return refuse('not retrain');
  const model = findModel(req, req.command.model);
  if (isResult(model)) return model;
  const incident = incidentOf(req.issue.body);
  const outcome = await startRetraining(req.deps, {
    model,
    reason: `/mlops retrain by @${req.login}`,
    ...(incident?.model === model.name && !req.issue.isPull ? { incident: req.issue.number } : {}),
    cooldown: false,
  });
  if (!outcome.ok) return refuse(outcome.reason);
  return { ok: true, text: `🚀 Retraining of **${model.name}** started: [${outcome.runId ? `run ${outcome.runId}` : 'workflow runs'}](${outcome.runUrl}). Its pull request will be opened when the run succeeds.` };
}

/** Acknowledges the drift incident the comment is on. */
export async function runAck(req: ChatRequest): Promise<ChatResult> {
  if (req.command.name !== 'ack') return refuse('not ack');
  const incident = incidentOf(req.issue.body);
  if (!incident) return refuse('`/mlops ack` works on a drift incident issue');
  const model = req.config?.models.find((m) => m.name === incident.model);
  const ms = req.command.durationMs ?? model?.monitoring?.ackForMs ?? parseDuration(configDefaults.ackFor)!;
  const until = await acknowledgeIncident(req.deps, req.issue.number, req.login, ms);
  return { ok: true, text: `🔕 Acknowledged by @${req.login} for ${formatDuration(ms)} (until ${until}): severity changes update the issue without comments until then. Clean windows still close it.` };
}
