/**
 * Dependency cascades: a promotion of, or drift on, an upstream model opens (or updates) one notice issue per
 * dependent model for its owner, and with `on_upstream_change: evaluate` dispatches the dependent's evaluation on the
 * default branch against the new upstream. Each event is recorded once on the notice (a marked comment keyed by the
 * event), so a redelivery neither comments nor dispatches twice.
 */
import type { ResolvedConfig } from '../../lib/config/types.js';
import { dependentsOf, upstreamNoticeMarker, upstreamNoticeTitle } from '../../lib/incidents/index.js';
import type { AppDeps } from '../deps.js';
import { upsertMarkedComment } from '../github/comments.js';
import { dispatchWorkflow } from '../training/dispatch-workflow.js';
import { assigneesFor } from './incident-context.js';

/** The upstream event. */
export interface UpstreamChange {
  upstream: string;
  /** One line: `promoted v1.3.0 to production`, `drift (high) in production: #12`. */
  what: string;
  /** Natural key of the event (deployment id, drift window). */
  key: string;
}

/** Notifies every dependent of `change.upstream`; returns the notice issue numbers. */
export async function notifyDependents(deps: AppDeps, config: ResolvedConfig, change: UpstreamChange): Promise<number[]> {
  const affected = dependentsOf(config.models, change.upstream);
  const out: number[] = [];
  for (const dep of affected) {
    const model = config.models.find((m) => m.name === dep.name)!;
    const marker = upstreamNoticeMarker(dep.name, change.upstream);
    const number = await deps.locks.withLock(`notice/${dep.name}/${change.upstream}`, 60_000, async () => {
      const issues = await deps.gh.paginate(deps.gh.rest.issues.listForRepo, { ...deps.where, state: 'open', per_page: 100 });
      const found = issues.find((i) => !i.pull_request && i.body?.startsWith(marker));
      const body = `${marker}\n**${dep.name}** (owner ${model.owner}) depends on **${change.upstream}** (${dep.path.join(' → ')}). Changes upstream can shift its inputs: check its evaluation before they reach production.`;
      if (found) return found.number;
      const assignees = await assigneesFor(deps, model);
      const create = (a: string[]) => deps.gh.rest.issues.create({ ...deps.where, title: upstreamNoticeTitle(dep.name, change.upstream), body, labels: ['mlops:upstream'], assignees: a });
      return (await create(assignees).catch(() => create([]))).data.number;
    });
    const recorded = await upsertMarkedComment(deps.gh, deps.where, number, `<!-- mlops:upstream-event key=${change.key} -->`, `⬆️ **${change.upstream}**: ${change.what}.`);
    if (recorded.created && model.on_upstream_change === 'evaluate' && model.evaluation) {
      const repo = (await deps.gh.rest.repos.get({ ...deps.where })).data;
      const sha = (await deps.gh.rest.repos.getBranch({ ...deps.where, branch: repo.default_branch })).data.commit.sha;
      const outcome = await dispatchWorkflow(deps.gh, deps.where, { workflow: model.evaluation.workflow, ref: repo.default_branch, required: ['sha'], inputs: { sha, model: model.name, upstream: change.upstream } });
      await deps.gh.rest.issues.createComment({ ...deps.where, issue_number: number, body: outcome.ok ? `🔬 Re-evaluating **${dep.name}** against the new upstream: [run](${outcome.runUrl}).` : `⚠️ Could not re-evaluate **${dep.name}**: ${outcome.reason}.` });
    }
    out.push(number);
  }
  return out;
}
