/**
 * When a retraining run succeeds, the app opens its pull request with the installation token: a PR opened with a
 * workflow's GITHUB_TOKEN starts no workflows, so it would never be evaluated. The run pushes its candidate to
 * `mlops/retrain/<model>/<run id>`; the PR is keyed by that branch (GitHub refuses a second PR for the same head), and
 * the model's open drift incidents get a comment linking it.
 */
import { retrainBranchPrefix } from './retrain-branch.js';
import type { AppDeps } from '../deps.js';
import { isHttpStatus } from '../github/client.js';
import { upsertMarkedComment } from '../github/comments.js';
import { listDriftIncidents } from '../github/drift-issues.js';

/** A retraining PR the app opened (or found). */
export interface RetrainPull {
  model: string;
  number: number;
  url: string;
  created: boolean;
}

/** Opens the PR of every branch retraining run `runId` pushed; returns them (empty when it pushed none). */
export async function openRetrainPulls(deps: AppDeps, run: { id: number; url: string }): Promise<RetrainPull[]> {
  const { gh, where } = deps;
  const refs = await gh.paginate(gh.rest.git.listMatchingRefs, { ...where, ref: `heads/${retrainBranchPrefix}`, per_page: 100 });
  const out: RetrainPull[] = [];
  const base = (await gh.rest.repos.get({ ...where })).data.default_branch;
  for (const ref of refs) {
    const branch = ref.ref.replace(/^refs\/heads\//, '');
    const m = /^mlops\/retrain\/([^/]+)\/(\d+)$/.exec(branch);
    if (!m || Number(m[2]) !== run.id) continue;
    const model = m[1]!;
    const incidents = (await listDriftIncidents(gh, where, 'open', model)).sort((a, b) => a.number - b.number);
    const refsLine = incidents.map((i) => `#${i.number}`).join(', ');
    const body = [
      `Retrained **${model}** on fresh data in [run ${run.id}](${run.url}).`,
      refsLine ? `Answers the drift incident(s) ${refsLine}.` : '',
      '',
      'It goes through evaluation, review and promotion like any other model pull request.',
    ].filter((l, i) => l !== '' || i === 2).join('\n');
    let pull: { number: number; html_url: string };
    let created = true;
    try {
      pull = (await gh.rest.pulls.create({ ...where, head: branch, base, title: `Retrain ${model} on fresh data (run ${run.id})`, body })).data;
    } catch (error) {
      if (!isHttpStatus(error, 422)) throw error;
      const existing = (await gh.rest.pulls.list({ ...where, head: `${where.owner}:${branch}`, state: 'all', per_page: 10 })).data[0];
      if (!existing) throw error;
      pull = existing;
      created = false;
    }
    for (const incident of incidents) {
      await upsertMarkedComment(gh, where, incident.number, `<!-- mlops:retrain-pr pr=${pull.number} -->`, `🔁 Retraining opened #${pull.number} ([run ${run.id}](${run.url})). This incident closes after the monitoring windows are clean again.`);
    }
    out.push({ model, number: pull.number, url: pull.html_url, created });
  }
  return out;
}
